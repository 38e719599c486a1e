import SampleModel
import Testing

/// The secret refusal reads a key as words, whatever its spelling (issue 10, item 14).
@Suite struct SecretLikeKeyTests {
    static let secrets = [
        // the names, in every spelling
        "client_secret", "CLIENT_SECRET", "clientSecret", "ClientSecret", "client-secret", "client.secret",
        "client secret",
        " client_secret ", "client_secret\t", "clientsecret", "CLIENTSECRET", "Client-Secret", "client__secret",
        "secret", "Secret", "app_secret", "password", "Password", "db_password", "dbPassword", "passwd", "pwd", "PWD",
        "passphrase", "client_assertion", "clientAssertion", "assertion", "api_key", "apikey", "APIKey", "apiKey",
        "x-api-key", "API-KEY", "private_key", "privateKey", "PRIVATE.KEY", "access_token", "accessToken",
        "refresh_token",
        "RefreshToken", "refreshtoken", "id_token", "idToken", "token", "TOKEN", "subject_token", "credentials",
        "credential", "auth", "Authorization", "authorization", "bearer", "session", "session_id", "sessionId",
        "SESSIONID", "secret_key", "aws_access_key", "client_password", "signing_key", "cookie", "jwt",
    ]

    static let ordinary = [
        "audience", "resource", "scope", "token_url", "client_id", "clientId", "api_url", "client_secret_variable",
        "client_id_variable", "client_assertion_type", "token_type_hint", "requested_token_type", "grant_type",
        "client_authentication", "timeout_seconds", "max_attempts", "organization", "tenant", "region", "locale",
        "response_type", "redirect_uri", "state", "nonce", "prompt", "bypass", "keyword", "monkey", "secretary_name",
        "password_file", "token_endpoint", "authentication_method", "", " ", "_",
    ]

    @Test(arguments: secrets)
    func refusesEverySpellingOfACredentialName(_ key: String) {
        #expect(SecretLikeKey.matches(key), "\(key.debugDescription) should be refused")
    }

    @Test(arguments: ordinary)
    func acceptsOrdinaryKeys(_ key: String) {
        #expect(!SecretLikeKey.matches(key), "\(key.debugDescription) should be accepted")
    }

    @Test func wordsSplitCamelCaseSeparatorsAndAcronyms() {
        #expect(SecretLikeKey.words(of: "clientSecret") == ["client", "secret"])
        #expect(SecretLikeKey.words(of: "APIKey") == ["api", "key"])
        #expect(SecretLikeKey.words(of: " x-api.key_v2 ") == ["x", "api", "key", "v2"])
        #expect(SecretLikeKey.words(of: "OAuth2Token") == ["o", "auth2", "token"])
    }

    @Test(arguments: [
        "clientSecret", "client_secret ", "client_assertion", "apikey", "private_key", "pwd", "refresh_token",
        "Password",
    ])
    func extraParametersRefuseThem(_ name: String) {
        #expect(throws: ModelError.secretInConfiguration(key: name)) { try FormParameter(name: name, value: "x") }
    }

    @Test(arguments: [
        "https://auth.example.com/token?client_secret=abc", "https://auth.example.com/token?x=1&access_token=abc",
        "https://auth.example.com/token?clientSecret=abc", "https://auth.example.com/token?api%5Fkey=abc",
        "https://auth.example.com/token?a=1;password=abc", "https://auth.example.com/token?Refresh-Token=1#frag",
        "https://auth.example.com/token?client+secret=abc", "https://auth.example.com/token?token",
    ])
    func urlQueriesRefuseThem(_ url: String) {
        #expect(throws: ModelError.self) { try EndpointURL(url) }
    }

    @Test(arguments: [
        "https://auth.example.com/token?audience=x", "https://auth.example.com/token?token_type_hint=x&scope=a",
        "https://auth.example.com/secret/token",
        "https://api.example.com/v1/resource?client_id=abc",
    ])
    func urlQueriesWithOrdinaryKeysAreKept(_ url: String) throws {
        #expect(try EndpointURL(url).text == url)
    }

    @Test func theVariableNamedUnderscoreIsRefused() throws {
        #expect(throws: ModelError.reservedEnvironmentVariableName("_")) { try EnvironmentVariableName("_") }
        #expect(try EnvironmentVariableName("_X").name == "_X")
        #expect(try EnvironmentVariableName("__").name == "__")
    }
}

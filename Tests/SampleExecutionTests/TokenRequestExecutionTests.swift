import Foundation
import SampleModel
import TestSupport
import Testing

/// The token-request program of every language, run in its own runtime against the Authlib
/// server: what the server saw, what the program printed, and what it kept to itself.
@Suite struct TokenRequestExecutionTests {
    @Test(arguments: Language.allCases, SampleForm.allCases)
    func sendsExactlyTheGuidesRequestAndPrintsNoSecret(_ language: Language, _ form: SampleForm) async throws {
        let server = try await OAuthTestServer.shared.value
        let client = try await server.createClient()
        let result = try await SampleRunner.make(language, form: form).runTokenRequest(
            id: client.clientID, secret: client.clientSecret)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Got a Bearer token that expires in 3600 seconds.\n")

        let requests = try await server.log(for: client).filter(\.isToken)
        try #require(requests.count == 1)
        let request = requests[0]
        #expect(request.method == "POST")
        #expect(request.status == 200)
        #expect(request.contentType?.hasPrefix("application/x-www-form-urlencoded") == true)
        #expect(request.headers?.first { $0.key.lowercased() == "accept" }?.value == "application/json")
        #expect(request.basic == client.formEncoded, "Basic credentials must be form-encoded first (RFC 6749 §2.3.1)")
        #expect(request.form == ["grant_type": "client_credentials", "client_id": client.clientID])
        // Two fields, in any order (Go's url.Values.Encode sorts them by name).
        #expect(request.rawBody?.split(separator: "&").count == 2, "\(request.rawBody ?? "")")

        try await Secrets.expectAbsent(from: result, client: client, server: server)
    }

    @Test(arguments: Language.allCases, SampleForm.allCases)
    func aWrongSecretFailsWithTheServersErrorAndNoSecret(_ language: Language, _ form: SampleForm) async throws {
        let server = try await OAuthTestServer.shared.value
        // Authlib's own realm-less challenge; a401ChallengeFailsAtOnceWithoutRetrying plays the others.
        let client = try await server.createClient(ClientConfig(challenge: "basic"))
        let wrongSecret = client.clientSecret + "-wrong"
        let result = try await SampleRunner.make(language, form: form).runTokenRequest(
            id: client.clientID, secret: wrongSecret)
        #expect(result.status != 0)
        let answer = try #require(try await server.log(for: client).first(where: \.isToken)?.response)
        #expect(answer.error == "invalid_client")
        #expect(result.stderr.contains("invalid_client"), "\(result.stderr)")
        #expect(result.stderr.contains(try #require(answer.errorDescription)), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains(wrongSecret))
        #expect(!(result.stdout + result.stderr).contains(client.clientSecret))
    }

    static let challenges = ["basic-realm", "basic", "bearer"]
    static var challengeCases: [(Language, String, SampleForm)] {
        Language.allCases.flatMap { language in
            challenges.flatMap { challenge in SampleForm.allCases.map { (language, challenge, $0) } }
        }
    }

    /// RFC 6749 §5.2: a client that authenticated with the Authorization header gets 401 and a
    /// WWW-Authenticate challenge; RFC 7617's Basic challenge carries a realm. No sample may wait
    /// for someone to answer it, or retry.
    @Test(arguments: challengeCases)
    func a401ChallengeFailsAtOnceWithoutRetrying(_ language: Language, _ challenge: String, _ form: SampleForm)
        async throws
    {
        let server = try await OAuthTestServer.shared.value
        let client = try await server.createClient(ClientConfig(challenge: challenge))
        let runner = try await SampleRunner.make(language, form: form)
        let started = ContinuousClock.now
        let result = try runner.runTokenRequest(id: client.clientID, secret: client.clientSecret + "-wrong")
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        #expect(
            !result.timedOut, "the \(language.displayName) sample hung on a 401 with WWW-Authenticate: \(challenge)")
        #expect(result.status != 0)
        #expect(seconds < 10, "\(seconds) s")
        let requests = try await server.log(for: client).filter(\.isToken)
        #expect(requests.map(\.status) == [401], "a 401 is never retried")
        // The message is the server's own: read from the 401's body, not assumed from the status
        // (Swift on Linux must refuse the challenge yet keep the body that came before it).
        let description = try #require(requests.first?.response?.errorDescription)
        #expect(result.stderr.contains("invalid_client") && result.stderr.contains(description), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains(client.clientSecret))
    }

    @Test(arguments: Language.allCases, SampleForm.allCases)
    func anUnknownClientFails(_ language: Language, _ form: SampleForm) async throws {
        let result = try await SampleRunner.make(language, form: form).runTokenRequest(
            id: "nobody:%", secret: "s3cret/+=")
        #expect(result.status != 0)
        #expect(result.stderr.contains("invalid_client"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("s3cret/+="))
    }

    @Test(arguments: Language.allCases, SampleForm.allCases)
    func aMissingVariableIsNamed(_ language: Language, _ form: SampleForm) async throws {
        let result = try await SampleRunner.make(language, form: form).runTokenRequest(id: "someone", secret: nil)
        #expect(result.status == 1)
        #expect(result.stderr == "error: set the CLIENT_SECRET environment variable\n")
    }

    @Test(arguments: Language.allCases, SampleForm.allCases)
    func theClientSecretPostVariantIsAccepted(_ language: Language, _ form: SampleForm) async throws {
        let server = try await OAuthTestServer.shared.value
        let client = try await server.createClient(ClientConfig(authMethod: "client_secret_post"))
        let result = try await SampleRunner.make(language, .postWithScope, form: form).runTokenRequest(
            id: client.clientID, secret: client.clientSecret)
        #expect(result.status == 0, "\(result.stderr)")
        let request = try #require(try await server.log(for: client).first(where: \.isToken))
        #expect(request.authorization == nil)
        #expect(
            request.form == [
                "grant_type": "client_credentials", "client_id": client.clientID,
                "client_secret": client.clientSecret, "scope": "read write",
                "audience": "https://api.example.com",
            ])
        try await Secrets.expectAbsent(from: result, client: client, server: server)
    }

    @Test(arguments: Language.allCases, SampleForm.allCases)
    func anAnswerWithoutExpiresInOrWithAStringIsReported(_ language: Language, _ form: SampleForm) async throws {
        let server = try await OAuthTestServer.shared.value
        let runner = try await SampleRunner.make(language, form: form)
        let absent = try await server.createClient(ClientConfig(expiresIn: "absent"))
        let noLifetime = try runner.runTokenRequest(id: absent.clientID, secret: absent.clientSecret)
        #expect(
            noLifetime.stdout == "Got a Bearer token; the server did not say when it expires.\n", "\(noLifetime.stderr)"
        )
        let string = try await server.createClient(ClientConfig(expiresIn: "string"))
        let stringLifetime = try runner.runTokenRequest(id: string.clientID, secret: string.clientSecret)
        #expect(
            stringLifetime.stdout == "Got a Bearer token that expires in 3600 seconds.\n", "\(stringLifetime.stderr)")
    }

    /// A token endpoint that is down answers 503: the program fails with the status and the
    /// server's error, never hangs and never shows the secret (the complete one after its retries).
    @Test(arguments: Language.allCases, SampleForm.allCases)
    func aServerThatIsDownIsAClearError(_ language: Language, _ form: SampleForm) async throws {
        let server = try await OAuthTestServer.shared.value
        let client = try await server.createClient(ClientConfig(alwaysFail: .init(status: 503)))
        let result = try await SampleRunner.make(language, form: form).runTokenRequest(
            id: client.clientID, secret: client.clientSecret)
        #expect(result.status != 0 && !result.timedOut)
        #expect(result.stderr.contains("503") && result.stderr.contains("temporarily_unavailable"), "\(result.stderr)")
        let attempts = try await server.log(for: client).filter(\.isToken).count
        #expect(form == .complete ? attempts >= 1 : attempts == 1, "the concise form does not retry: \(attempts)")
        try await Secrets.expectAbsent(from: result, client: client, server: server)
    }

    @Test(arguments: Language.allCases)
    func aTokenTypeOtherThanBearerOrAnErrorIn2xxIsRefused(_ language: Language) async throws {
        let server = try await OAuthTestServer.shared.value
        let runner = try await SampleRunner.make(language)
        let mac = try await server.createClient(ClientConfig(tokenType: "mac"))
        #expect(try runner.runTokenRequest(id: mac.clientID, secret: mac.clientSecret).status == 1)
        let lower = try await server.createClient(ClientConfig(tokenType: "bearer", refreshToken: true))
        #expect(try runner.runTokenRequest(id: lower.clientID, secret: lower.clientSecret).status == 0)
        let error = try await server.createClient(ClientConfig(errorIn2xx: true))
        let failed = try runner.runTokenRequest(id: error.clientID, secret: error.clientSecret)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("server_error"))
    }
}

/// Checks that no output of a sample carries the client's secret or any token it was issued.
enum Secrets {
    static func expectAbsent(
        from result: ProcessResult, client: TestClient, server: OAuthTestServer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let output = result.stdout + result.stderr
        #expect(!output.contains(client.clientSecret), "the output shows the secret", sourceLocation: sourceLocation)
        #expect(
            !output.contains(client.formEncoded[1]), "the output shows the encoded secret",
            sourceLocation: sourceLocation)
        for token in try await server.tokens(for: client) {
            #expect(!output.contains(token), "the output shows an access token", sourceLocation: sourceLocation)
        }
    }
}

import Foundation
import TestSupport
import Testing

/// gen.yml's `openapi:`: the token endpoint and scopes come from the OAuth 2.0 scheme of the
/// team's OpenAPI document (3.0 or 3.1, YAML or JSON), read with OpenAPIKit; every mistake is
/// named at its line, in gen.yml or in the document.
@Suite struct OpenAPITests {
    let commands = GenCommandTests()

    static let document30 = """
        openapi: 3.0.3
        info:
          title: Payments
          version: "1"
        paths: {}
        components:
          securitySchemes:
            apiKey:
              type: apiKey
              in: header
              name: X-Key
            oauth:
              type: oauth2
              flows:
                clientCredentials:
                  tokenUrl: https://id.example.com/oauth2/token
                  scopes:
                    payments.read: Read payments
                    payments.write: Make payments

        """

    static let document31 = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Payments", "version": "1"},
          "components": {
            "securitySchemes": {
              "partners": {
                "type": "oauth2",
                "flows": {
                  "clientCredentials": {
                    "tokenUrl": "https://partners.example.com/token",
                    "scopes": {"orders:read": "Read orders"}
                  }
                }
              }
            }
          }
        }

        """

    /// A folder with gen.yml (`config`) and the document at api/openapi.<extension>.
    func workspace(config: String, document: String, extension: String = "yaml") throws -> String {
        let directory = try commands.workspace(config: config)
        try FileManager.default.createDirectory(atPath: directory + "/api", withIntermediateDirectories: true)
        try Data(document.utf8).write(to: URL(fileURLWithPath: "\(directory)/api/openapi.\(`extension`)"))
        return directory
    }

    func pythonSample(in directory: String, _ arguments: [String] = []) throws -> ProcessResult {
        try commands.run(["--lang", "python", "--snippet", "token-request"] + arguments, in: directory)
    }

    @Test func theTokenURLAndAllScopesComeFromTheOnlyOAuth2SchemeOfA30YAMLDocument() throws {
        let directory = try workspace(config: "openapi: api/openapi.yaml\n", document: Self.document30)
        let result = try pythonSample(in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TOKEN_URL = \"https://id.example.com/oauth2/token\""))
        #expect(result.stdout.contains("\"payments.read payments.write\""))
        #expect(result.stderr.isEmpty)
    }

    @Test func a31JSONDocumentAndANamedSchemeWork() throws {
        let directory = try workspace(
            config: "openapi: api/openapi.json\nsecurity_scheme: partners\n", document: Self.document31,
            extension: "json")
        let result = try pythonSample(in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TOKEN_URL = \"https://partners.example.com/token\""))
        #expect(result.stdout.contains("\"orders:read\""))
    }

    @Test func aSubsetOfScopesListedInGenYmlIsRequestedAndAnUnknownOneIsNamedAtItsLine() throws {
        let subset = try workspace(
            config: "openapi: api/openapi.yaml\ntoken_request:\n  scope: payments.read\n", document: Self.document30)
        let result = try pythonSample(in: subset)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"payments.read\"") && !result.stdout.contains("payments.write"))

        let unknown = try workspace(
            config: "openapi: api/openapi.yaml\ntoken_request:\n  scope: payments.read payments.refund\n",
            document: Self.document30)
        let refused = try pythonSample(in: unknown)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "gen.yml:3:10: error: the scope \"payments.refund\" is not defined by the OpenAPI scheme \"oauth\" (it defines payments.read, payments.write)\n"
        )
    }

    @Test func anExplicitTokenURLWinsAndGenSaysSoOnce() throws {
        let fromFile = try workspace(
            config: "openapi: api/openapi.yaml\ntoken_request:\n  token_url: https://other.example.com/token\n",
            document: Self.document30)
        let result = try pythonSample(in: fromFile)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TOKEN_URL = \"https://other.example.com/token\""))
        #expect(
            result.stderr
                == "gen.yml:3:14: note: token_url here is used, not the tokenUrl of the OpenAPI scheme \"oauth\" (https://id.example.com/oauth2/token)\n"
        )

        let fromOption = try workspace(config: "openapi: api/openapi.yaml\n", document: Self.document30)
        let option = try pythonSample(in: fromOption, ["--token-url", "https://cli.example.com/token"])
        #expect(option.status == 0, "\(option.stderr)")
        #expect(option.stdout.contains("TOKEN_URL = \"https://cli.example.com/token\""))
        #expect(option.stderr.contains("--token-url: note: --token-url is used, not the tokenUrl"))
        #expect(option.stderr.split(separator: "\n").count == 1)
    }

    @Test func aMissingSchemeIsNamedInGenYmlWithTheSchemesThereAre() throws {
        let directory = try workspace(
            config: "openapi: api/openapi.yaml\nsecurity_scheme: oauth2\n", document: Self.document30)
        let result = try pythonSample(in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "gen.yml:2:18: error: the OpenAPI document api/openapi.yaml has no security scheme \"oauth2\"; its OAuth 2.0 schemes: oauth\n"
        )
    }

    @Test func aSchemeWithoutAClientCredentialsFlowIsNamedAtItsLineInTheDocument() throws {
        let document = Self.document30.replacingOccurrences(
            of: "clientCredentials:\n          tokenUrl:",
            with:
                "authorizationCode:\n          authorizationUrl: https://id.example.com/authorize\n          tokenUrl:")
        #expect(document != Self.document30)
        let directory = try workspace(config: "openapi: api/openapi.yaml\n", document: document)
        let result = try pythonSample(in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("api/openapi.yaml:15:"))
        #expect(result.stderr.contains("the OAuth 2.0 scheme \"oauth\" has no clientCredentials flow"))
    }

    @Test func aSchemeThatIsNotOAuth2OrSeveralOAuth2SchemesAreRefused() throws {
        let notOAuth = try workspace(
            config: "openapi: api/openapi.yaml\nsecurity_scheme: apiKey\n", document: Self.document30)
        let result = try pythonSample(in: notOAuth)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("api/openapi.yaml:8:"), "\(result.stderr)")

        let two =
            Self.document30 + """
                    second:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: https://second.example.com/token
                          scopes: {}

                """
        let several = try workspace(config: "openapi: api/openapi.yaml\n", document: two)
        let refused = try pythonSample(in: several)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("several OAuth 2.0 schemes (oauth, second); name one with security_scheme:"))
    }

    @Test(arguments: [
        ("swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\n", "gen reads OpenAPI 3.0 and 3.1 documents"),
        ("openapi: 3.0.3\ninfo: {title: x}\npaths: {}\n", "is not a valid OpenAPI document"),
        ("openapi: 3.0.3\ninfo: [unclosed\n", "cannot be read as YAML or JSON"),
    ])
    func aDocumentGenCannotUseIsAClearError(_ document: String, _ message: String) throws {
        let directory = try workspace(config: "openapi: api/openapi.yaml\n", document: document)
        let result = try pythonSample(in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("api/openapi.yaml"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aMissingDocumentIsNamed() throws {
        let directory = try commands.workspace(config: "openapi: api/missing.yaml\n")
        let result = try pythonSample(in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("api/missing.yaml: error:"), "\(result.stderr)")
    }
}

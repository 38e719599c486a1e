import Foundation
import TestSupport
import Testing

/// gen.yml's `openapi:`: the token endpoint and scopes come from the OAuth 2.0 scheme of the
/// team's OpenAPI document (3.0 or 3.1, YAML or JSON); every mistake is named at its line, in
/// gen.yml or in the document.
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
        try commands.run(["--lang", "python", "--snippet", "token-request", "--complete"] + arguments, in: directory)
    }

    /// `scope:` with no value is not set, so the document's scopes are requested — as in the
    /// shipped docs-site/gen.yml, whose `scope:` is empty; `scope: ""` and `--scope ""` request none.
    @Test func aScopeKeyWithoutAValueUsesTheDocumentsScopesAndAnEmptyStringRequestsNone() throws {
        for unset in ["token_request:\n  scope:\n", "token_request:\n  scope: ~\n", "token_request:\n  scope: null\n"] {
            let directory = try workspace(config: "openapi: api/openapi.yaml\n" + unset, document: Self.document30)
            let result = try pythonSample(in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\"payments.read payments.write\""), "\(unset)")
        }
        for none in ["token_request:\n  scope: \"\"\n", "token_request:\n  scope: ''\n"] {
            let directory = try workspace(config: "openapi: api/openapi.yaml\n" + none, document: Self.document30)
            let result = try pythonSample(in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("payments.read") && !result.stdout.contains("\"scope\""), "\(none)")
        }
        let flag = try workspace(config: "openapi: api/openapi.yaml\n", document: Self.document30)
        let none = try pythonSample(in: flag, ["--scope", ""])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!none.stdout.contains("payments.read"))
        // The shipped configuration, pointed at the document.
        let shipped = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
        let docsSite = try workspace(config: shipped + "\nopenapi: api/openapi.yaml\n", document: Self.document30)
        try Data().write(to: URL(fileURLWithPath: docsSite + "/guide.md"))
        let fromShipped = try pythonSample(in: docsSite)
        #expect(fromShipped.status == 0, "\(fromShipped.stderr)")
        #expect(fromShipped.stdout.contains("\"payments.read payments.write\""))
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

    /// `document30` with its second scope's key written as `key` (a quoted YAML string).
    static func document30(secondScope key: String) -> String {
        document30.replacingOccurrences(of: "payments.write: Make payments", with: "\(key): Make payments")
    }

    @Test(arguments: [
        (#""payments\0write""#, "holds U+0000"),
        (#""payments\x07write""#, "holds U+0007"),
        (#""payments\twrite""#, "holds U+0009"),
        (#""payments write""#, "holds a space"),
        (#""payments\u0085write""#, "holds U+0085"),
        (#""\uFDD0write""#, "holds U+FDD0, which no sample can carry"),
        (#""""#, "is empty"),
    ])
    func aScopeTheSamplesCannotRequestIsNamedAtItsKeyInTheDocument(key: String, words: String) throws {
        let directory = try workspace(
            config: "openapi: api/openapi.yaml\n", document: Self.document30(secondScope: key))
        let result = try pythonSample(in: directory)
        // The document's mistake, exit 1: not the command line's (64).
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("api/openapi.yaml:19:13: error: "), "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func aScopeOfAJSONDocumentIsNamedAtItsKey() throws {
        let document = Self.document31.replacingOccurrences(of: "\"orders:read\"", with: "\"orders:read\\u0000\"")
        let directory = try workspace(
            config: "openapi: api/openapi.json\n", document: document, extension: "json")
        let result = try pythonSample(in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("api/openapi.json:11:24: error: the scope"), "\(result.stderr)")
    }

    /// gen's message for `url` as gen.yml's token_url, without its place.
    func genYmlVerdict(on url: String) throws -> (status: Int32, message: String) {
        let directory = try commands.workspace(config: "token_request:\n  token_url: \(url)\n")
        let result = try pythonSample(in: directory)
        return (result.status, String(result.stderr.split(separator: " error: ", maxSplits: 1).last ?? ""))
    }

    @Test(arguments: [
        "http://id.example.com/token", "https://user:secret@id.example.com/token", "ftp://id.example.com/token",
        "https://id.example.com/token?client_secret=x", "https://id.example.com/{tenant}/token",
        "https://id.example.com/a b/token", #"https://id.example.com/a"b/token"#, #"https://id.example.com/a\b/token"#,
        "https://id.example.com:99999/token", "id.example.com/token",
    ])
    func theDocumentsTokenURLGetsGenYmlsVerdictAtItsValue(url: String) throws {
        let expected = try genYmlVerdict(on: url)
        let document = Self.document30.replacingOccurrences(of: "https://id.example.com/oauth2/token", with: url)
        let directory = try workspace(config: "openapi: api/openapi.yaml\n", document: document)
        let result = try pythonSample(in: directory)
        #expect(result.status == expected.status, "\(result.stderr)")
        if expected.status == 0 {
            #expect(result.stderr.isEmpty, "\(result.stderr)")
        } else {
            #expect(result.stderr == "api/openapi.yaml:16:21: error: \(expected.message)", "\(result.stderr)")
        }
    }

    @Test func aTokenURLGenCannotUseIsNoMistakeWhenGenYmlGivesItsOwn() throws {
        let document = Self.document30.replacingOccurrences(
            of: "https://id.example.com/oauth2/token", with: "https://login.example.com/{tenant}/oauth2/token")
        let directory = try workspace(
            config:
                "openapi: api/openapi.yaml\ntoken_request:\n  token_url: https://login.example.com/payments/token\n",
            document: document)
        let result = try pythonSample(in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TOKEN_URL = \"https://login.example.com/payments/token\""))
        #expect(result.stderr.contains("note: token_url here is used, not the tokenUrl"))
    }

    static let referencing = """
        openapi: 3.1.0
        info: {title: Payments, version: "1"}
        components:
          securitySchemes:
            partners:
              $ref: '#/components/securitySchemes/shared'
            shared:
              type: oauth2
              flows:
                clientCredentials:
                  tokenUrl: https://id.example.com/token
                  scopes:
                    orders:read: Read orders

        """

    @Test func aSchemeReachedThroughARefWorksAndItsMistakesAreNamedWhereTheyLive() throws {
        let config = "openapi: api/openapi.yaml\nsecurity_scheme: partners\n"
        let result = try pythonSample(in: try workspace(config: config, document: Self.referencing))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TOKEN_URL = \"https://id.example.com/token\""))

        let insecure = Self.referencing.replacingOccurrences(of: "https://id", with: "http://id")
        let refused = try pythonSample(in: try workspace(config: config, document: insecure))
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix("api/openapi.yaml:11:21: error: \"http://id.example.com/token\" uses plain http"))

        let scope = Self.referencing.replacingOccurrences(of: "orders:read:", with: "\"orders read\":")
        let badScope = try pythonSample(in: try workspace(config: config, document: scope))
        #expect(badScope.status == 1)
        #expect(
            badScope.stderr.hasPrefix("api/openapi.yaml:13:13: error: the scope \"orders read\""), "\(badScope.stderr)")
    }

    @Test(arguments: [
        // partners names itself
        (
            ["'#/components/securitySchemes/shared'": "'#/components/securitySchemes/partners'"], 6,
            "partners → partners"
        ),
        // partners names shared, which names partners
        (["type: oauth2": "$ref: '#/components/securitySchemes/partners'"], 8, "partners → shared → partners"),
    ])
    func aReferenceCycleIsNamedAsOneAtTheRef(edits: [String: String], line: Int, cycle: String) throws {
        var document = Self.referencing
        for (old, new) in edits { document = document.replacingOccurrences(of: old, with: new) }
        let directory = try workspace(
            config: "openapi: api/openapi.yaml\nsecurity_scheme: partners\n", document: document)
        let result = try pythonSample(in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("api/openapi.yaml:\(line):13: error: "), "\(result.stderr)")
        #expect(result.stderr.contains("a reference cycle"), "\(result.stderr)")
        #expect(result.stderr.contains("(\(cycle))"), "\(result.stderr)")
        #expect(!result.stderr.contains("not an OAuth 2.0 scheme"))
    }

    @Test func anAliasBombIsRefusedAtOnceAtTheAlias() throws {
        var document = Self.document30 + "x-bomb:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...8 {
            document +=
                "  - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let directory = try workspace(config: "openapi: api/openapi.yaml\n", document: document)
        let clock = ContinuousClock()
        var result: ProcessResult?
        let elapsed = try clock.measure { result = try pythonSample(in: directory) }
        #expect(result?.status == 1)
        #expect(result?.stderr.hasPrefix("api/openapi.yaml:25:") == true, "\(result?.stderr ?? "")")
        #expect(result?.stderr.contains("alias bomb") == true)
        // Seven levels took 40 s; eight would take 400.
        #expect(elapsed < .seconds(5), "\(elapsed)")
    }

    @Test func aMissingDocumentIsNamed() throws {
        let directory = try commands.workspace(config: "openapi: api/missing.yaml\n")
        let result = try pythonSample(in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("api/missing.yaml: error:"), "\(result.stderr)")
    }
}

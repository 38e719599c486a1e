import Foundation
import GenConfig
import SampleModel
import TestSupport
import Testing

@Suite struct ConfigFileTests {
    func parse(_ yaml: String) throws(Diagnostic) -> GenConfiguration {
        try ConfigFile.parse(yaml, path: "gen.yml")
    }

    @Test func emptyFileGivesTheGuideDefaults() throws {
        #expect(try parse("") == GenConfiguration())
    }

    @Test func theDocsSiteConfigurationSpellsOutTheDefaults() throws {
        let text = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
        #expect(try ConfigFile.parse(text, path: "docs-site/gen.yml") == GenConfiguration())
    }

    @Test func openAPIKeysAreReadAndEveryKeysPlaceIsKept() throws {
        let configuration = try ConfigFile.parse(
            "openapi: ../api/openapi.yaml\nsecurity_scheme: oauth\ntoken_request:\n  scope: read\n", path: "gen.yml")
        #expect(configuration.openAPIPath == "../api/openapi.yaml")
        #expect(configuration.securityScheme == "oauth")
        #expect(
            configuration.keyLocations[.setting(.scope)] == Diagnostic.Location(path: "gen.yml", line: 4, column: 10))
        #expect(configuration.keyLocations[.securityScheme]?.line == 2)
        #expect(configuration.keyLocations[.setting(.tokenURL)] == nil)
    }

    @Test func readsEveryKey() throws {
        let configuration = try parse(
            """
            guide: other.md
            templates: ../T
            languages: [php, Python]
            groups:
              Intro: token-refresh
            api_url: https://api.example.org/me
            token_request:
              token_url: http://127.0.0.1:9/t
              client_authentication: client_secret_post
              form_encode_credentials: false
              client_id_in_body: false
              scope: read write
              extra_parameters:
                audience: https://api.example.org
                resource: r1
              client_id_variable: APP_ID
              client_secret_variable: APP_SECRET
              timeout_seconds: 7.5
            refresh_policy:
              renew_margin_seconds: 60
              max_renew_fraction: 0.25
              default_lifetime_seconds: 900
              max_attempts: 5
              initial_backoff_seconds: 0.5
              backoff_jitter: 0.2
              max_retry_after_seconds: 30
              retry_statuses: [503]
            """)
        #expect(configuration.guidePath == "other.md")
        #expect(configuration.templatesPath == "../T")
        #expect(configuration.languages == [.php, .python])
        #expect(configuration.groups == [GroupRule(heading: "Intro", snippet: .tokenRefresh)])
        let request = configuration.model.tokenRequest
        #expect(request.tokenURL.text == "http://127.0.0.1:9/t")
        #expect(request.clientAuthentication == .clientSecretPost)
        #expect(!request.formEncodesBasicCredentials && !request.sendsClientIDInBody)
        #expect(request.scope == "read write")
        #expect(request.extraParameters.map(\.name) == ["audience", "resource"])
        #expect(request.credentials.clientSecretVariable.name == "APP_SECRET")
        #expect(request.timeoutSeconds == 7.5)
        let policy = configuration.model.refreshPolicy
        #expect(
            policy.renewMarginSeconds == 60 && policy.maxRenewFraction == 0.25 && policy.defaultLifetimeSeconds == 900)
        #expect(
            policy.retry
                == RetryPolicy(
                    maxAttempts: 5, initialBackoffSeconds: 0.5, jitterFraction: 0.2,
                    maxRetryAfterSeconds: 30, retryableStatuses: [503]))
        #expect(configuration.model.apiURL.text == "https://api.example.org/me")
    }

    @Test func anUnknownKeySuggestsTheNearestOne() {
        let error = #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 2, column: 3, message: "unknown key \"scop\" in token_request",
                fixIt: "did you mean \"scope\"?")
        ) {
            try parse("token_request:\n  scop: read\n")
        }
        #expect(
            error?.description == "gen.yml:2:3: error: unknown key \"scop\" in token_request; did you mean \"scope\"?")
    }

    @Test(arguments: ["client_secret", "secret", "password", "Client-Secret"])
    func aSecretLookingKeyIsRefusedWithTheReason(_ key: String) {
        #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 2, column: 3, message: ModelError.secretInConfiguration(key: key).description)
        ) {
            try parse("token_request:\n  \(key): hunter2\n")
        }
    }

    @Test func aSecretAmongExtraParametersIsRefused() {
        #expect(throws: Diagnostic.self) { try parse("token_request:\n  extra_parameters:\n    client_secret: x\n") }
    }

    @Test func wrongTypesAreReportedAtTheirLine() {
        #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 3, column: 20, message: "timeout_seconds must be a number, like 20 or 0.5")
        ) {
            try parse("# c\ntoken_request:\n  timeout_seconds: \"20\"\n")
        }
        #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 1, column: 12,
                message: "languages must be a list, like [python, javascript, php, swift]")
        ) {
            try parse("languages: python\n")
        }
    }

    @Test func yamlSyntaxErrorsCarryTheLine() throws {
        do {
            _ = try parse("token_request:\n  scope: [unclosed\nlanguages: [php]\n")
            Issue.record("expected an error")
        } catch {
            #expect((error.location?.line ?? 0) >= 2)
            #expect(error.description.hasPrefix("gen.yml:\(error.location?.line ?? 0):"))
            #expect(error.message.hasPrefix("YAML syntax"))
        }
    }

    @Test func anUnknownLanguageOrSnippetSuggestsOne() {
        let error = #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 1, column: 20,
                message:
                    "\"pyhton\" is not a language SampleGen knows; use curl, python, javascript, php, ruby, go, java, swift",
                fixIt: "did you mean \"python\"?")
        ) {
            try parse("languages: [swift, pyhton]\n")
        }
        #expect(
            error?.description
                == "gen.yml:1:20: error: \"pyhton\" is not a language SampleGen knows; use curl, python, javascript, php, ruby, go, java, swift; did you mean \"python\"?"
        )
        #expect(throws: Diagnostic.self) { try parse("groups:\n  A: token-refrech\n") }
    }

    @Test func modelRulesAreReportedAtTheKeyTheyAreAbout() {
        #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 3, column: 17, message: "max_attempts is 0; it must be from 1 to 10")
        ) {
            try parse("refresh_policy:\n  backoff_jitter: 0.1\n  max_attempts: 0\n")
        }
        #expect(throws: Diagnostic.self) { try parse("refresh_policy:\n  retry_statuses: [401]\n") }
        #expect(throws: Diagnostic.self) { try parse("token_request:\n  token_url: http://auth.example.com/t\n") }
        // At the exact node read for the field: not a heading spelled like the key elsewhere in the file.
        let yaml = "groups:\n  timeout_seconds: token-request\ntoken_request:\n  timeout_seconds: 0\n"
        #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 4, column: 20,
                message: "timeout_seconds is 0; it must be more than 0 and at most 600")
        ) { try parse(yaml) }
        #expect(
            throws: Diagnostic.configuration(
                in: "gen.yml", line: 4, column: 23,
                message:
                    "the client ID and the client secret are both read from CLIENT_SECRET; give them different variables"
            )
        ) {
            try parse(
                "groups:\n  client_secret_variable: token-request\ntoken_request:\n  client_id_variable: CLIENT_SECRET\n"
            )
        }
    }
}

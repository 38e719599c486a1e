import Foundation
import SampleModel
import TestSupport
import Testing

/// The token manager of every language, driven through its public API by a small driver per
/// language (Tests/Execution/Drivers), against the Authlib server: what it asked for and when.
@Suite struct TokenManagerExecutionTests {
    func tokenRequests(_ client: TestClient) async throws -> [LogRecord] {
        try await OAuthTestServer.shared.value.log(for: client).filter(\.isToken)
    }

    func apiCalls(_ client: TestClient) async throws -> [LogRecord] {
        try await OAuthTestServer.shared.value.log(for: client).filter(\.isAPI)
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func theUsageMakesOneAuthorisedCall(_ language: Language, _ form: SampleForm) async throws {
        let server = try await OAuthTestServer.shared.value
        let client = try await server.createClient()
        let result = try await SampleRunner.make(language, form: form).runManagerUsage(client)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "GET \(server.apiURL) -> HTTP 200\n")
        #expect(try await apiCalls(client).map(\.status) == [200])
        try await Secrets.expectAbsent(from: result, client: client, server: server)
    }

    /// PHP's `curl_init` answers `false` when curl cannot start a request (a URL past libcurl's
    /// 8 MB limit does it): the token manager throws a clear error, never a warning and a
    /// `TypeError` from the next curl call.
    @Test func phpRequestThatCurlCannotStartIsAClearError() async throws {
        let client = try await OAuthTestServer.shared.value.createClient()
        let manager = try await ExportedSamples.samples(.guide).folder(.php) + "/token_manager.php"
        let script = """
            require $argv[1];
            $manager = new TokenManager($argv[2], $argv[3]);
            try {
                $manager->request('GET', 'http://127.0.0.1/' . str_repeat('a', 8000001));
                echo "no error\n";
            } catch (RuntimeException $e) {
                echo get_class($e), ': ', substr($e->getMessage(), 0, 60), "\n";
            }
            """
        let result = try ProcessResult.run(
            Interpreters.require("php"), ["-r", script, manager, client.clientID, client.clientSecret])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("RuntimeException: curl could not start a request to http://127.0.0.1/aaa"))
        #expect(!result.stderr.contains("TypeError") && !result.stdout.contains("Warning"), "\(result.stderr)")
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func reusesTheTokenWithinItsLifetime(_ language: Language, _ form: SampleForm) async throws {
        let client = try await OAuthTestServer.shared.value.createClient()
        let results = try await SampleRunner.make(language, form: form).drive(
            client, steps: [.repeating(20, every: 0, .request)])
        #expect(results[0].results?.map(\.status) == Array(repeating: 200, count: 20))
        #expect(try await tokenRequests(client).count == 1)
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func renewsBeforeTheTokenExpires(_ language: Language, _ form: SampleForm) async throws {
        let lifetime = 4.0
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(lifetime: lifetime))
        let results = try await SampleRunner.make(language, form: form).drive(
            client, steps: [.repeating(15, every: 0.5, .request)])
        #expect(results[0].results?.map(\.status) == Array(repeating: 200, count: 15))
        #expect(try await apiCalls(client).allSatisfy { $0.status == 200 }, "the API must never see an expired token")
        let times = try await tokenRequests(client).map(\.t)
        #expect(times.count >= 3, "a 4 s token used for 7 s is renewed at least twice: \(times)")
        for (earlier, later) in zip(times, times.dropFirst()) {
            // Renewed at half the lifetime (the margin is capped at half), so well before expiry.
            #expect(later - earlier < lifetime - 1, "renewed \(later - earlier) s after the last token")
            #expect(later - earlier > 1.5, "renewed too early: \(later - earlier) s")
        }
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func concurrentCallersShareOneTokenRequest(_ language: Language, _ form: SampleForm) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(tokenDelay: 0.5))
        let results = try await SampleRunner.make(language, form: form).drive(client, steps: [.concurrentGetToken(20)])
        let step = results[0]
        #expect(step.errors == [])
        #expect(step.tokens?.count == 20)
        #expect(Set(step.tokens ?? []).count == 1)
        #expect(try await tokenRequests(client).count == 1)
        if language == .php {
            #expect(step.sequential == true, "PHP serves one request per process; its driver runs the calls in turn")
        }
    }

    @Test func thePHPSampleSaysItIsOneRequestPerProcess() throws {
        let text = try String(
            contentsOfFile: RepositoryPaths.path("Templates/php/token-refresh.mustache"), encoding: .utf8)
        #expect(text.contains("PHP serves one request per process"))
    }

    @Test func phpDumpsAndStackTracesNeverShowTheSecretOrTheToken() async throws {
        let server = try await OAuthTestServer.shared.value
        let client = try await server.createClient()
        let result = try await SampleRunner.make(.php).runPHPLeakCheck(client)
        #expect(result.status == 255, "the last failure escapes uncaught: \(result.stderr)")
        #expect(result.stdout.contains("Object(SensitiveParameterValue)"), "traces record the arguments, redacted")
        try await Secrets.expectAbsent(from: result, client: client, server: server)
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func aRevokedTokenIsReplacedAndTheCallRetriedOnce(_ language: Language, _ form: SampleForm) async throws {
        let client = try await OAuthTestServer.shared.value.createClient()
        let results = try await SampleRunner.make(language, form: form).drive(
            client, steps: [.request, .revoke, .request, .request])
        #expect(results.compactMap(\.status) == [200, 200, 200])
        #expect(try await apiCalls(client).map(\.status) == [200, 401, 200, 200])
        #expect(try await tokenRequests(client).count == 2)
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func aSecond401IsSurfacedNotLooped(_ language: Language, _ form: SampleForm) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(bornRevoked: true))
        let results = try await SampleRunner.make(language, form: form).drive(client, steps: [.request])
        #expect(results[0].status == 401)
        #expect(try await apiCalls(client).map(\.status) == [401, 401])
        #expect(try await tokenRequests(client).count == 2)
    }

    @Test(arguments: Language.offering(.tokenRefresh))
    func a503IsRetriedAfterABackoff(_ language: Language) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(
            ClientConfig(tokenFailures: [.init(status: 503)]))
        let results = try await SampleRunner.make(language).drive(client, steps: [.request])
        #expect(results[0].status == 200, "\(results[0].error ?? "")")
        let times = try await tokenRequests(client).map(\.t)
        try #require(times.count == 2)
        // 1 s ± 10 % of backoff, plus the runtime's own handling of the 503, which a busy machine
        // stretches: at least the backoff, and less than the 2 s a second backoff would be.
        #expect(times[1] - times[0] >= 0.85 && times[1] - times[0] < 2, "1 s ± 10 %: \(times[1] - times[0])")
    }

    @Test(arguments: Language.offering(.tokenRefresh))
    func a429HonoursRetryAfter(_ language: Language) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(
            ClientConfig(tokenFailures: [.init(status: 429, retryAfter: "1")]))
        let results = try await SampleRunner.make(language).drive(client, steps: [.request])
        #expect(results[0].status == 200, "\(results[0].error ?? "")")
        let times = try await tokenRequests(client).map(\.t)
        try #require(times.count == 2)
        #expect(times[1] - times[0] >= 0.95 && times[1] - times[0] < 2, "Retry-After: 1 → \(times[1] - times[0])")
    }

    @Test(arguments: Language.offering(.tokenRefresh))
    func aPersistent503FailsClearlyAfterBoundedAttempts(_ language: Language) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(alwaysFail: .init(status: 503)))
        let results = try await SampleRunner.make(language).drive(client, steps: [.getToken])
        let error = try #require(results[0].error)
        #expect(error.contains("503") && error.contains("temporarily_unavailable"), "\(error)")
        #expect(results[0].t < 6, "3 attempts with 1 s and 2 s backoff take about 3 s, not \(results[0].t)")
        #expect(try await tokenRequests(client).count == 3)
    }

    static var challengeCases: [(Language, String)] {
        Language.offering(.tokenRefresh).flatMap { language in
            TokenRequestExecutionTests.challenges.map { (language, $0) }
        }
    }

    @Test(arguments: challengeCases)
    func aWrongSecretFailsAtOnceWhateverTheChallenge(_ language: Language, _ challenge: String) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(challenge: challenge))
        let results = try await SampleRunner.make(language).drive(
            client.withSecret(client.clientSecret + "-wrong"), steps: [.getToken])
        let error = try #require(results[0].error)
        #expect(!error.contains(client.clientSecret))
        #expect((results[0].elapsed ?? .infinity) < 5, "took \(results[0].elapsed ?? -1) s")
        let requests = try await tokenRequests(client)
        #expect(requests.map(\.status) == [401], "a 401 is never retried")
        // The server's own words, from the 401's body (Swift on Linux refuses the challenge but keeps the body).
        let description = try #require(requests.first?.response?.errorDescription)
        #expect(error.contains("invalid_client") && error.contains(description), "\(error)")
    }

    @Test(arguments: Language.offering(.tokenRefresh))
    func a400IsNeverRetried(_ language: Language) async throws {
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(alwaysFail: .init(status: 400)))
        let results = try await SampleRunner.make(language).drive(client, steps: [.getToken])
        #expect(results[0].error != nil)
        #expect(try await tokenRequests(client).count == 1)
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func aMissingExpiresInAssumesTheDefaultLifetime(_ language: Language, _ form: SampleForm) async throws {
        // The server's token really lives 2 s but does not say so: assuming 600 s, the manager
        // keeps it, meets one 401, and recovers by fetching a new one.
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(lifetime: 2, expiresIn: "absent"))
        let results = try await SampleRunner.make(language, form: form).drive(
            client, steps: [.request, .request, .sleep(2.5), .request])
        #expect(results.compactMap(\.status) == [200, 200, 200])
        #expect(try await apiCalls(client).map(\.status) == [200, 200, 401, 200])
        #expect(try await tokenRequests(client).count == 2)
    }

    @Test(arguments: Language.offering(.tokenRefresh), SampleForm.allCases)
    func anExpiresInStringIsParsed(_ language: Language, _ form: SampleForm) async throws {
        // "4" as a string: renewed at 2 s, so the call at 2.5 s never meets an expired token.
        let client = try await OAuthTestServer.shared.value.createClient(ClientConfig(lifetime: 4, expiresIn: "string"))
        let results = try await SampleRunner.make(language, form: form).drive(
            client, steps: [.request, .sleep(2.5), .request])
        #expect(results.compactMap(\.status) == [200, 200])
        #expect(try await apiCalls(client).map(\.status) == [200, 200])
        #expect(try await tokenRequests(client).count == 2)
    }
}

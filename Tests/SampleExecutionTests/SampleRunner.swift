import Foundation
import SampleModel
import SampleRendering
import TestSupport

/// Runs one language's exported samples in the language's own runtime.
struct SampleRunner: Sendable {
    let language: Language
    let samples: ExportedSamples
    var form: SampleForm = .complete

    static func make(
        _ language: Language, _ variant: ExportedSamples.Variant = .guide, form: SampleForm = .complete
    ) async throws -> SampleRunner {
        let samples = try await ExportedSamples.samples(variant)
        try samples.requireBuilt(language, form)
        return SampleRunner(language: language, samples: samples, form: form)
    }

    /// The token-request program, with the client's credentials in the environment.
    func runTokenRequest(id: String?, secret: String?) throws -> ProcessResult {
        try run(program(for: .tokenRequest), environment: Self.credentials(id: id, secret: secret))
    }

    /// The token manager's own usage: one authorised API call.
    func runManagerUsage(_ client: TestClient) throws -> ProcessResult {
        try run(
            program(for: .tokenRefresh), environment: Self.credentials(id: client.clientID, secret: client.clientSecret)
        )
    }

    /// PHP's dumps and traces of a manager holding a token, with arguments recorded in traces
    /// (`zend.exception_ignore_args=0`, PHP's default outside production), ending in an uncaught
    /// exception (see Tests/Execution/Drivers/php/leak_check.php).
    func runPHPLeakCheck(_ client: TestClient) throws -> ProcessResult {
        let script = RepositoryPaths.path("Tests/Execution/Drivers/php/leak_check.php")
        return try run(
            [
                try Interpreters.require("php"), "-d", "zend.exception_ignore_args=0",
                "-d", "zend.exception_string_param_max_len=1000000", "-d", "display_errors=stderr",
                script, samples.folder(.php),
            ],
            environment: Self.credentials(id: client.clientID, secret: client.clientSecret))
    }

    /// One driver case against the manager; the steps are the driver's ops (see the drivers).
    func drive(_ client: TestClient, steps: [DriverStep]) async throws -> [StepResult] {
        let server = try await OAuthTestServer.shared.value
        let input = DriverCase(
            clientID: client.clientID, clientSecret: client.clientSecret, apiURL: server.apiURL,
            server: server.baseURL, steps: steps)
        let json = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
        let driver = try samples.command(LanguageTesting.of(language).driver, for: language, form: form)
        let result = try run(driver + [json], environment: ["SAMPLE_DIR": samples.folder(language, form)])
        guard !result.timedOut else {
            throw DriverFailed(language: language, output: "killed after 120 s (hung)\n" + result.stderr)
        }
        guard result.status == 0, let output = result.stdout.data(using: .utf8),
            let decoded = try? JSONDecoder().decode(DriverOutput.self, from: output)
        else {
            throw DriverFailed(language: language, output: result.stdout + result.stderr)
        }
        return decoded.results
    }

    private func program(for snippet: Snippet) throws -> [String] {
        guard let words = try LanguageTesting.of(language).run[snippet.rawValue] else {
            throw DriverFailed(language: language, output: "language.json has no run command for \(snippet.rawValue)")
        }
        return try samples.command(words, for: language, form: form)
    }

    /// Runs a sample or driver; one that outlives `timeout` is killed, so a hang fails its test.
    private func run(_ command: [String], environment: [String: String], timeout: Double = 120) throws -> ProcessResult
    {
        try ProcessResult.run(
            command[0], Array(command.dropFirst()), environment: environment,
            currentDirectory: samples.folder(language, form), timeout: timeout)
    }

    private static func credentials(id: String?, secret: String?) -> [String: String] {
        // An empty value stands for "not set": every sample treats both the same way.
        ["CLIENT_ID": id ?? "", "CLIENT_SECRET": secret ?? ""]
    }

    struct DriverFailed: Error, CustomStringConvertible {
        let language: Language
        let output: String
        var description: String { "the \(language.displayName) driver failed:\n\(output)" }
    }
}

/// A driver op: request, get_token, concurrent_get_token, concurrent_request, sleep, revoke,
/// invalidate, repeat.
struct DriverStep: Encodable, Sendable {
    var op: String
    var n: Int? = nil
    var seconds: Double? = nil
    var count: Int? = nil
    var interval: Double? = nil
    var step: [DriverStep]? = nil

    static let request = DriverStep(op: "request")
    static let getToken = DriverStep(op: "get_token")
    static let revoke = DriverStep(op: "revoke")
    static let invalidate = DriverStep(op: "invalidate")
    static func sleep(_ seconds: Double) -> DriverStep { DriverStep(op: "sleep", seconds: seconds) }
    static func concurrentGetToken(_ n: Int) -> DriverStep { DriverStep(op: "concurrent_get_token", n: n) }
    static func repeating(_ count: Int, every interval: Double, _ inner: DriverStep) -> DriverStep {
        DriverStep(op: "repeat", count: count, interval: interval, step: [inner])
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(op, forKey: .op)
        try container.encodeIfPresent(n, forKey: .n)
        try container.encodeIfPresent(seconds, forKey: .seconds)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encodeIfPresent(step?.first, forKey: .step)
    }

    enum CodingKeys: String, CodingKey { case op, n, seconds, count, interval, step }
}

struct DriverCase: Encodable {
    let clientID: String
    let clientSecret: String
    let apiURL: String
    let server: String
    let steps: [DriverStep]

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case apiURL = "api_url"
        case server, steps
    }
}

struct DriverOutput: Decodable { let results: [StepResult] }

struct StepResult: Decodable, Sendable {
    let op: String
    /// When the step finished, in seconds since the driver started.
    let t: Double
    /// How long the step took, in seconds.
    let elapsed: Double?
    let status: Int?
    let error: String?
    let token: String?
    let tokens: [String]?
    let statuses: [Int]?
    let errors: [String]?
    let sequential: Bool?
    let results: [StepResult]?
}

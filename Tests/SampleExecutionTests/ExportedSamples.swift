import Foundation
import SampleModel
import SampleRendering
import TestSupport

/// The samples as `gen export` writes them, pointed at the test server through the
/// configuration — never by editing the output. Exported, and Swift compiled, once per variant.
struct ExportedSamples: Sendable {
    /// How the model differs from the guide's, besides the server's URLs.
    enum Variant: String, Sendable {
        /// The guide's model: Basic authentication, `client_id` in the body.
        case guide
        /// `client_secret_post`, a scope and an extra parameter.
        case postWithScope
        /// The guide's model with short clocks, so an outage plays out in seconds: a 1 s request
        /// timeout, a 1 s cool-down after a failed renewal, and at most 4 s of waiting for a token.
        case outage
    }

    let directory: String

    static let guide = Task { try await export(.guide) }
    static let postWithScope = Task { try await export(.postWithScope) }
    static let outage = Task { try await export(.outage) }

    static func samples(_ variant: Variant) async throws -> ExportedSamples {
        switch variant {
        case .guide: try await guide.value
        case .postWithScope: try await postWithScope.value
        case .outage: try await outage.value
        }
    }

    func folder(_ language: Language) -> String { "\(directory)/\(language.rawValue)" }

    /// The compiled Swift programs: the token request, the manager's usage, the test driver.
    func swiftBinary(_ name: String) -> String { "\(directory)/swift-bin/\(name)" }

    private static func export(_ variant: Variant) async throws -> ExportedSamples {
        let server = try await OAuthTestServer.shared.value
        let directory = try RepositoryPaths.scratchDirectory()
        var config = """
            api_url: \(server.apiURL)
            token_request:
              token_url: \(server.tokenURL)

            """
        switch variant {
        case .guide: break
        case .postWithScope:
            config += """
                  client_authentication: client_secret_post
                  scope: read write
                  extra_parameters:
                    audience: https://api.example.com

                """
        case .outage:
            config += """
                  timeout_seconds: \(OutageClock.timeout)
                refresh_policy:
                  refresh_retry_delay_seconds: \(OutageClock.coolDown)
                  max_wait_seconds: \(OutageClock.maxWait)

                """
        }
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(directory)/gen.yml"))
        let gen = RepositoryPaths.productsDirectory + "/gen"
        let export = try ProcessResult.run(gen, ["export", "--config", "\(directory)/gen.yml", "--templates",
                                                  TemplateDirectory.path, "--out", directory])
        guard export.status == 0 else { throw ExportFailed(output: export.stderr) }
        let samples = ExportedSamples(directory: directory)
        try samples.compileSwift()
        return samples
    }

    /// The two programs as the README compiles them, and the driver linked against the manager
    /// compiled as a module whose `@main` entry point is renamed, so the sample is built unedited.
    private func compileSwift() throws {
        let swift = folder(.swift)
        let bin = "\(directory)/swift-bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let swiftc = try Interpreters.require("swiftc")
        let request = "\(swift)/\(SampleFolder.fileName(of: .tokenRequest, in: .swift))"
        let manager = "\(swift)/\(SampleFolder.fileName(of: .tokenRefresh, in: .swift))"
        let independent: [(String, [String])] = [
            ("fetch-token", ["-Onone", "-parse-as-library", request, "-o", swiftBinary("fetch-token")]),
            ("token-manager", ["-Onone", "-parse-as-library", manager, "-o", swiftBinary("token-manager")]),
            ("the manager module", [
                "-Onone", "-parse-as-library", "-enable-testing", "-module-name", "TokenManagerSample", "-emit-module",
                "-emit-module-path", "\(bin)/TokenManagerSample.swiftmodule",
                "-Xfrontend", "-entry-point-function-name", "-Xfrontend", "tokenManagerSampleMain",
                "-c", manager, "-o", "\(bin)/TokenManagerSample.o",
            ]),
        ]
        let failures = CompileFailures()
        DispatchQueue.concurrentPerform(iterations: independent.count) { index in
            let (name, arguments) = independent[index]
            let result = try? ProcessResult.run(swiftc, arguments)
            if result?.status != 0 { failures.add("swiftc \(name):\n\(result?.stderr ?? "could not run swiftc")") }
        }
        if let failure = failures.first { throw ExportFailed(output: failure) }
        let driver = try ProcessResult.run(swiftc, [
            "-Onone", "-I", bin, RepositoryPaths.path("Tests/Execution/Drivers/swift/main.swift"),
            "\(bin)/TokenManagerSample.o", "-o", swiftBinary("driver"),
        ])
        guard driver.status == 0 else { throw ExportFailed(output: "swiftc driver:\n\(driver.stderr)") }
    }

    struct ExportFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "exporting the samples failed:\n\(output)" }
    }
}

/// The first compile failure of several run at once.
private final class CompileFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}

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
    }

    let directory: String

    static let guide = Task { try await export(.guide) }
    static let postWithScope = Task { try await export(.postWithScope) }

    static func samples(_ variant: Variant) async throws -> ExportedSamples {
        switch variant {
        case .guide: try await guide.value
        case .postWithScope: try await postWithScope.value
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
        if variant == .postWithScope {
            config += """
                  client_authentication: client_secret_post
                  scope: read write
                  extra_parameters:
                    audience: https://api.example.com

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

    private func compileSwift() throws {
        let swift = folder(.swift)
        try FileManager.default.createDirectory(atPath: "\(directory)/swift-bin", withIntermediateDirectories: true)
        let swiftc = try Interpreters.require("swiftc")
        let manager = "\(swift)/\(SampleFolder.fileName(of: .tokenRefresh, in: .swift))"
        let builds: [(String, [String])] = [
            ("fetch-token", ["-parse-as-library", "\(swift)/\(SampleFolder.fileName(of: .tokenRequest, in: .swift))"]),
            ("token-manager", [manager, "\(swift)/\(SampleFolder.swiftEntryPoint)"]),
            ("driver", [manager, RepositoryPaths.path("Tests/Execution/Drivers/swift/main.swift")]),
        ]
        for (name, sources) in builds {
            let result = try ProcessResult.run(swiftc, ["-Onone"] + sources + ["-o", swiftBinary(name)])
            guard result.status == 0 else { throw ExportFailed(output: "swiftc \(name):\n\(result.stderr)") }
        }
    }

    struct ExportFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "exporting the samples failed:\n\(output)" }
    }
}

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
    /// Why a language's programs of one form could not be built, by `key(language, form)`: only
    /// that language's tests fail, with this output.
    var buildFailures: [String: String] = [:]

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

    /// Where `gen export` put a language's programs of `form` (the concise ones in `concise/`).
    func folder(_ language: Language, _ form: SampleForm = .complete) -> String {
        form == .complete
            ? "\(directory)/\(language.rawValue)" : "\(directory)/\(language.rawValue)/\(SampleFolder.conciseFolder)"
    }

    /// The folder a language's `build` steps compile into, beside its exported folder.
    func buildFolder(_ language: Language, _ form: SampleForm = .complete) -> String {
        "\(directory)/build/\(key(language, form))"
    }

    private func key(_ language: Language, _ form: SampleForm) -> String {
        form == .complete ? language.rawValue : "\(language.rawValue)-\(form.rawValue)"
    }

    /// Throws the build's output when the language's programs of `form` could not be built.
    func requireBuilt(_ language: Language, _ form: SampleForm) throws {
        if let failure = buildFailures[key(language, form)] { throw ExportFailed(output: failure) }
    }

    /// A command of the language's `language.json` with its placeholders filled for this export.
    func command(_ words: [String], for language: Language, form: SampleForm = .complete) throws -> [String] {
        var values: [String: [String]] = [
            "build": [buildFolder(language, form)],
            "driver_folder": [LanguageTesting.driverFolder(language)],
        ]
        for snippet in language.snippets {
            let file = SampleFolder.fileName(of: snippet, in: language)
            values["sample:\(snippet.rawValue)"] = ["\(folder(language, form))/\(file)"]
        }
        return try LanguageTesting.command(words, values)
    }

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
        let export = try ProcessResult.run(
            gen,
            [
                "export", "--config", "\(directory)/gen.yml", "--templates",
                TemplateDirectory.path, "--out", directory,
            ])
        guard export.status == 0 else { throw ExportFailed(output: export.stderr) }
        var samples = ExportedSamples(directory: directory)
        for language in Language.allCases {
            for form in SampleForm.allCases {
                do {
                    try samples.build(language, form)
                } catch {
                    samples.buildFailures[samples.key(language, form)] = "\(error)"
                }
            }
        }
        return samples
    }

    /// Runs the language's `build` steps (Swift: the two programs as the README compiles them, and
    /// the driver linked against the manager compiled as a module whose `@main` entry point is
    /// renamed, so the sample is built unedited); the commands of a step run at once.
    private func build(_ language: Language, _ form: SampleForm) throws {
        let steps = try LanguageTesting.of(language).build
        guard !steps.isEmpty else { return }
        try FileManager.default.createDirectory(
            atPath: buildFolder(language, form), withIntermediateDirectories: true)
        for step in steps {
            let commands = try step.map { try command($0, for: language, form: form) }
            let failures = CompileFailures()
            DispatchQueue.concurrentPerform(iterations: commands.count) { index in
                let command = commands[index]
                let result = try? ProcessResult.run(command[0], Array(command.dropFirst()))
                if result?.status != 0 {
                    failures.add(
                        "\(command.joined(separator: " ")):\n\(result?.stderr ?? "could not run \(command[0])")")
                }
            }
            if let failure = failures.first { throw ExportFailed(output: failure) }
        }
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

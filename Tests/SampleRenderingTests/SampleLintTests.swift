import Foundation
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Every sample, for every model variant of `SampleModelVariants`, passes the strictest checker its
/// readers are likely to run: `mypy --strict`, pyright's strict mode, `ruff check` and
/// `ruff format --check` for Python (rules in Tests/Lint/ruff.toml); `node --check` and
/// `tsc --checkJs --strict` for JavaScript; `ruby -wc` and RuboCop for Ruby; `php -l` and PSR-12
/// for PHP; shellcheck with every optional check for curl; Swift 6 language mode with complete
/// concurrency checking and warnings as errors, the same with main-actor default isolation (an app
/// target's setting), and `swift format lint --strict` under the repository's `.swift-format`.
@Suite struct SampleLintTests {
    /// Variant-snippet name → sample text, for one language.
    static func samples(_ language: Language) throws -> [(name: String, text: String)] {
        let renderer = SampleRenderer(templates: try TemplateSet(TemplateDirectory.files()))
        var samples: [(name: String, text: String)] = []
        for (name, model) in SampleModelVariants.all {
            for snippet in language.snippets {
                for form in SampleForm.allCases {
                    let text = try renderer.render(snippet, in: language, model: model, form: form).fileText
                    samples.append(
                        ("\(name)_\(snippet.rawValue)_\(form.rawValue)".replacingOccurrences(of: "-", with: "_"), text))
                }
            }
        }
        return samples
    }

    /// The samples written to a scratch folder, one file each.
    static func write(_ language: Language) throws -> (directory: String, paths: [String]) {
        let directory = try RepositoryPaths.scratchDirectory()
        var paths: [String] = []
        for sample in try samples(language) {
            let path = "\(directory)/\(sample.name).\(language.fileExtension)"
            try Data(sample.text.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return (directory, paths)
    }

    static func expectClean(_ result: ProcessResult, _ tool: String) {
        #expect(result.status == 0 && !result.timedOut, "\(tool):\n\(result.stdout)\(result.stderr)")
    }

    /// shellcheck with every optional check, none left out, as
    /// `Tests/Execution/Drivers/curl/syntax_check.sh` runs it.
    @Test func curlPassesShellcheckWithEveryOptionalCheck() throws {
        let (directory, paths) = try Self.write(.curl)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ProcessResult.run(
            Interpreters.require("shellcheck"), ["--shell=bash", "--severity=style", "--enable=all"] + paths)
        Self.expectClean(result, "shellcheck --enable=all")
    }

    @Test func pythonPassesMypyStrict() throws {
        let (directory, paths) = try Self.write(.python)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ProcessResult.run(
            Interpreters.require("python3"),
            ["-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null"] + paths)
        Self.expectClean(result, "mypy --strict")
    }

    @Test func pythonPassesRuffCheckAndFormat() throws {
        let (directory, paths) = try Self.write(.python)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = RepositoryPaths.path("Tests/Lint/ruff.toml")
        let python = try Interpreters.require("python3")
        Self.expectClean(
            try ProcessResult.run(python, ["-m", "ruff", "check", "--no-cache", "--config", config] + paths),
            "ruff check")
        Self.expectClean(
            try ProcessResult.run(
                python, ["-m", "ruff", "format", "--check", "--diff", "--no-cache", "--config", config] + paths),
            "ruff format --check")
    }

    /// pyright in strict mode, for Python 3.9, finds nothing. pyright runs from basedpyright's
    /// wheel, which carries it and a Node to run it (the `pyright` package downloads them from
    /// npm on first use); its "strict" is pyright's.
    @Test func pythonPassesPyrightStrict() throws {
        let (directory, paths) = try Self.write(.python)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = "\(directory)/pyrightconfig.json"
        let settings = #"{"typeCheckingMode": "strict", "pythonVersion": "3.9"}"#
        try Data(settings.utf8).write(to: URL(fileURLWithPath: config))
        let python = try Interpreters.require("python3")
        let result = try ProcessResult.run(
            python, ["-m", "basedpyright", "--project", config, "--pythonpath", python] + paths)
        Self.expectClean(result, "pyright --strict")
    }

    /// `node --check` parses every sample as a module, and `tsc --checkJs --strict` (Debian's
    /// TypeScript 4.8, with Node's own types: `Tests/Lint/tsconfig.json`) finds nothing.
    @Test func javascriptPassesNodeCheckAndTscStrict() throws {
        let (directory, paths) = try Self.write(.javascript)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try Interpreters.require("node")
        for path in paths {
            Self.expectClean(try ProcessResult.run(node, ["--check", path]), "node --check \(path)")
        }
        let config = #"{"extends": "\#(RepositoryPaths.path("Tests/Lint/tsconfig.json"))", "include": ["*.mjs"]}"#
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(directory)/tsconfig.json"))
        let tsc = try ProcessResult.run(Interpreters.require("tsc"), ["--project", directory])
        Self.expectClean(tsc, "tsc --checkJs --strict")
    }

    /// `ruby -wc` (syntax and parse warnings) and RuboCop, under `Tests/Lint/rubocop.yml`, find nothing.
    @Test func rubyPassesWarningsAndRubocop() throws {
        let (directory, paths) = try Self.write(.ruby)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ruby = try Interpreters.require("ruby")
        for path in paths {
            let result = try ProcessResult.run(ruby, ["-wc", path])
            Self.expectClean(result, "ruby -wc \(path)")
            #expect(result.stderr.isEmpty, "ruby -wc \(path):\n\(result.stderr)")
        }
        let rubocop = try ProcessResult.run(
            Interpreters.require("rubocop"),
            ["--config", RepositoryPaths.path("Tests/Lint/rubocop.yml"), "--cache", "false", "--format", "simple"]
                + paths)
        Self.expectClean(rubocop, "rubocop")
    }

    /// `php -l` and PHP_CodeSniffer's PSR-12, warnings included (`Tests/Lint/phpcs.xml`), find nothing.
    @Test func phpPassesLintAndPSR12() throws {
        let (directory, paths) = try Self.write(.php)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let php = try Interpreters.require("php")
        for path in paths {
            Self.expectClean(try ProcessResult.run(php, ["-l", path]), "php -l \(path)")
        }
        let phpcs = try ProcessResult.run(
            Interpreters.require("phpcs"),
            ["-s", "--no-colors", "--standard=\(RepositoryPaths.path("Tests/Lint/phpcs.xml"))"] + paths)
        Self.expectClean(phpcs, "phpcs --standard=PSR12")
    }

    /// Each Swift sample is a program of its own, so each is type-checked on its own, two at a time.
    @Test(arguments: [
        ["-swift-version", "6", "-strict-concurrency=complete", "-warnings-as-errors"],
        [
            "-swift-version", "6", "-strict-concurrency=complete", "-warnings-as-errors", "-default-isolation",
            "MainActor",
        ],
    ])
    func swiftCompilesInStrictModes(_ flags: [String]) throws {
        let (directory, paths) = try Self.write(.swift)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let swiftc = try Interpreters.require("swiftc")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let arguments = ["-typecheck", "-parse-as-library"] + flags + [paths[index]]
            let result = try? ProcessResult.run(swiftc, arguments)
            if result?.status != 0 || result?.stderr.isEmpty != true {
                failures.add("swiftc \(arguments.joined(separator: " ")):\n\(result?.stderr ?? "could not run swiftc")")
            }
        }
        #expect(failures.all.isEmpty, Comment(rawValue: failures.all.joined(separator: "\n")))
    }

    @Test func swiftPassesSwiftFormatLint() throws {
        let (directory, paths) = try Self.write(.swift)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ProcessResult.run(
            Interpreters.require("swift"),
            ["format", "lint", "--strict", "--configuration", RepositoryPaths.path(".swift-format")] + paths)
        Self.expectClean(result, "swift format lint --strict")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    /// `gofmt -l` lists no Go sample, and `go vet` and staticcheck with every check
    /// (`go-staticcheck -checks all`) are clean on each on its own (each is a `package main`
    /// program of its own, as readers `go run` it).
    @Test func goPassesGofmtGoVetAndStaticcheck() throws {
        let (directory, paths) = try Self.write(.go)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gofmt = try ProcessResult.run(Interpreters.require("gofmt"), ["-l"] + paths)
        Self.expectClean(gofmt, "gofmt -l")
        #expect(gofmt.stdout.isEmpty, "gofmt -l lists files gofmt would change:\n\(gofmt.stdout)")
        let checks = [
            (try Interpreters.require("go"), ["vet"]),
            (try Interpreters.require("go-staticcheck"), ["-checks", "all"]),
        ]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: paths.count * checks.count) { index in
            let (tool, arguments) = checks[index % checks.count]
            let path = paths[index / checks.count]
            let result = try? ProcessResult.run(tool, arguments + [path])
            if result?.status != 0 || result?.stdout.isEmpty != true {
                let output = result.map { $0.stdout + $0.stderr } ?? "could not run \(tool)"
                failures.add("\(tool) \(arguments.joined(separator: " ")) \(path):\n\(output)")
            }
        }
        #expect(failures.all.isEmpty, Comment(rawValue: failures.all.joined(separator: "\n")))
    }

    /// `javac -Xlint:all -Werror` with Jackson on the class path, as the README's run line
    /// compiles the samples, finds nothing (`Tests/Execution/Drivers/java/SyntaxCheck.java`
    /// compiles each file on its own, under its public class's name).
    @Test func javaCompilesWithEveryLintAsAnError() throws {
        let (directory, paths) = try Self.write(.java)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let jackson = ["databind", "core", "annotations"].map { "/usr/share/java/jackson-\($0).jar" }
        let result = try ProcessResult.run(
            Interpreters.require("java"),
            [
                "-cp", jackson.joined(separator: ":"),
                RepositoryPaths.path("Tests/Execution/Drivers/java/SyntaxCheck.java"),
            ] + paths)
        Self.expectClean(result, "javac -Xlint:all -Werror")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}

/// Failure messages gathered from concurrent checks.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

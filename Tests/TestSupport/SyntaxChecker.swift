import Foundation
import SampleModel

/// Each language's own syntax check: the command-line tools one file at a time, or the same
/// parsers over a batch in one process — Python's `compile` (what `py_compile` runs), Node's
/// module parser (what `node --check` runs), PHP's `token_get_all(TOKEN_PARSE)` (what `php -l`
/// runs) and one `swiftc -parse` over every file.
public struct SyntaxChecker {
    public let language: Language
    public let mode: Mode

    public enum Mode: Sendable {
        /// `python3 -m py_compile`, `node --check`, `php -l`, `swiftc -parse`, one file at a time.
        case commandLineTools
        /// The same parsers over a whole batch in one process, for hundreds of generated files.
        case batch
    }

    public init(language: Language, mode: Mode = .commandLineTools) {
        self.language = language
        self.mode = mode
    }

    /// The checker's complaints, one per failing file; empty when every file passes.
    public func failures(in files: [String: String]) throws -> [String] {
        let directory = try RepositoryPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var paths: [String] = []
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = "\(directory)/\(name.replacingOccurrences(of: "-", with: "_")).\(language.fileExtension)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        if mode == .commandLineTools { return try toolFailures(paths) }
        switch language {
        case .python:
            let script = "import sys\nbad = 0\nfor p in sys.argv[1:]:\n    try:\n        compile(open(p, encoding='utf-8').read(), p, 'exec')\n    except SyntaxError as e:\n        print(f'{p}:{e.lineno}: {e.msg}'); bad += 1\nsys.exit(1 if bad else 0)\n"
            return try complaints(ProcessResult.run(Interpreters.require("python3"), ["-c", script] + paths))
        case .javascript:
            // Parses each file as an ES module, as `node --check` does, in one process.
            let script = "const vm = require('node:vm'); const fs = require('node:fs'); let bad = 0;\nfor (const p of process.argv.slice(1)) { try { new vm.SourceTextModule(fs.readFileSync(p, 'utf8'), { identifier: p }); } catch (e) { console.log(p + ': ' + e); bad++; } }\nprocess.exit(bad ? 1 : 0);\n"
            return try complaints(ProcessResult.run(Interpreters.require("node"), ["--experimental-vm-modules", "--no-warnings", "-e", script] + paths))
        case .php:
            // token_get_all with TOKEN_PARSE runs PHP's parser, as `php -l` does, in one process.
            let script = "$bad = 0; foreach (array_slice($argv, 1) as $p) { try { token_get_all(file_get_contents($p), TOKEN_PARSE); } catch (ParseError $e) { echo $p, ':', $e->getLine(), ': ', $e->getMessage(), \"\\n\"; $bad++; } } exit($bad ? 1 : 0);"
            return try complaints(ProcessResult.run(Interpreters.require("php"), ["-r", script, "--"] + paths))
        case .swift:
            // -parse only parses, so many files with the same declarations can share one run.
            let result = try ProcessResult.run(Interpreters.require("swiftc"), ["-parse"] + paths)
            return result.status == 0 && result.stderr.isEmpty ? [] : [result.stderr]
        }
    }

    private func toolFailures(_ paths: [String]) throws -> [String] {
        var failures: [String] = []
        for path in paths {
            let result: ProcessResult = switch language {
            case .python: try ProcessResult.run(Interpreters.require("python3"), ["-m", "py_compile", path])
            case .javascript: try ProcessResult.run(Interpreters.require("node"), ["--check", path])
            case .php: try ProcessResult.run(Interpreters.require("php"), ["-l", path])
            case .swift: try ProcessResult.run(Interpreters.require("swiftc"), ["-parse", path])
            }
            if result.status != 0 || (language == .swift && !result.stderr.isEmpty) {
                failures.append("\(path):\n\(result.stdout)\(result.stderr)")
            }
        }
        return failures
    }

    private func complaints(_ result: ProcessResult) -> [String] {
        result.status == 0 ? [] : [result.stdout + result.stderr]
    }
}

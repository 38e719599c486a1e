import Foundation
import SampleModel

/// Each language's own syntax check: `python3 -m py_compile`, `node --check`, `php -l`,
/// `swiftc -parse`. Files are checked in batches, one checker process per batch where the tool
/// allows it.
public struct SyntaxChecker {
    public let language: Language

    public init(language: Language) {
        self.language = language
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
        switch language {
        case .python:
            let script = "import py_compile, sys\nbad = 0\nfor p in sys.argv[1:]:\n    try:\n        py_compile.compile(p, doraise=True, cfile=p + 'c')\n    except py_compile.PyCompileError as e:\n        print(e.msg); bad += 1\nsys.exit(1 if bad else 0)\n"
            return try complaints(ProcessResult.run(Interpreters.require("python3"), ["-c", script] + paths))
        case .javascript:
            let script = "const {execFileSync} = require('node:child_process'); let bad = 0;\nfor (const p of process.argv.slice(1)) { try { execFileSync(process.execPath, ['--check', p], {stdio: ['ignore', 'ignore', 'pipe']}); } catch (e) { console.log(p + ': ' + e.stderr); bad++; } }\nprocess.exit(bad ? 1 : 0);\n"
            return try complaints(ProcessResult.run(Interpreters.require("node"), ["-e", script] + paths))
        case .php:
            let script = "$bad = 0; foreach (array_slice($argv, 1) as $p) { exec('php -l ' . escapeshellarg($p) . ' 2>&1', $out, $code); if ($code !== 0) { echo implode(\"\\n\", $out), \"\\n\"; $bad++; } $out = []; } exit($bad ? 1 : 0);"
            return try complaints(ProcessResult.run(Interpreters.require("php"), ["-r", script, "--"] + paths))
        case .swift:
            var failures: [String] = []
            for path in paths {
                let result = try ProcessResult.run(Interpreters.require("swiftc"), ["-parse", path])
                if result.status != 0 || !result.stderr.isEmpty { failures.append("\(path):\n\(result.stderr)") }
            }
            return failures
        }
    }

    private func complaints(_ result: ProcessResult) -> [String] {
        result.status == 0 ? [] : [result.stdout + result.stderr]
    }
}

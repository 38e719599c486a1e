import Foundation
import SampleModel

/// Each language's own syntax check: its command-line tool one file at a time, or the same
/// parser over a batch in one process — Python's `compile` (what `py_compile` runs), Node's
/// module parser (what `node --check` runs), PHP's `token_get_all(TOKEN_PARSE)` (what `php -l`
/// runs) and one `swiftc -parse` over every file. The commands are in the language's
/// `Tests/Execution/Drivers/<language>/language.json` (`LanguageTesting`).
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
        let testing = try LanguageTesting.of(language)
        if mode == .commandLineTools { return try toolFailures(paths, testing: testing) }
        let command = try LanguageTesting.command(
            testing.batchSyntaxCheck, ["files": paths, "driver_folder": [LanguageTesting.driverFolder(language)]])
        let result = try ProcessResult.run(command[0], Array(command.dropFirst()))
        if testing.warningsFail { return result.status == 0 && result.stderr.isEmpty ? [] : [result.stderr] }
        return complaints(result)
    }

    private func toolFailures(_ paths: [String], testing: LanguageTesting) throws -> [String] {
        var failures: [String] = []
        for path in paths {
            let command = try LanguageTesting.command(testing.syntaxCheck, ["file": [path]])
            let result = try ProcessResult.run(command[0], Array(command.dropFirst()))
            if result.status != 0 || (testing.warningsFail && !result.stderr.isEmpty) {
                failures.append("\(path):\n\(result.stdout)\(result.stderr)")
            }
        }
        return failures
    }

    private func complaints(_ result: ProcessResult) -> [String] {
        result.status == 0 ? [] : [result.stdout + result.stderr]
    }
}

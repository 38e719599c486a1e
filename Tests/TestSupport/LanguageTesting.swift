import Foundation
import SampleModel

/// What the tests need to know about one language, kept with its driver in
/// `Tests/Execution/Drivers/<language>/language.json`: how to check a file's syntax, the program
/// that reads encoded literals back, how to build and run the exported samples, and the driver.
///
/// A command is a list of words. Words in braces are filled in: `{file}`, `{files}` (one word
/// per file), `{scratch}` (the program's folder), `{driver_folder}`, `{build}` (a folder beside the
/// export for compiled programs), `{sample:<snippet>}` (an exported file). A first word without a
/// `/` or brace is a tool looked up on PATH (`Interpreters.require`).
public struct LanguageTesting: Decodable, Sendable {
    /// The language's own checker on one file (`python3 -m py_compile {file}`).
    public let syntaxCheck: [String]
    /// The same parser over many files in one process.
    public let batchSyntaxCheck: [String]
    /// Whether anything on stderr fails a syntax check, not just the exit status (swiftc warns there).
    public let warningsFail: Bool
    /// A file in the driver folder that prints the values of its `LITERAL` line hex-encoded, one per
    /// line; that line is repeated with each literal in its place.
    public let literalProgram: String
    /// Commands run in turn; the last one's output is read back.
    public let runLiteralProgram: [[String]]
    /// Steps run after `gen export`, in order; the commands of one step run at once.
    public let build: [[[String]]]
    /// Each snippet's exported program, run in its folder.
    public let run: [String: [String]]
    /// The driver, given one JSON case as its last argument (see `SampleRunner`).
    public let driver: [String]

    enum CodingKeys: String, CodingKey {
        case syntaxCheck = "syntax_check"
        case batchSyntaxCheck = "batch_syntax_check"
        case warningsFail = "warnings_fail"
        case literalProgram = "literal_program"
        case runLiteralProgram = "run_literal_program"
        case build, run, driver
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        syntaxCheck = try container.decode([String].self, forKey: .syntaxCheck)
        batchSyntaxCheck = try container.decode([String].self, forKey: .batchSyntaxCheck)
        warningsFail = try container.decodeIfPresent(Bool.self, forKey: .warningsFail) ?? false
        literalProgram = try container.decode(String.self, forKey: .literalProgram)
        runLiteralProgram = try container.decode([[String]].self, forKey: .runLiteralProgram)
        build = try container.decodeIfPresent([[[String]]].self, forKey: .build) ?? []
        run = try container.decode([String: [String]].self, forKey: .run)
        driver = try container.decode([String].self, forKey: .driver)
    }

    /// The folder of `language`'s driver and test facts.
    public static func driverFolder(_ language: Language) -> String {
        RepositoryPaths.path("Tests/Execution/Drivers/\(language.rawValue)")
    }

    /// `language`'s facts, read from its driver folder.
    public static func of(_ language: Language) throws -> LanguageTesting {
        let path = "\(driverFolder(language))/language.json"
        do {
            return try JSONDecoder().decode(LanguageTesting.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw Unreadable(path: path, reason: "\(error)")
        }
    }

    /// The source of the literal program for `literals`.
    public func literalProgramSource(_ literals: [String], language: Language) throws -> String {
        let path = "\(Self.driverFolder(language))/\(literalProgram)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let marker = lines.firstIndex(where: { $0.contains("LITERAL") }) else {
            throw Unreadable(path: path, reason: "no line holds LITERAL")
        }
        let line = lines[marker]
        let repeated = literals.map { line.replacingOccurrences(of: "LITERAL", with: $0) }
        lines.replaceSubrange(marker...marker, with: repeated)
        return lines.joined(separator: "\n")
    }

    /// `words` with its placeholders filled from `values` (each placeholder may stand for several
    /// words) and its tool found on PATH.
    public static func command(_ words: [String], _ values: [String: [String]]) throws -> [String] {
        var command: [String] = []
        for word in words {
            if word.hasPrefix("{"), word.hasSuffix("}"), let filled = values[String(word.dropFirst().dropLast())] {
                command += filled
                continue
            }
            var word = word
            for (name, value) in values where value.count == 1 {
                word = word.replacingOccurrences(of: "{\(name)}", with: value[0])
            }
            command.append(word)
        }
        if let tool = command.first, !tool.contains("/") {
            command[0] = try Interpreters.require(tool)
        }
        return command
    }

    public struct Unreadable: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }
}

import Foundation
import SampleModel
import SampleRendering

/// A program in one language that prints the given values, each written as that language's
/// literal by its `LiteralEncoder`, then reads them back from its output. Many values share one
/// process, so a batch costs one interpreter start.
public struct LiteralProgram {
    public let language: Language
    public let values: [String]

    /// `value` as a model value can be: every character the model refuses (`SendableText`)
    /// becomes U+0001, scalar by scalar (a NUL followed by a combining mark is one Character,
    /// which a Character-level replacement would miss).
    public static func sendable(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { SendableText.isSendable($0) ? $0 : "\u{1}" }))
    }

    public init(language: Language, values: [String]) {
        self.language = language
        self.values = values
    }

    /// The program's source: it prints every value as UTF-8, hex-encoded, one per line, so
    /// line breaks and NULs inside values survive the trip. The program is the language's
    /// `literal_program` in its driver folder (`LanguageTesting`).
    public var source: String {
        get throws {
            let encoder = language.literalEncoder
            let literals = values.map(encoder.stringLiteral)
            return try LanguageTesting.of(language).literalProgramSource(literals, language: language)
        }
    }

    /// Runs the program in the language's runtime and returns the values it printed.
    public func run() throws -> [String] {
        let directory = try RepositoryPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let testing = try LanguageTesting.of(language)
        let file = "\(directory)/values.\(language.fileExtension)"
        try Data(source.utf8).write(to: URL(fileURLWithPath: file))
        var result: ProcessResult?
        for step in testing.runLiteralProgram {
            let command = try LanguageTesting.command(step, ["file": [file], "scratch": [directory]])
            let stepResult = try ProcessResult.run(command[0], Array(command.dropFirst()))
            guard stepResult.status == 0 else { throw ProgramFailed(language: language, output: stepResult.stderr) }
            result = stepResult
        }
        guard let result else { throw ProgramFailed(language: language, output: "run_literal_program is empty") }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { hex in
            var bytes: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                bytes.append(UInt8(hex[index..<next], radix: 16)!)
                index = next
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    public struct ProgramFailed: Error, CustomStringConvertible {
        public let language: Language
        public let output: String
        public var description: String { "the \(language.displayName) program failed:\n\(output)" }
    }
}

import Foundation
import SampleModel
import SampleRendering

/// A program in one language that prints the given values, each written as that language's
/// literal by its `LiteralEncoder`, then reads them back from its output. Many values share one
/// process, so a batch costs one interpreter start.
public struct LiteralProgram {
    public let language: Language
    public let values: [String]

    public init(language: Language, values: [String]) {
        self.language = language
        self.values = values
    }

    /// The program's source: it prints every value as UTF-8, hex-encoded, one per line, so
    /// line breaks and NULs inside values survive the trip.
    public var source: String {
        let encoder = language.literalEncoder
        let literals = values.map(encoder.stringLiteral)
        switch language {
        case .python:
            return "values = [\n" + literals.map { "    \($0),\n" }.joined() + "]\nfor v in values:\n    print(v.encode('utf-8').hex())\n"
        case .javascript:
            return "const values = [\n" + literals.map { "  \($0),\n" }.joined() + "];\nfor (const v of values) console.log(Buffer.from(v, 'utf8').toString('hex'));\n"
        case .php:
            return "<?php\n$values = [\n" + literals.map { "    \($0),\n" }.joined() + "];\nforeach ($values as $v) { echo bin2hex($v), \"\\n\"; }\n"
        case .swift:
            return "let values: [String] = [\n" + literals.map { "    \($0),\n" }.joined() + "]\nfor v in values { print(v.utf8.map { String($0, radix: 16).count == 1 ? \"0\" + String($0, radix: 16) : String($0, radix: 16) }.joined()) }\n"
        }
    }

    /// Runs the program in the language's runtime and returns the values it printed.
    public func run() throws -> [String] {
        let directory = try RepositoryPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = "\(directory)/values.\(language.fileExtension)"
        try Data(source.utf8).write(to: URL(fileURLWithPath: file))
        let result: ProcessResult
        switch language {
        case .python: result = try ProcessResult.run(Interpreters.require("python3"), [file])
        case .javascript: result = try ProcessResult.run(Interpreters.require("node"), [file])
        case .php: result = try ProcessResult.run(Interpreters.require("php"), [file])
        case .swift:
            let binary = "\(directory)/values"
            let compile = try ProcessResult.run(Interpreters.require("swiftc"), ["-Onone", file, "-o", binary])
            guard compile.status == 0 else { throw ProgramFailed(language: language, output: compile.stderr) }
            result = try ProcessResult.run(binary)
        }
        guard result.status == 0 else { throw ProgramFailed(language: language, output: result.stderr) }
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

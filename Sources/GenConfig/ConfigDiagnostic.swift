import SampleModel

extension Diagnostic {
    /// A configuration SampleGen refuses, at the file and, when the problem is at one place,
    /// the line and column (1-based, in characters) to fix.
    public static func configuration(
        in path: String, line: Int? = nil, column: Int? = nil, message: String, fixIt: String? = nil
    ) -> Diagnostic {
        .error(message, at: Location(path: path, line: line, column: line == nil ? nil : column), fixIt: fixIt)
    }

    /// A value given with a command-line option (`--token-url`) refused: a usage error.
    public static func option(_ name: String, message: String, fixIt: String? = nil) -> Diagnostic {
        .error(message, at: .option(name), fixIt: fixIt)
    }
}

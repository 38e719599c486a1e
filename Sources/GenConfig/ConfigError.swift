import SampleModel

/// A configuration SampleGen refuses, at the file and line to fix.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, or the command-line option, the value came from.
    public let source: String
    /// 1-based; 0 when the problem is not at one line.
    public let line: Int
    public let column: Int
    public let message: String
    /// A suggested fix, such as `did you mean "scope"?`.
    public let fixIt: String?
    /// Whether `source` is a command-line option.
    public let isOption: Bool

    public init(source: String, line: Int = 0, column: Int = 0, message: String, fixIt: String? = nil) {
        self.init(source: source, line: line, column: column, message: message, fixIt: fixIt, isOption: false)
    }

    /// A value given with a command-line option (`--token-url`) refused.
    public init(option: String, message: String, fixIt: String? = nil) {
        self.init(source: option, line: 0, column: 0, message: message, fixIt: fixIt, isOption: true)
    }

    private init(source: String, line: Int, column: Int, message: String, fixIt: String?, isOption: Bool) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        self.fixIt = fixIt
        self.isOption = isOption
    }

    /// The error as the one diagnostic every stage reports.
    public var diagnostic: Diagnostic {
        let location =
            isOption
            ? Diagnostic.Location.option(source)
            : Diagnostic.Location(
                path: source, line: line > 0 ? line : nil, column: line > 0 && column > 0 ? column : nil)
        return .error(message, at: location, fixIt: fixIt)
    }

    public var description: String { diagnostic.description }
}

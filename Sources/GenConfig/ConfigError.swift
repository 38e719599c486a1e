/// A configuration SampleGen refuses, at the file and line to fix.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, or the command-line option, the value came from.
    public let source: String
    /// 1-based; 0 when the problem is not at one line.
    public let line: Int
    public let column: Int
    public let message: String

    public init(source: String, line: Int = 0, column: Int = 0, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: error: message`.
    public var description: String {
        var place = source
        if line > 0 { place += ":\(line)" }
        if line > 0, column > 0 { place += ":\(column)" }
        return "\(place): error: \(message)"
    }
}

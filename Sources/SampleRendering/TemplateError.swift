import SampleModel

/// A template SampleGen cannot use, located at the file and line a writer has to fix.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// 1-based; 0 when the problem is the file as a whole.
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// The error as the one diagnostic every stage reports.
    public var diagnostic: Diagnostic {
        .error(message, at: Diagnostic.Location(path: path, line: line > 0 ? line : nil))
    }

    public var description: String { diagnostic.description }
}

import SampleModel

/// Something in the guide SampleGen cannot fill, at the line and column to fix.
public struct GuideError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nil when the problem is not at one place (an empty configuration of languages, say).
    public let position: SourcePosition?
    public let message: String

    public init(position: SourcePosition?, message: String) {
        self.position = position
        self.message = message
    }

    /// The error as the one diagnostic every stage reports, placed in the guide at `path`
    /// (whoever read the guide knows it; this module reads bytes, not files).
    public func diagnostic(in path: String?) -> Diagnostic {
        guard let path else {
            // Without a file, the place is still worth printing (`3:1: error: …`).
            return .error(message, at: position.map { Diagnostic.Location(path: $0.description) })
        }
        return .error(message, at: Diagnostic.Location(path: path, line: position?.line, column: position?.column))
    }

    public var description: String { diagnostic(in: nil).description }
}

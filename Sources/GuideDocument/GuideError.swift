/// Something in the guide SampleGen cannot fill, at the line and column to fix.
public struct GuideError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nil when the problem is not at one place (an empty configuration of languages, say).
    public let position: SourcePosition?
    public let message: String
    /// The guide's path, set by whoever read the file.
    public var path: String?

    public init(position: SourcePosition?, message: String, path: String? = nil) {
        self.position = position
        self.message = message
        self.path = path
    }

    /// `path:line:column: error: message`.
    public var description: String {
        let place = [path, position?.description].compactMap { $0 }.joined(separator: ":")
        return place.isEmpty ? "error: \(message)" : "\(place): error: \(message)"
    }
}

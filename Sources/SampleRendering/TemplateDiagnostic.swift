import SampleModel

extension Diagnostic {
    /// A template SampleGen cannot use, at the file (`python/token_request.mustache`) and the
    /// line a writer has to fix; no line when the problem is the file as a whole.
    public static func template(_ path: String, line: Int? = nil, message: String) -> Diagnostic {
        .error(message, at: Location(path: path, line: line))
    }
}

import GuideFilling

/// A failure the command reports as one line and exit status 1.
struct GenFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    init(_ error: FillError) {
        description = error.description
    }

    /// `path: error: message`, for problems with a file as a whole.
    static func file(_ path: String, _ message: String) -> GenFailure {
        GenFailure("\(path): error: \(message)")
    }
}

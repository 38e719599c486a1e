import Foundation

/// The language runtimes the tests run samples with. A missing one is a failure that names the
/// install step, never a silent skip.
public enum Interpreters {
    public static let installHint =
        "run `make test-deps` (installs the runtimes and checkers from Debian and the Python packages)"

    /// The path of `name` on PATH, or an error saying how to install it.
    public static func require(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw MissingInterpreter(name: name)
    }

    public struct MissingInterpreter: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) is not installed; \(Interpreters.installHint)" }
    }
}

/// The name of an environment variable a sample reads a credential from.
///
/// Restricted to the portable shell form so that it is safe anywhere a sample mentions it,
/// prose and comments included.
public struct EnvironmentVariableName: Codable, Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) throws(ModelError) {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, !Self.isDigit(first),
            scalars.allSatisfy({ $0 == "_" || Self.isDigit($0) || Self.isASCIILetter($0) })
        else {
            throw .invalidEnvironmentVariableName(name)
        }
        // The shell sets `_` itself (to the last argument), so a program never sees the user's value.
        guard name != "_" else { throw .reservedEnvironmentVariableName(name) }
        self.name = name
    }

    public var description: String { name }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

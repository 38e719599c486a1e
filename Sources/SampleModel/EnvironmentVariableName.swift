/// The name of an environment variable a sample reads a credential from.
///
/// Restricted to the portable shell form so that it is safe anywhere a sample mentions it,
/// prose and comments included, and to names nothing else owns (`ReservedEnvironmentVariable`):
/// a secret in `LD_PRELOAD` or `NODE_OPTIONS` would be read as a setting, and printed in errors.
public struct EnvironmentVariableName: Codable, Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) throws(ModelError) {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, !Self.isDigit(first),
            scalars.allSatisfy({ $0 == "_" || Self.isDigit($0) || Self.isASCIILetter($0) })
        else {
            throw .invalidEnvironmentVariableName(name)
        }
        switch ReservedEnvironmentVariable.owner(of: name) {
        case .setByTheShell: throw .reservedEnvironmentVariableName(name)
        case .readBy(let reader): throw .runtimeEnvironmentVariableName(name, reader: reader)
        case nil: break
        }
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

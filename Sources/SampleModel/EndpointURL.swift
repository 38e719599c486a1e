/// An absolute URL a sample sends requests to: https, or plain http to a loopback host only,
/// so tests can point samples at a local server without teaching readers to send secrets in clear.
///
/// Only the scheme and authority are checked; the path and query are kept byte for byte and reach
/// the samples through the literal encoders, whatever characters they hold.
public struct EndpointURL: Codable, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// Lower-cased scheme: `https` or `http`.
    public let scheme: String
    /// The host as written, without brackets for IPv6.
    public let host: String

    public init(_ text: String) throws(ModelError) {
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .invalidURL(text, reason: "it is not an absolute URL (expected https://host/path)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        // Scalars, not Characters: a combining mark after "/" must not hide the "/" from the parse.
        let afterScheme = text.unicodeScalars[schemeEnd.upperBound...]
        let authority = Substring(afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        guard !authority.contains("@") else {
            throw .invalidURL(text, reason: "it carries credentials; samples read them from the environment")
        }
        let host = Self.host(of: authority)
        guard !host.isEmpty, host.allSatisfy(Self.isHostCharacter) else {
            throw .invalidURL(text, reason: "its host \"\(host)\" is empty or not a host name")
        }
        guard !afterScheme.contains("\n"), !afterScheme.contains("\r") else {
            throw .invalidURL(text, reason: "it contains a line break")
        }
        switch scheme {
        case "https":
            break
        case "http" where Self.isLoopback(host):
            break
        case "http":
            throw .insecureURL(text)
        default:
            throw .invalidURL(text, reason: "its scheme \"\(scheme)\" is not https")
        }
        self.text = text
        self.scheme = scheme
        self.host = host
    }

    public var description: String { text }

    public var isLoopback: Bool { Self.isLoopback(host) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    private static func host(of authority: Substring) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        return String(authority.prefix { $0 != ":" })
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-._:%".contains(character)
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

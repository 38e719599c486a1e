/// An absolute URL a sample sends requests to: https, or plain http to a loopback host only,
/// so tests can point samples at a local server without teaching readers to send secrets in clear.
///
/// The one check every URL gen writes into a sample goes through (gen.yml, the command line, an
/// OpenAPI document's `tokenUrl`): `try EndpointURL(text)` is the URL or a `ModelError` saying
/// what to write instead. The whole URL is checked against RFC 3986 (`URICharacters`), and what
/// one sample's URL type would refuse or read differently is refused: a host name of letters,
/// digits and `-` (Java's `URI` cannot read `_`, Ruby's and Java's cannot read `é`), an IPv6
/// address without a zone (Node and Ruby cannot read `%25eth0`), no credentials, no fragment.
/// Nothing is percent-encoded on the user's behalf: the URL in gen.yml is the URL every sample
/// sends.
public struct EndpointURL: Codable, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// The host as written, without brackets for IPv6.
    public let host: String

    public init(_ text: String) throws(ModelError) {
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .invalidURL(text, reason: "it is not an absolute URL (expected https://host/path)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        // Scalars, not Characters: a combining mark after "/" must not hide the "/" from the parse.
        let afterScheme = text.unicodeScalars[schemeEnd.upperBound...]
        guard !afterScheme.contains(where: { "\n\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }) else {
            throw .invalidURL(text, reason: "it contains a line break")
        }
        let authority = Substring(afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        guard !authority.contains("@") else {
            throw .invalidURL(text, reason: "it carries credentials; samples read them from the environment")
        }
        let host = try Self.host(of: authority, in: text)
        switch scheme {
        case "https":
            break
        case "http" where Self.isLoopback(host):
            break
        case "http":
            throw .insecureURL(text)
        default:
            throw .invalidURL(
                text, reason: "its scheme \"\(URICharacters.visible(String(scheme)))\" is not https")
        }
        let rest = afterScheme.dropFirst(authority.unicodeScalars.count)
        if let reason = URICharacters.problem(inPathQueryAndFragment: rest) {
            throw .invalidURL(text, reason: reason)
        }
        if let key = Self.secretQueryKey(in: String(rest)) {
            throw .invalidURL(
                text,
                reason:
                    "its query carries \"\(key)\", which looks like a secret; samples read credentials from the environment"
            )
        }
        self.text = text
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

    /// The host of `authority` (`host`, `host:port`, `[v6]`, `[v6]:port`), checked whole: a
    /// host name of letters, digits and `-` in dot-separated labels, an IPv4 address, or an
    /// IPv6 address in brackets; then nothing but an optional `:port`, 1 to 65535.
    private static func host(of authority: Substring, in text: String) throws(ModelError) -> String {
        let host: Substring
        let afterHost: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidURL(text, reason: "its IPv6 host is not closed with ]")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            afterHost = authority[authority.index(after: close)...]
            guard isIPv6(host) else {
                throw .invalidURL(
                    text, reason: "its host [\(URICharacters.visible(String(host)))] is not an IPv6 address")
            }
            if let percent = host.firstIndex(of: "%") {
                throw .invalidURL(
                    text,
                    reason:
                        "its IPv6 host has a zone (\(host[percent...])), which Node and Ruby cannot read in a URL; "
                        + "leave it out")
            }
        } else {
            host = authority.prefix { $0 != ":" }
            afterHost = authority[host.endIndex...]
            guard !host.isEmpty else { throw .invalidURL(text, reason: "its host is empty") }
            if let reason = hostNameProblem(host) { throw .invalidURL(text, reason: reason) }
        }
        if !afterHost.isEmpty {
            guard afterHost.first == ":" else {
                throw .invalidURL(
                    text, reason: "\"\(URICharacters.visible(String(afterHost)))\" follows its host; only :port may")
            }
            let port = afterHost.dropFirst()
            guard !port.isEmpty else {
                throw .invalidURL(text, reason: "its port is empty; write the port or leave out the colon")
            }
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .invalidURL(
                    text,
                    reason: "its port \"\(URICharacters.visible(String(port)))\" is not a number"
                        + (port.contains(":") ? " (it has two ports?)" : ""))
            }
            guard let number = Int(port.prefix(6)), port.count <= 5, (1...65535).contains(number) else {
                throw .invalidURL(text, reason: "its port \(port) is not between 1 and 65535")
            }
        }
        return String(host)
    }

    /// Why `host` is not a host name, or nil when it is one: dot-separated labels of ASCII
    /// letters, digits and `-` (RFC 1123 §2.1), none empty (a final dot allowed), none starting
    /// or ending with `-`; all-numeric labels must make an IPv4 address.
    static func hostNameProblem(_ host: Substring) -> String? {
        let scalars = Array(host.unicodeScalars)
        if let index = scalars.firstIndex(where: { !URICharacters.isASCIIAlphanumeric($0) && $0 != "-" && $0 != "." }) {
            switch scalars[index] {
            case "_":
                return "its host \"\(host)\" holds _, which Java's URI cannot read in a host name "
                    + "(host names hold letters, digits and -)"
            case "{", "<", "\\", "[", "]":
                return URICharacters.problem(with: scalars, at: index, in: "host")
            case let scalar where !scalar.isASCII || scalar.properties.generalCategory == .control:
                return URICharacters.problem(with: scalars, at: index, in: "host")
            case let scalar:
                return "its host \"\(host)\" is not a host name: it holds "
                    + (scalar == " " ? "a space" : String(scalar))
            }
        }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last == "" { labels.removeLast() }
        let notAHostName = "its host \"\(host)\" is not a host name"
        guard labels.allSatisfy({ !$0.isEmpty && $0.first != "-" && $0.last != "-" }) else { return notAHostName }
        if labels.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            return labels.count == 4 && labels.allSatisfy { $0.count <= 3 && UInt8($0) != nil } ? nil : notAHostName
        }
        // A name whose last label is all digits is neither a name nor an address (1.2.3.x is).
        return labels.last!.allSatisfy({ $0.isASCII && $0.isNumber }) ? notAHostName : nil
    }

    /// An IPv6 address as RFC 4291 writes it: up to eight groups of 1–4 hex digits, one `::`
    /// at most, optionally ending in an IPv4 address, optionally a zone (`%25eth0`).
    static func isIPv6(_ text: Substring) -> Bool {
        var address = text
        if let percent = text.firstIndex(of: "%") {
            let zone = text[text.index(after: percent)...]
            guard zone.hasPrefix("25"), zone.count > 2,
                zone.dropFirst(2).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~".contains($0)) })
            else { return false }
            address = text[..<percent]
        }
        guard !address.isEmpty, address.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else {
            return false
        }
        let halves = address.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            var parts = half.split(separator: ":", omittingEmptySubsequences: false)
            if let last = parts.last, last.contains(".") {
                guard index == halves.count - 1, hostNameProblem(last) == nil, last.split(separator: ".").count == 4,
                    last.allSatisfy({ $0.isNumber || $0 == "." })
                else { return false }
                parts.removeLast()
                groups += 2
            }
            guard parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else { return false }
            groups += parts.count
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    /// The first query key of `rest` (what follows the authority) that looks like a secret.
    static func secretQueryKey(in rest: String) -> String? {
        guard let questionMark = rest.firstIndex(of: "?") else { return nil }
        var query = rest[rest.index(after: questionMark)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        for field in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            let rawKey = field.prefix { $0 != "=" }
            let key = percentDecoded(String(rawKey).replacing("+", with: " "))
            if SecretLikeKey.matches(key) { return key }
        }
        return nil
    }

    private static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let value = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

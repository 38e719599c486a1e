extension Language {
    /// Swift: what SampleGen needs to know to write, export and run its samples.
    public static let swift = Language(
        LanguageDescriptor(
            name: "swift",
            displayName: "Swift",
            fileExtension: "swift",
            literalEncoder: SwiftLiteralEncoder(),
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "FetchToken.swift"
                case .tokenRefresh: "TokenManager.swift"
                }
            },
            runCommands: { environment, file in
                [
                    "swiftc -parse-as-library \(file(.tokenRequest)) -o fetch-token && \(environment) ./fetch-token",
                    "swiftc -parse-as-library \(file(.tokenRefresh)) -o token-manager && \(environment) ./token-manager",
                ]
            }))
}

/// Swift string literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\0` and `\u{…}` escapes.
/// The backslash is always escaped, so `\(` can never start an interpolation.
public struct SwiftLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value) { scalar in
            switch scalar {
            case "\0": return "\\0"
            default: return "\\u{" + hex(scalar.value, width: 1) + "}"
            }
        }
    }
}

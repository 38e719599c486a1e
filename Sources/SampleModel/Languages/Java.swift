extension Language {
    /// Java: what SampleGen needs to know to write, export and run its samples.
    public static let java = Language(
        LanguageDescriptor(
            name: "java",
            displayName: "Java",
            fileExtension: "java",
            fenceTag: "java",
            // No other spellings: `kt`/`kotlin` is Kotlin, a language of its own on the JVM.
            literalEncoder: JavaLiteralEncoder(),
            snippets: [.tokenRequest, .tokenRefresh],
            confluenceLanguage: "java",
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "FetchToken.java"
                case .tokenRefresh: "TokenManager.java"
                }
            },
            runCommands: { environment, file in
                // Jackson (Maven: com.fasterxml.jackson.core:jackson-databind) as Debian installs it.
                let classPath = [
                    "/usr/share/java/jackson-databind.jar", "/usr/share/java/jackson-core.jar",
                    "/usr/share/java/jackson-annotations.jar",
                ].joined(separator: ":")
                return [
                    "\(environment) java -cp \(classPath) \(file(.tokenRequest))   # get one token (Java 17+)",
                    "\(environment) java -cp \(classPath) \(file(.tokenRefresh))   # the token manager, calling the API once",
                ]
            }))
}

/// Java string literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\b`, `\f` and `\uXXXX`
/// (UTF-16, so a surrogate pair beyond the BMP) escapes. javac turns `\uXXXX` into its character
/// before it reads the source, so `\u0022` would end the literal and `\u000A` would break the
/// line: quotes, backslashes and line breaks always get their simple escapes, never `\u`.
public struct JavaLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value) { scalar in
            switch scalar {
            case "\u{8}": return "\\b"
            case "\u{C}": return "\\f"
            default:
                return String(scalar).utf16.map { "\\u" + hex(UInt32($0), width: 4) }.joined()
            }
        }
    }
}

extension Language {
    /// PHP: what SampleGen needs to know to write, export and run its samples.
    public static let php = Language(
        LanguageDescriptor(
            name: "php",
            displayName: "PHP",
            fileExtension: "php",
            literalEncoder: PHPLiteralEncoder(),
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "token_request.php"
                case .tokenRefresh: "token_manager.php"
                }
            },
            runCommands: { environment, file in
                [
                    "\(environment) php \(file(.tokenRequest))   # get one token (PHP 8.2+ with ext-curl)",
                    "\(environment) php \(file(.tokenRefresh))   # the token manager, calling the API once",
                ]
            }))
}

/// PHP double-quoted string literals with `\\`, `\"`, `\$` (no variable interpolation),
/// `\n`, `\r`, `\t`, `\xHH` and `\u{…}` escapes. `?>` inside a string literal does not leave PHP
/// mode, so it needs no escape.
public struct PHPLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value, meaningful: ["$"]) { scalar in
            switch scalar {
            case "$": return "\\$"
            default:
                if scalar.value < 0x80 { return "\\x" + hex(scalar.value, width: 2) }
                return "\\u{" + hex(scalar.value, width: 1) + "}"
            }
        }
    }
}

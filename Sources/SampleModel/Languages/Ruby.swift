extension Language {
    /// Ruby: what SampleGen needs to know to write, export and run its samples.
    public static let ruby = Language(
        LanguageDescriptor(
            name: "ruby",
            displayName: "Ruby",
            fileExtension: "rb",
            otherSpellings: ["rb"],
            literalEncoder: RubyLiteralEncoder(),
            confluenceLanguage: "ruby",
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "token_request.rb"
                case .tokenRefresh: "token_manager.rb"
                }
            },
            runCommands: { environment, file in
                [
                    "\(environment) ruby \(file(.tokenRequest))   # get one token (Ruby 3.1+, standard library only)",
                    "\(environment) ruby \(file(.tokenRefresh))   # the token manager, calling the API once",
                ]
            }))
}

/// Ruby double-quoted string literals with `\\`, `\"`, `\#` (every `#`, so no `#{…}`, `#@` or
/// `#$` interpolation), `\n`, `\r`, `\t`, `\xHH` for other ASCII controls and `\u{…}` for
/// everything beyond ASCII: one line of printable ASCII, whatever the source encoding.
public struct RubyLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value, meaningful: ["#"]) { scalar in
            switch scalar {
            case "#": return "\\#"
            default:
                if scalar.value < 0x80 { return "\\x" + hex(scalar.value, width: 2) }
                return "\\u{" + hex(scalar.value, width: 1) + "}"
            }
        }
    }
}

extension Language {
    /// curl: a bash script around curl and jq. It offers token-request only: a shell has no
    /// long-lived process to keep a token in, so the token-refresh group has no curl tab.
    public static let curl = Language(
        LanguageDescriptor(
            name: "curl",
            displayName: "curl",
            fileExtension: "sh",
            fenceTag: "bash",
            // A shell's names: this is the one shell sample, and a "Shell" or "Bash" tab of an API
            // guide holds curl. Not `console` or `shell-session` (a terminal session: prompts and
            // output, not a script) nor `zsh`, `fish` or `powershell` (other shells).
            otherSpellings: ["shell", "sh"],
            literalEncoder: ShellLiteralEncoder(),
            snippets: [.tokenRequest],
            confluenceLanguage: "bash",
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "token-request.sh"
                case .tokenRefresh: "token-refresh.sh"  // never written: curl offers no token-refresh
                }
            },
            runCommands: { environment, file in
                ["\(environment) bash \(file(.tokenRequest))   # get one token (needs curl 7.76+ and jq)"]
            }))
}

/// Bash words: printable ASCII in `'…'` (where nothing is special), a `'`, `$`, `` ` `` or `\`
/// backslashed between quoted parts (`'it'\''s'`), and every other byte of the UTF-8 encoding as `$'\xHH'`, which
/// does not depend on the locale. The parts make one word; the literal is one line of printable
/// ASCII. Bash strings cannot hold NUL: a NUL ends the value at that point.
public struct ShellLiteralEncoder: LiteralEncoder {
    public init() {}

    private enum Part { case none, quoted, escaped }

    public func stringLiteral(_ value: String) -> String {
        var literal = ""
        literal.reserveCapacity(value.utf8.count + 2)
        var part = Part.none
        func enter(_ next: Part) {
            guard part != next else { return }
            if part != .none { literal += "'" }
            switch next {
            case .quoted: literal += "'"
            case .escaped: literal += "$'"
            case .none: break
            }
            part = next
        }
        for byte in value.utf8 {
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "`")
                || byte == UInt8(ascii: "\\")
            {
                // Backslashed outside the quotes, so shellcheck sees no would-be expansion
                // (SC2016) or escaped quote (SC1003) inside them.
                enter(.none)
                literal += "\\" + String(UnicodeScalar(byte))
            } else if byte >= 0x20, byte < 0x7F {
                enter(.quoted)
                literal.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                enter(.escaped)
                literal += "\\x" + hex(UInt32(byte), width: 2)
            }
        }
        enter(.none)
        return literal.isEmpty ? "''" : literal
    }
}

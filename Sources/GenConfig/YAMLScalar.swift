/// A text value written into YAML so that gen's reader (`ConfigFile`) gives back exactly that
/// text: plain when nothing in it can mean anything else to YAML (`Postman guide`,
/// `https://auth.example.com/oauth2/token`), double-quoted otherwise, with escapes for what a
/// YAML file cannot hold as it is or a reader would not see (control and format characters,
/// line separators, noncharacters).
public enum YAMLScalar {
    public static func written(_ text: String) -> String {
        isPlain(text) ? text : doubleQuoted(text)
    }

    /// Whether `text` reads back as itself, unquoted, as a key or a value of a block mapping:
    /// it starts with a letter (no indicator, digit, quote or space), holds letters, digits,
    /// spaces and punctuation that means nothing inside a plain scalar (`:` not before a space,
    /// `#` not after one), does not end in a space or `:`, and is no word YAML reads as null or
    /// a boolean.
    static func isPlain(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, isLetter(first), last != " ", last != ":" else {
            return false
        }
        let punctuation: Set<Unicode.Scalar> = [
            ".", ",", "_", "-", "/", "(", ")", "'", "!", "?", "+", "=", "$", "%", "&", ";", "~", "@", ":", "#",
        ]
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case ":" where index + 1 < scalars.count && scalars[index + 1] == " ": return false
            case "#" where index > 0 && scalars[index - 1] == " ": return false
            case " ": continue
            default:
                guard
                    scalar.isASCII
                        ? isLetter(scalar) || ("0"..."9").contains(scalar) || punctuation.contains(scalar)
                        : isLetter(scalar) || isMarkOrNumber(scalar)
                else { return false }
            }
        }
        let special = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
        return !special.contains(text.lowercased())
    }

    /// `"…"` with `\` and `"` escaped, and every character that is not plainly visible text.
    static func doubleQuoted(_ text: String) -> String {
        var written = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": written += "\\\""
            case "\\": written += "\\\\"
            case "\t": written += "\\t"
            case "\n": written += "\\n"
            case "\r": written += "\\r"
            default: written += needsEscape(scalar) ? escape(scalar) : String(scalar)
            }
        }
        return written + "\""
    }

    /// Control and format characters (bidirectional controls, zero-width spaces, U+FEFF), line
    /// and paragraph separators (YAML 1.1 breaks lines at them), white space other than the
    /// space, and noncharacters (U+FFFE and U+FFFF are refused by YAML readers).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return false }
        if scalar.properties.isNoncharacterCodePoint || scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse:
            return true
        default: return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        switch scalar.value {
        case ..<0x100: return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        case ..<0x10000: return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    private static func isMarkOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }
}

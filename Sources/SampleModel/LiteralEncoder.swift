/// Turns model values into source literals of one language, so templates never quote or escape.
///
/// Every encoder escapes everything outside printable ASCII: a value can then never end its
/// literal, start an interpolation, change the reading direction of the line around it, or hide
/// a character from a reviewer.
public protocol LiteralEncoder: Sendable {
    /// A string literal that evaluates to exactly `value`, whatever it contains but the characters
    /// the model refuses in every value (`SendableText`: NUL and the Unicode noncharacters).
    func stringLiteral(_ value: String) -> String
    /// A literal of a non-negative number: integers without a fraction (`20`), others in their
    /// shortest round-trip form (`0.1`).
    func numberLiteral(_ value: Double) -> String
    /// A duration of `seconds` as a constant of the language's duration type where a template needs
    /// one written that way (Go: `20 * time.Second`); elsewhere `numberLiteral(seconds)`.
    func durationLiteral(seconds: Double) -> String
}

extension LiteralEncoder {
    public func numberLiteral(_ value: Double) -> String {
        precondition(value.isFinite && value >= 0, "the model validates numbers before rendering")
        if value == value.rounded(), value < 1e15 {
            return String(Int(value))
        }
        return String(value)
    }

    public func durationLiteral(seconds: Double) -> String { numberLiteral(seconds) }
}

/// Builds a double-quoted literal: printable ASCII stays as it is, except the characters the
/// language gives a meaning to inside the quotes; everything else goes through `escape`.
func doubleQuotedLiteral(
    _ value: String,
    meaningful: Set<Unicode.Scalar> = [],
    escape: (Unicode.Scalar) -> String
) -> String {
    quotedLiteral(value, quote: "\"", meaningful: meaningful, escape: escape)
}

/// Builds a literal between `quote`s, as `doubleQuotedLiteral` does. The escapes every C-like
/// language shares are written here — the quote and the backslash backslashed, `\n`, `\r`,
/// `\t` — so `escape` sees only the language's own `meaningful` characters and the rest.
func quotedLiteral(
    _ value: String,
    quote: Unicode.Scalar,
    meaningful: Set<Unicode.Scalar> = [],
    escape: (Unicode.Scalar) -> String
) -> String {
    var literal = String(quote)
    literal.reserveCapacity(value.utf8.count + 2)
    for scalar in value.unicodeScalars {
        switch scalar {
        case quote, "\\": literal += "\\" + String(scalar)
        case "\n": literal += "\\n"
        case "\r": literal += "\\r"
        case "\t": literal += "\\t"
        default:
            if scalar.value >= 0x20, scalar.value < 0x7F, !meaningful.contains(scalar) {
                literal.unicodeScalars.append(scalar)
            } else {
                literal += escape(scalar)
            }
        }
    }
    literal.unicodeScalars.append(quote)
    return literal
}

/// `value` in upper-case hexadecimal, zero-padded to `width` digits.
func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

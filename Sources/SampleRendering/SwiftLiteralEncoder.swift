/// Swift string literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\0` and `\u{…}` escapes.
/// The backslash is always escaped, so `\(` can never start an interpolation.
public struct SwiftLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value, meaningful: ["\"", "\\"]) { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case "\0": return "\\0"
            default: return "\\u{" + hex(scalar.value, width: 1) + "}"
            }
        }
    }
}

/// Python 3 `str` literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\xHH`, `\uHHHH` and
/// `\UHHHHHHHH` escapes.
public struct PythonLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value, meaningful: ["\"", "\\"]) { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default:
                if scalar.value < 0x100 { return "\\x" + hex(scalar.value, width: 2) }
                if scalar.value < 0x10000 { return "\\u" + hex(scalar.value, width: 4) }
                return "\\U" + hex(scalar.value, width: 8)
            }
        }
    }
}

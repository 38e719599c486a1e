/// Escaping for HTML and XML text and attribute values.
enum Markup {
    /// `text` safe anywhere in element content or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.unicodeScalars.append(Self.isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 up, except the
    /// non-characters U+FFFE and U+FFFF; HTML is fine with the same set.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether raw HTML is comments and nothing else (blanks aside): what every Markdown page
    /// shows as nothing, gen's own words beside a VitePress fence among them.
    static func isComment(_ html: String) -> Bool {
        var rest = Substring(html).drop { $0.isWhitespace }
        guard rest.hasPrefix("<!--") else { return false }
        while rest.hasPrefix("<!--") {
            guard let end = rest.dropFirst(4).firstRange(of: "-->") else { return false }
            rest = rest[end.upperBound...].drop { $0.isWhitespace }
        }
        return rest.isEmpty
    }

    /// Whether a paragraph's text is one MDX comment expression, `{/* … */}`, which an MDX page
    /// (Mintlify's, Docusaurus') renders as nothing.
    static func isMDXComment(_ text: String) -> Bool {
        let trimmed = text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }
        let body = String(trimmed.reversed())
        return body.hasPrefix("{/*") && body.hasSuffix("*/}") && body.utf8.count >= 6
            && !body.dropFirst(3).dropLast(3).contains("*/")
    }

    /// `text` as CDATA sections: a `]]>` inside is split across two sections, so it survives.
    static func cdata(_ text: String) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.map { isXMLCharacter($0) ? $0 : "\u{FFFD}" }))
        return "<![CDATA[" + clean.replacing("]]>", with: "]]]]><![CDATA[>") + "]]>"
    }
}

import PropertyBased

/// Generators of the values the model can carry, biased towards what breaks encoders and parsers.
enum ArbitraryText {
    /// Pieces known to end literals, start interpolations or comments, or confuse readers.
    static let hostilePieces = [
        "\"", "'", "\\", "\\\\", "\n", "\r", "\r\n", "\t", "\u{0}", "$", "${x}", "#{x}", "{{x}}", "}}", "{{",
        "\\(x)", "<?php", "?>", "\"\"\"", "'''", "*/", "/*", "//", "#", "--", "</script>", "<b>", "]]>",
        "\u{2028}", "\u{2029}", "\u{202E}", "\u{202D}", "\u{2066}", "\u{200B}", "\u{FEFF}", "😀", "👩‍💻",
        "e\u{301}", "\u{301}", "\u{7F}", "\u{85}", "%s", "%00", "%2F", "`", "```", "@", "&", "=", "+", ":",
    ]

    /// One piece: hostile, a printable ASCII run, or a scalar from anywhere in Unicode.
    static let piece = Gen<String>.frequency(
        (weight: 3, gen: Gen<String?>.element(of: hostilePieces).map { $0 ?? "" }),
        (weight: 3, gen: Gen<Character>.character(in: " "..."~").string(of: 1...6)),
        (weight: 2, gen: Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}"..."\u{D7FF}").map { String($0) }),
        (weight: 1, gen: Gen<UnicodeScalar>.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}").map { String($0) }))

    /// Arbitrary Unicode text, empty included.
    static let string = piece.array(of: 0...8).map { $0.joined() }

    /// Non-empty text.
    static let nonEmpty = piece.array(of: 1...8).map { $0.joined() }.filter { !$0.isEmpty }

    /// Text for a URL's path and query, as RFC 3986 lets a URL hold it (the model refuses the
    /// rest): every character it allows kept as it is — `'`, `$`, `&`, `(`, `*`, `;`, `=`, `@`, … —
    /// and every other one percent-encoded, `%` included unless it begins a percent-encoded byte.
    static let urlTail = piece.array(of: 0...8).map { pieces in
        let scalars = Array(pieces.joined().unicodeScalars)
        var tail = ""
        for (index, scalar) in scalars.enumerated() {
            let isHex = { (at: Int) in at < scalars.count && scalars[at].properties.isASCIIHexDigit }
            if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-._~!$&'()*+,;=:@/?".unicodeScalars.contains(scalar)
                    || (scalar == "%" && isHex(index + 1) && isHex(index + 2))
            {
                tail.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { tail += "%" + String(byte, radix: 16, uppercase: true).leftPadded }
            }
        }
        return tail
    }

    /// A legal environment variable name.
    static let variableName = Gen<Character>.frequency(
        (weight: 5, gen: Gen<Character>.character(in: "A"..."Z")),
        (weight: 2, gen: Gen<Character>.character(in: "a"..."z")),
        (weight: 2, gen: Gen<Character>.character(in: "0"..."9")),
        (weight: 1, gen: Gen<Character>.always("_"))
    )
    .array(of: 0...12).map { "V_" + String($0) }
}

extension String {
    /// Two hex digits.
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}

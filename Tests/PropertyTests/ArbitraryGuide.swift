import PropertyBased

/// Generated Markdown guides: code-section labels, tagged and untagged fences of every kind,
/// headings, lists, quotes, tables, HTML and arbitrary text, with any line endings, an optional
/// byte-order mark and an optional final line break.
enum ArbitraryGuide {
    static let lines = [
        "Python code:", "javascript CODE:", "PHP code:", "Swift code:", "Ruby code:", "Python code: extra",
        "## Postman guide", "# Handling Access Token Expiration in the Client Application", "## Other", "Heading\n===",
        "", "", "", "Some text.", "```", "````", "~~~", "```python", "```python gen=token-request",
        "````php gen=token-refresh", "~~~swift gen=token-request", "```javascript gen=token-request extra",
        "    indented code", "\tTabbed", "<div>", "</div>", "| a | b |", "|---|---|", "- - -", "***",
        "[link](https://example.com)", "`code` span", "print(\"```\")",
    ]
    static let prefixes = ["", "", "", "> ", ">> ", "1. ", "- ", "   ", "  - ", "> 1. ", "\t"]
    static let lineBreaks = ["\n", "\n", "\r\n", "\r"]

    static let line = Gen<String>.frequency(
        (weight: 6, gen: Gen<String?>.element(of: lines).map { $0 ?? "" }),
        (weight: 1, gen: ArbitraryText.string.map { String($0.unicodeScalars.filter { $0 != "\n" && $0 != "\r" }.map(Character.init)) }))

    static let prefixedLine = zip(Gen<String?>.element(of: prefixes).map { $0 ?? "" }, line).map { $0 + $1 }

    /// A guide as bytes.
    static let guide = zip(
        prefixedLine.array(of: 0...40),
        Gen<String?>.element(of: lineBreaks).map { $0 ?? "\n" },
        Gen.bool(0.2),
        Gen.bool(0.8)
    ).map { lines, lineBreak, byteOrderMark, finalBreak in
        var text = lines.joined(separator: lineBreak)
        if finalBreak, !lines.isEmpty { text += lineBreak }
        return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }
}

import PropertyBased
import SampleModel

/// Generated Markdown guides: code-section labels, tagged and untagged fences of every kind,
/// headings, lists, quotes, tables, HTML and arbitrary text, with any line endings, an optional
/// byte-order mark and an optional final line break.
enum ArbitraryGuide {
    static let lines = [
        "Python code:", "javascript CODE:", "PHP code:", "Swift code:", "Cobol code:", "Python code: extra",
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
        (
            weight: 1,
            gen: ArbitraryText.string.map {
                String($0.unicodeScalars.filter { $0 != "\n" && $0 != "\r" }.map(Character.init))
            }
        ))

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

/// Generated guides `gen` fills without an error, so every case reaches the properties: a
/// configured heading first, then prose, other Markdown (lists, quotes, tables, HTML, rules,
/// indented and fenced code) and at least one group of code sections — distinct languages,
/// labels alone or with a closed generated or hand-written block, or generated blocks without a
/// label — behind one container prefix, each group ended by a paragraph. Any line ending, an
/// optional byte-order mark and final line break.
enum ValidGuide {
    /// The headings `GuideFuzzTests.configuration` maps, as lines.
    static let headings = [
        ["## Postman guide"], ["# Handling Access Token Expiration in the Client Application"], ["## Other"],
        ["Heading", "======="],
    ]
    static let otherBlocks = [
        ["- item one", "- item two"], ["> A note about the client secret."], ["| a | b |", "|---|---|", "| 1 | 2 |"],
        ["***"], ["<div>", "html", "</div>"], ["    indented code"], ["```python", "print(1)", "```"],
        ["1. first", "2. second"], ["[link](https://example.com) and `code`"],
    ]
    static let prefixes = ["", "", "> ", ">", ">> ", "- ", "1. ", "> - ", "- > ", "   "]
    static let fences = ["```", "````", "~~~"]
    static let codeLines = ["old", "x = 1", "  indented", "\tTab", "", "# comment", "> quoted", "- item"]

    /// Prose: one paragraph line of arbitrary text that cannot start or end another block.
    static let prose = ArbitraryText.string.map { text in
        let kept = text.unicodeScalars.filter { !"`~<>|\\\r\n\u{0}".unicodeScalars.contains($0) }
        return ["Text " + String(String.UnicodeScalarView(kept))]
    }

    /// One section: how it is written (0 label only, 1 label and generated block, 2 label and
    /// hand-written block, 3 generated block without a label), its fence and its code.
    static let section = zip(
        Gen<Int>.int(in: 0...3), Gen<String?>.element(of: fences).map { $0 ?? "```" },
        Gen<String?>.element(of: codeLines).map { $0 ?? "" }.array(of: 0...3), Gen.bool(0.5))

    static let group = zip(
        Gen<String?>.element(of: prefixes).map { $0 ?? "" },
        Gen<Language?>.element(of: Language.offering(.tokenRefresh)).map { $0! }.array(of: 1...6),
        section.array(of: 6)
    ).map { prefix, drawn, sections in
        var languages: [Language] = []
        for language in drawn where !languages.contains(language) { languages.append(language) }
        let continuation = ContainerPropertyTests.Case.continuation(of: prefix)
        let blank = String(continuation.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        var lines: [String] = []
        var previousKind = 1
        for (index, language) in languages.enumerated() {
            var (kind, fence, code, isRefresh) = sections[index]
            // A label alone right before an unlabelled block would be that block's label.
            if kind == 3, previousKind == 0 { kind = 1 }
            previousKind = kind
            var first = index == 0 ? prefix : continuation
            if index > 0 { lines.append(blank) }
            if kind != 3 {
                lines.append(first + "\(language.displayName) code:")
                if kind == 0 { continue }
                lines.append(blank)
                first = continuation
            }
            let snippet = isRefresh ? "token-refresh" : "token-request"
            let info = kind == 2 ? language.rawValue : "\(language.rawValue) gen=\(snippet)"
            lines.append(first + fence + info)
            lines += code.map { continuation + $0 }
            lines.append(continuation + fence)
        }
        return lines + ["", "After."]
    }

    static let block = Gen<[String]>.frequency(
        (weight: 1, gen: Gen<[String]?>.element(of: headings).map { $0! }),
        (weight: 2, gen: prose),
        (weight: 2, gen: Gen<[String]?>.element(of: otherBlocks).map { $0! }),
        (weight: 3, gen: group))

    /// A guide as bytes.
    static let guide = zip(
        Gen<[String]?>.element(of: headings).map { $0! },
        block.array(of: 0...10),
        group,
        Gen<Int>.int(in: 0...10),
        zip(Gen<String?>.element(of: ArbitraryGuide.lineBreaks).map { $0 ?? "\n" }, Gen.bool(0.2), Gen.bool(0.8))
    ).map { heading, blocks, group, position, format in
        let (lineBreak, byteOrderMark, finalBreak) = format
        var blocks = blocks
        blocks.insert(group, at: min(position, blocks.count))
        let lines = ([heading] + blocks).joined(separator: [""])
        var text = lines.joined(separator: lineBreak)
        if finalBreak { text += lineBreak }
        return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }
}

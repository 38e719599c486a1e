/// Where Python-Markdown, which MkDocs renders with, keeps a guide's text as raw HTML.
///
/// CommonMark ends an HTML block such as `<details>` at the first blank line, so cmark-gfm (and
/// MyST) read a tab set after `<details>` and a blank line as Markdown. Python-Markdown keeps
/// everything from a block-level element's start tag at the start of a line (after at most three
/// spaces) to its matching end tag as HTML, blank lines included: MkDocs shows such a tab set as
/// text, so `gen` must not fill it. An element with a `markdown` attribute (`<div markdown>`, for
/// the `md_in_html` extension) holds Markdown and is not raw. Fenced blocks are not searched for
/// tags: pymdownx.superfences takes them out before the HTML is read.
enum PythonMarkdownHTML {
    /// `markdown.util.BLOCK_LEVEL_ELEMENTS` (Python-Markdown 3.x), without `hr`, which is empty.
    static let blockLevelElements: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "main", "menu", "nav", "ol", "p",
        "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe", "li",
        "legend", "math", "map", "noscript", "output", "object", "option", "progress", "script", "style", "summary",
        "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
    ]

    /// By line number (index 0 unused): whether the line is inside a raw HTML element.
    static func rawLines(of source: SourceText, lines: BlockLines) -> [Bool] {
        var raw = [Bool](repeating: false, count: source.lineCount + 2)
        var line = 1
        while line <= source.lineCount {
            guard !isFenced(line, lines), let (name, after) = startTag(source.lineContent(line)) else {
                line += 1
                continue
            }
            // To the line that closes the element, nested elements of its name counted.
            var depth = 1
            var end = source.lineCount
            var current = line
            var from = after
            search: while current <= source.lineCount {
                if current == line || !isFenced(current, lines) {
                    let text = source.lineContent(current)
                    depth += count(of: name, in: text, from: from)
                    if depth <= 0 {
                        end = current
                        break search
                    }
                }
                current += 1
                if current <= source.lineCount { from = source.lineContent(current).startIndex }
            }
            for covered in line...end { raw[covered] = true }
            line = end + 1
        }
        return raw
    }

    private static func isFenced(_ line: Int, _ lines: BlockLines) -> Bool {
        lines.role(line) == .fencedCode || lines.role(line) == .fenceOpener
    }

    /// A block-level start tag at the start of `text`: its lowercased name and where the text
    /// after its name starts; nil for any other line, an empty (`/>`) element and one with a
    /// `markdown` attribute.
    private static func startTag(_ text: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>.Index)? {
        var index = text.startIndex
        var column = 0
        while index < text.endIndex, text[index] == UInt8(ascii: " ") {
            column += 1
            index += 1
        }
        guard column <= 3, index < text.endIndex, text[index] == UInt8(ascii: "<") else { return nil }
        let nameStart = index + 1
        var nameEnd = nameStart
        while nameEnd < text.endIndex, isNameByte(text[nameEnd]) { nameEnd += 1 }
        guard nameEnd > nameStart, nameEnd == text.endIndex || isTagDelimiter(text[nameEnd]) else { return nil }
        let name = String(decoding: text[nameStart..<nameEnd], as: UTF8.self).lowercased()
        guard blockLevelElements.contains(name) else { return nil }
        // The rest of the start tag, on this line.
        let tagEnd = text[nameEnd...].firstIndex(of: UInt8(ascii: ">")) ?? text.endIndex
        let attributes = String(decoding: text[nameEnd..<tagEnd], as: UTF8.self).lowercased()
        if attributes.hasSuffix("/") { return nil }
        let words = attributes.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.contains(where: { $0 == "markdown" || $0.hasPrefix("markdown=") }) { return nil }
        return (name, nameEnd)
    }

    /// Start tags of `name` after `from` in `text` less its end tags.
    private static func count(of name: String, in text: ArraySlice<UInt8>, from: ArraySlice<UInt8>.Index) -> Int {
        let name = Array(name.utf8)
        var total = 0
        var index = from
        while index < text.endIndex {
            guard text[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let closing = index + 1 < text.endIndex && text[index + 1] == UInt8(ascii: "/")
            let start = index + (closing ? 2 : 1)
            let end = start + name.count
            if end <= text.endIndex, text[start..<end].map(lowercased).elementsEqual(name),
                end == text.endIndex || isTagDelimiter(text[end])
            {
                total += closing ? -1 : 1
                index = end
            } else {
                index += 1
            }
        }
        return total
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isTagDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}

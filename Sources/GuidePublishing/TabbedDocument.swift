import GuideDocument
import SampleModel

/// A Markdown text as the published pages read it: each tab set `gen` finds (MkDocs content
/// tabs, a MyST tab set) read as tabs. cmark-gfm alone shows the markup as text, and an MkDocs
/// tab's content, indented four spaces, as an indented code block holding the fence lines.
///
/// Each tab's content is read as Markdown of its own (its indentation taken off), so a note, a
/// table or another tab set inside a tab is shown as it is meant; a tab whose only content is a
/// fenced block is a code tab, shown like a sample. A block quote holding tab markup is read the
/// same way, its markers taken off, as the platforms read a quote's content.
struct TabbedDocument {
    /// The text with each tab set's lines emptied but the first, which holds an HTML comment: a
    /// block of its own that interrupts a paragraph and ends on its line. Every other line keeps
    /// its number and its bytes, so positions found in the original text still hold.
    let document: MarkdownDocument
    /// Each tab set by the node of its comment in `document`; tabs with nothing to show left out.
    let tabSets: [MarkdownNode.ID: [PublishedTab]]
    /// Block quotes of `document` (not inside another) whose content holds tab sets, by node:
    /// their content read on its own. Other quotes are published as cmark-gfm reads them.
    let quotes: [MarkdownNode.ID: TabbedDocument]

    /// Tab sets nested deeper than this are left as cmark-gfm reads them: each level is read
    /// again as a text of its own, so a hostile nesting must not cost more than a few reads.
    static let maximumDepth = 8

    /// Whether anything in the text is read as tabs.
    var hasTabs: Bool { !tabSets.isEmpty || !quotes.isEmpty }

    /// `document` read with its tab sets. At the top (`depth` 0), a malformed tab set is an error,
    /// as it is when `gen` fills the guide; inside a tab or a quote, markup that does not read as
    /// tabs is left as text.
    init(_ original: MarkdownDocument, depth: Int = 0) throws(GuideError) {
        guard depth < Self.maximumDepth else {
            (document, tabSets, quotes) = (original, [:], [:])
            return
        }
        let outlines = depth == 0 ? try original.tabSets() : (try? original.tabSets()) ?? []
        let settings = depth == 0 ? Self.pageSettings(in: original.source) : nil
        (document, tabSets) = try Self.replacing(outlines, emptying: settings, in: original, depth: depth)
        quotes = Self.quotesWithTabs(in: document, depth: depth)
    }

    /// The lines that open a page with its settings rather than its text, which every docs
    /// platform reads as such: YAML front matter (`---` on the first line to the next `---` or
    /// `...`, YAML lines between), then MDX's `import … from '…'` lines (`gen` adds Docusaurus'
    /// own for its tabs).
    static func pageSettings(in source: SourceText) -> ClosedRange<Int>? {
        func text(_ line: Int) -> String {
            let content = source.lineContent(line)
            let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            let end = content.lastIndex { !isBlank($0) }.map { $0 + 1 } ?? content.startIndex
            return String(decoding: content[..<end].drop(while: isBlank), as: UTF8.self)
        }
        var last = 0
        if source.lineCount > 1, text(1) == "---",
            let end = (2...source.lineCount).first(where: { text($0) == "---" || text($0) == "..." }),
            // YAML keys, list items, comments, indented lines: a page that opens with a rule and
            // text is not front matter.
            (2..<end).allSatisfy({ line in
                let content = text(line)
                return content.isEmpty || content.wholeMatch(of: /[\w.-]+\s*:(\s.*)?|- .*|-|#.*/) != nil
                    || source.lineContent(line).first == UInt8(ascii: " ")
            })
        {
            last = end
        }
        var line = last + 1
        while line <= source.lineCount, text(line).isEmpty { line += 1 }
        while line <= source.lineCount, text(line).wholeMatch(of: /import\s+\S.*\sfrom\s+(["'])[^"']+\1;?/) != nil {
            last = line
            line += 1
        }
        return last > 0 ? 1...last : nil
    }

    /// `original` with its page settings (`emptying`) left out and each tab set that cmark-gfm
    /// reads as a block of its own replaced by a comment, and the sets by their comment's node.
    private static func replacing(
        _ outlines: [TabSetOutline], emptying settings: ClosedRange<Int>?, in original: MarkdownDocument, depth: Int
    ) throws(GuideError) -> (MarkdownDocument, [MarkdownNode.ID: [PublishedTab]]) {
        var outlines = outlines.filter { outline in settings.map { !$0.overlaps(outline.lines) } ?? true }
        guard !outlines.isEmpty || settings != nil else { return (original, [:]) }
        // A set whose comment cmark-gfm does not read as a block of its own (its first line sits
        // in an indented code block or a raw HTML block, say) is left as written; leaving it may
        // change what the others sit in, so this is tried a few times, then given up.
        for _ in 0..<3 {
            let parsed = MarkdownDocument(
                parsing: SourceText(validated: text(of: original.source, emptying: settings, without: outlines)))
            var placeholders: [Int: MarkdownNode.ID] = [:]
            for node in parsed.nodes where node.kind == .htmlBlock {
                placeholders[node.start.line] = node.id
            }
            let found = outlines.filter { outline in
                placeholders[outline.lines.lowerBound].map { parsed.nodes[$0].literal.contains(comment) } ?? false
            }
            guard found.count == outlines.count else {
                outlines = found
                continue
            }
            var tabSets: [MarkdownNode.ID: [PublishedTab]] = [:]
            for outline in outlines {
                var tabs: [PublishedTab] = []
                for tab in outline.tabs {
                    if let published = try PublishedTab(tab, in: original.source, depth: depth) {
                        tabs.append(published)
                    }
                }
                tabSets[placeholders[outline.lines.lowerBound]!] = tabs
            }
            return (parsed, tabSets)
        }
        guard settings != nil else { return (original, [:]) }
        return (
            MarkdownDocument(
                parsing: SourceText(validated: text(of: original.source, emptying: settings, without: []))), [:]
        )
    }

    /// The outermost block quotes (in the document, a list or an item) whose content, read on its
    /// own, holds tabs. Only a quote with a line that may start a tab (`=`, `:`, `<` or `{` after
    /// its markers) is read again, so quotes without tabs, however deep, cost one look at their
    /// lines.
    private static func quotesWithTabs(in document: MarkdownDocument, depth: Int) -> [MarkdownNode.ID: TabbedDocument] {
        var quotes: [MarkdownNode.ID: TabbedDocument] = [:]
        var pending = [document.root.id]
        while let id = pending.popLast() {
            let node = document.nodes[id]
            switch node.kind {
            case .blockQuote:
                if let content = quoteContent(node, in: document.source),
                    let tabbed = try? TabbedDocument(
                        MarkdownDocument(parsing: SourceText(validated: content)), depth: depth + 1),
                    tabbed.hasTabs
                {
                    quotes[id] = tabbed
                }
            case .document, .list, .item:
                pending.append(contentsOf: document.children(of: node))
            default:
                break
            }
        }
        return quotes
    }

    /// A quote's lines with its markers taken off (blanks, `>`, one space); a line without one (a
    /// paragraph's lazy continuation) as it is. nil when no line may start a tab, in this quote or
    /// one inside it.
    private static func quoteContent(_ quote: MarkdownNode, in source: SourceText) -> [UInt8]? {
        var text: [UInt8] = []
        var mayHoldTabs = false
        for line in quote.range.start.line...max(quote.range.start.line, quote.range.end.line) {
            var content = source.lineContent(line)
            let blanks = content.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if content.dropFirst(blanks.count).first == UInt8(ascii: ">") {
                content = content.dropFirst(blanks.count + 1)
                if content.first == UInt8(ascii: " ") {
                    content = content.dropFirst()
                } else if content.first == UInt8(ascii: "\t") {
                    // The tab reaches the next multiple of four; one of its columns is the marker's space.
                    let column = blanks.reduce(0) { $1 == UInt8(ascii: "\t") ? ($0 / 4 + 1) * 4 : $0 + 1 } + 1
                    content = ArraySlice(repeatElement(UInt8(ascii: " "), count: 3 - column % 4)) + content.dropFirst()
                }
            }
            // A tab line's first byte (`===`, `:::`, `<Tabs>`, `{% tabs %}`), after the markers of
            // any quotes inside this one.
            let first = content.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: ">") }
            if let first, "=:<{".utf8.contains(first) { mayHoldTabs = true }
            text += content
            text.append(UInt8(ascii: "\n"))
        }
        return mayHoldTabs ? text : nil
    }

    /// What stands for a tab set in the text.
    static let comment = "<!-- tab set -->"

    /// `source` with the settings' lines and each set's lines emptied (their line breaks kept),
    /// but each set's first line, which holds its indentation and `comment`.
    private static func text(
        of source: SourceText, emptying settings: ClosedRange<Int>?, without outlines: [TabSetOutline]
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.bytes.count)
        var line = 1
        if let settings {
            bytes += source.bytes[0..<source.lineTextStart(1)]
            for emptied in settings { bytes += source.lineBreak(after: emptied) ?? [] }
            line = settings.upperBound + 1
        }
        for outline in outlines {
            bytes += source.bytes[source.lineStart(line)..<source.lineTextStart(outline.lines.lowerBound)]
            bytes += outline.indent + Array(comment.utf8)
            for emptied in outline.lines {
                bytes += source.lineBreak(after: emptied) ?? []
            }
            line = outline.lines.upperBound + 1
        }
        if line <= source.lineCount {
            bytes += source.bytes[source.lineStart(line)...]
        }
        return bytes
    }
}

/// One tab of a published tab set.
struct PublishedTab {
    /// As the writer wrote it.
    let title: String
    /// The language the tab is about, by `gen`'s rule: its title, else its `:sync:` key, else
    /// its block's tag.
    let language: Language?
    let content: Content

    enum Content {
        /// The tab's only content is this fenced block: shown like a sample. `info` is the
        /// fence's info string; `program`, when gen's link line is under the block (the tab's
        /// only other content), the sample whose complete program it links to.
        case code(info: String, code: String, program: LinkedSample?)
        /// Anything else, read as Markdown.
        case text(TabbedDocument)
    }

    /// The tab, or nil when it has nothing to show: no content, or only an empty block (a
    /// language `gen` did not fill, left out as an empty label is).
    init?(_ tab: TabSetOutline.Tab, in source: SourceText, depth: Int) throws(GuideError) {
        var text: [UInt8] = []
        for line in tab.content {
            text += Self.dedented(source.lineContent(line), by: tab.contentPrefix.count)
            text.append(UInt8(ascii: "\n"))
        }
        let document = MarkdownDocument(parsing: SourceText(validated: text))
        // What the tab shows: a comment — gen's words beside a VitePress fence (HTML) or a
        // Mintlify one (MDX, `{/* … */}`, a paragraph to cmark-gfm) — shows nothing.
        let blocks = document.children(of: document.root).map { document.nodes[$0] }.filter { block in
            switch block.kind {
            case .htmlBlock: !Markup.isComment(block.literal)
            case .paragraph: !Markup.isMDXComment(document.plainText(of: block))
            default: true
            }
        }
        guard !blocks.isEmpty else { return nil }
        var tag: Substring?
        let linked = ProgramLinkLines(document).blocks[blocks[0].id]
        if blocks.count == 1 || (blocks.count == 2 && linked?.line == blocks[1].id),
            case .codeBlock(let info, true) = blocks[0].kind
        {
            var code = blocks[0].literal
            if code.hasSuffix("\n") { code.removeLast() }
            guard !code.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) else { return nil }
            tag = InfoString(Array(info.utf8)).languageName.map { Substring($0) }
            content = .code(info: info, code: code, program: linked?.sample)
        } else {
            content = .text(try TabbedDocument(document, depth: depth + 1))
        }
        let language =
            Language(name: tab.title) ?? tab.sync.flatMap { Language(name: $0) }
            ?? tag.flatMap { Language(name: $0) }
        self.language = language
        // An untitled tab (`=== ""`) is named by its language.
        title = tab.title.allSatisfy { $0 == " " || $0 == "\t" } ? language?.displayName ?? "Tab" : tab.title
    }

    /// `line` without `columns` columns of indentation, as the platforms hand a tab's lines to
    /// their Markdown parser: a tab character reaches the next multiple of four (the part past
    /// the indentation kept as spaces); a line less indented loses what it has.
    static func dedented(_ line: ArraySlice<UInt8>, by columns: Int) -> ArraySlice<UInt8> {
        var column = 0
        var index = line.startIndex
        while column < columns, index < line.endIndex,
            line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t")
        {
            column = line[index] == UInt8(ascii: "\t") ? (column / 4 + 1) * 4 : column + 1
            index += 1
        }
        let rest = line[index...]
        return column > columns ? ArraySlice(repeatElement(UInt8(ascii: " "), count: column - columns)) + rest : rest
    }
}

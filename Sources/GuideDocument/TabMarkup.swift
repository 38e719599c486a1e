import SampleModel

/// How a group of code sections is written in the guide.
public enum SectionForm: Sendable, Hashable {
    /// "Python code:" labels, each followed by its block: the Confluence export's form.
    case labels
    /// MkDocs Material content tabs (`pymdownx.tabbed`): `=== "Python"`, then the tab's content
    /// indented four spaces.
    case mkdocsTabs(TabSetLayout)
    /// A MyST `tab-set` directive of sphinx-design, one `tab-item` per language, each with a
    /// `:sync:` key so that choosing a language switches every tab set of the page.
    case mystTabSet(TabSetLayout)
    /// A VitePress `::: code-group` container: each fenced block in it is a tab titled by the
    /// `[Title]` in its info string (```` ```py [Python] ````), gen's words in an HTML comment on
    /// the line before the fence.
    case vitepressCodeGroup(TabSetLayout)
    /// Docusaurus MDX tabs: `<Tabs groupId="…">`, one `<TabItem value="python" label="Python">`
    /// per language with the fence inside, blank lines around it.
    case docusaurusTabs(TabSetLayout)
    /// GitBook tabs: `{% tabs %}`, one `{% tab title="Python" %}` … `{% endtab %}` per language
    /// with the fence inside, `{% endtabs %}`.
    case gitbookTabs(TabSetLayout)
    /// A Mintlify `<CodeGroup>`: each fenced block in it is a tab titled by the words after its
    /// language (```` ```python Python ````), gen's words in an MDX comment on the line before.
    case mintlifyCodeGroup(TabSetLayout)

    /// Whether gen writes a `ProgramLink` line under a concise sample in this form: labels, MkDocs
    /// tabs and MyST tab items hold Markdown paragraphs; a code group holds only fences, and the
    /// MDX and GitBook forms link through their platforms' own pages.
    public var holdsProgramLinks: Bool {
        switch self {
        case .labels, .mkdocsTabs, .mystTabSet: true
        case .vitepressCodeGroup, .docusaurusTabs, .gitbookTabs, .mintlifyCodeGroup: false
        }
    }

    var layout: TabSetLayout? {
        switch self {
        case .labels: nil
        case .mkdocsTabs(let layout), .mystTabSet(let layout), .vitepressCodeGroup(let layout),
            .docusaurusTabs(let layout), .gitbookTabs(let layout),
            .mintlifyCodeGroup(let layout):
            layout
        }
    }

    /// Where the form's generated blocks carry gen's words.
    public var markerPlacement: MarkerPlacement {
        switch self {
        case .vitepressCodeGroup: .commentBefore(.html)
        case .mintlifyCodeGroup: .commentBefore(.mdx)
        default: .infoString
        }
    }
}

/// Where a tab group's pieces are, for splicing: the indentation of its tab lines and of their
/// content, and where a new tab goes.
public struct TabSetLayout: Sendable, Hashable {
    /// Before each tab line (`=== "…"`, `:::{tab-item}`).
    public let tabIndent: [UInt8]
    /// Before each line of a tab's content.
    public let contentPrefix: [UInt8]
    /// The line a new tab is written after (MkDocs: the last tab's last line) or before (MyST:
    /// the tab set's closing line).
    public let insertionLine: Int
    /// MyST: the colons of a tab item's fence (`:::`); empty for MkDocs.
    public let itemFence: String
    /// Docusaurus: before each `<TabItem>` line.
    public var itemIndent: [UInt8] = []
    /// Docusaurus: the `import` lines the page lacks, and the byte they go before (only on the
    /// page's first `<Tabs>` group, so that they are added once).
    public var missingImports: (offset: Int, lines: [String])? {
        get { importOffset.map { ($0, importLines) } }
        set {
            importOffset = newValue?.offset
            importLines = newValue?.lines ?? []
        }
    }
    var importOffset: Int? = nil
    var importLines: [String] = []
}

/// One language's tab: its header and content lines, and the fenced block it holds, if any.
public struct TabPlacement: Sendable, Hashable {
    public let headerLine: Int
    /// The tab's last line (MyST: its closing `:::`).
    public let lastLine: Int
    /// The tab's content lines (MyST: after its options, before its closing line).
    public let content: Range<Int>
    /// The empty fenced block a writer left to be filled (`python` then the closing fence).
    public let placeholder: SourceRange?
    /// Whether the tab holds more than its code block (a note, a second block): only the block
    /// is then gen's to replace or remove, never the tab.
    public let holdsOtherContent: Bool
}

/// Finds code sections written as docs-platform language tabs.
///
/// A tab's content is parsed on its own, as the platform parses it (`TabContent`). A tab whose
/// title (else `:sync:` key, else its block's tag) names a language is that language's section:
/// its block tagged `gen=` is regenerated, else its one empty fenced block (untagged or tagged
/// with the language) is filled, else it is the writer's and left alone; whatever else the tab
/// holds stays as it is. A `gen=` block anywhere else in a tab set is an error, so that none goes
/// stale unseen. Tab markup counts only where Markdown reads it as text (a paragraph), never
/// inside code, HTML or a comment, and for MkDocs never inside an element Python-Markdown keeps as
/// raw HTML.
struct TabMarkupFinder {
    let source: SourceText
    /// What each line is to cmark-gfm.
    let lines: BlockLines
    /// MkDocs: the lines Python-Markdown keeps as raw HTML.
    private let rawHTML: [Bool]

    init(source: SourceText, lines: BlockLines) {
        self.source = source
        self.lines = lines
        rawHTML = PythonMarkdownHTML.rawLines(of: source, lines: lines)
    }

    /// The tab groups, each with the heading above it, and the lines they cover.
    func groups(headingAbove: (Int) -> (text: String, line: Int)?) throws(GuideError) -> (
        [CodeSectionGroup], covered: [ClosedRange<Int>]
    ) {
        var groups: [CodeSectionGroup] = []
        var covered: [ClosedRange<Int>] = []
        for found in try scan() {
            if !found.group.sections.isEmpty {
                let heading = headingAbove(found.outline.lines.lowerBound)
                groups.append(
                    CodeSectionGroup(
                        sections: found.group.sections, heading: heading?.text, headingLine: heading?.line,
                        form: found.group.form))
            }
            covered.append(found.outline.lines)
        }
        return (groups, covered)
    }

    /// Every tab group in line order: its code sections, and all its tabs (code or not).
    func scan() throws(GuideError) -> [(group: CodeSectionGroup, outline: TabSetOutline)] {
        var found: [(group: CodeSectionGroup, outline: TabSetOutline)] = []
        var line = 1
        while line <= source.lineCount {
            // Only a paragraph's line whose first non-blank byte is `=` or `:` can start a tab group.
            let first = source.lineContent(line).first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            // …or, for Docusaurus' JSX, a paragraph's or HTML block's line starting with `<`.
            // GitBook's, a paragraph's line starting with `{`.
            let startsJSX = first == UInt8(ascii: "<") && (lines.isParagraph(line) || lines.role(line) == .html)
            let startsLiquid = first == UInt8(ascii: "{") && lines.isParagraph(line)
            guard
                (first == UInt8(ascii: "=") || first == UInt8(ascii: ":")) && lines.isParagraph(line) || startsJSX
                    || startsLiquid
            else {
                line += 1
                continue
            }
            var set: (group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab])?
            if startsJSX {
                set = try taggedGroup(at: line, .docusaurus)
                if set == nil { set = try titledFenceGroup(at: line, .mintlify) }
            } else if startsLiquid {
                set = try taggedGroup(at: line, .gitbook)
            } else {
                set = try mkdocsGroup(at: line)
                if set == nil { set = try mystGroup(at: line) }
                if set == nil { set = try titledFenceGroup(at: line, .vitepress) }
            }
            if let set {
                try SectionFinder.checkDistinctLanguages(set.group.sections, kind: "tab", container: "tab set")
                let indent = Array(
                    repeating: UInt8(ascii: " "), count: TabContent.indentation(of: source.lineContent(line)))
                found.append((set.group, TabSetOutline(lines: line...set.lastLine, indent: indent, tabs: set.tabs)))
                line = set.lastLine + 1
            } else {
                line += 1
            }
        }
        // The imports Docusaurus tabs need, added once: by the page's first group of them.
        if let first = found.firstIndex(where: { if case .docusaurusTabs = $0.group.form { true } else { false } }),
            case .docusaurusTabs(var layout) = found[first].group.form, let missing = missingDocusaurusImports()
        {
            layout.missingImports = missing
            let group = found[first].group
            found[first].group = CodeSectionGroup(
                sections: group.sections, heading: group.heading, headingLine: group.headingLine,
                form: .docusaurusTabs(layout))
        }
        return found
    }

    // MARK: MkDocs Material

    /// `=== "Title"` at a multiple of four columns, as Python-Markdown nests blocks (also `===!`,
    /// which starts a new group, and `===+`, which selects the tab; a tab character counts to the
    /// next multiple of four, as Python-Markdown expands it); nil on a line Python-Markdown keeps
    /// as raw HTML or that cmark-gfm does not read as a paragraph.
    private func mkdocsHeader(_ line: Int) -> (indent: Int, startsGroup: Bool, title: String)? {
        guard lines.isParagraph(line), line >= rawHTML.count || !rawHTML[line] else { return nil }
        let text = source.lineContent(line)
        let indent = TabContent.indentation(of: text)
        guard indent % 4 == 0 else { return nil }
        var rest = text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard rest.starts(with: Array("===".utf8)) else { return nil }
        rest = rest.dropFirst(3)
        let markers = rest.prefix { $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "+") }
        guard markers.count <= 2, Set(markers).count == markers.count else { return nil }
        rest = rest.dropFirst(markers.count)
        guard rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") else { return nil }
        let quoted = String(decoding: rest, as: UTF8.self).trimmingBlanks()
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else { return nil }
        return (indent, markers.contains(UInt8(ascii: "!")), String(quoted.dropFirst().dropLast()))
    }

    private func mkdocsGroup(at start: Int) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let first = mkdocsHeader(start) else { return nil }
        let contentWidth = first.indent + 4
        let contentPrefix = [UInt8](repeating: UInt8(ascii: " "), count: contentWidth)
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var line = start
        var lastLine = start
        while line <= source.lineCount, let header = mkdocsHeader(line), header.indent == first.indent,
            line == start || !header.startsGroup
        {
            // The content: every line indented past the tab line, and blank lines between them.
            var end = line
            var next = line + 1
            while next <= source.lineCount,
                isBlank(next) || TabContent.indentation(of: source.lineContent(next)) >= contentWidth
            {
                if !isBlank(next) { end = next }
                next += 1
            }
            tabs.append(
                TabSetOutline.Tab(
                    title: header.title, sync: nil, headerLine: line, content: (line + 1)..<(end + 1),
                    contentPrefix: contentPrefix))
            if let section = try section(
                title: header.title, headerLine: line, content: (line + 1)..<(end + 1), width: contentWidth,
                lastLine: end)
            {
                sections.append(section)
            }
            lastLine = end
            line = end + 1
            while line <= source.lineCount, isBlank(line) { line += 1 }
        }
        let layout = TabSetLayout(
            tabIndent: [UInt8](repeating: UInt8(ascii: " "), count: first.indent), contentPrefix: contentPrefix,
            insertionLine: lastLine, itemFence: "")
        return (
            CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: .mkdocsTabs(layout)), lastLine,
            tabs
        )
    }

    // MARK: MyST + sphinx-design

    /// `<indent>:::{name} argument` with at least three colons; the indentation in columns.
    private func mystDirective(_ line: Int) -> (indent: Int, colons: Int, name: String, argument: String)? {
        let text = source.lineContent(line)
        let indent = TabContent.indentation(of: text)
        let rest = text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let colons = rest.prefix { $0 == UInt8(ascii: ":") }.count
        guard colons >= 3, rest.dropFirst(colons).first == UInt8(ascii: "{") else { return nil }
        let after = String(decoding: rest.dropFirst(colons + 1), as: UTF8.self)
        guard let close = after.firstIndex(of: "}") else { return nil }
        return (
            indent, colons, String(after[..<close]),
            String(after[after.index(after: close)...]).trimmingBlanks()
        )
    }

    /// A line of exactly `colons` colons, indented at least `indent` columns: a directive's end.
    private func isMystClose(_ line: Int, indent: Int, colons: Int) -> Bool {
        let text = source.lineContent(line)
        guard TabContent.indentation(of: text) >= indent else { return false }
        return String(decoding: text, as: UTF8.self).trimmingBlanks() == String(repeating: ":", count: colons)
    }

    /// `:key: value`, a directive option line.
    private func mystOption(_ line: Int) -> (key: String, value: String)? {
        let text = String(decoding: source.lineContent(line), as: UTF8.self).trimmingBlanks()
        guard text.first == ":", let end = text.dropFirst().firstIndex(of: ":") else { return nil }
        let key = String(text[text.index(after: text.startIndex)..<end])
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
        return (key, String(text[text.index(after: end)...]).trimmingBlanks())
    }

    private func mystGroup(at start: Int) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let set = mystDirective(start), set.name == "tab-set" else { return nil }
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: set.indent)
        var line = start + 1
        while line <= source.lineCount, mystOption(line) != nil { line += 1 }
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var itemFence = ":::"
        while line <= source.lineCount {
            if isMystClose(line, indent: set.indent, colons: set.colons) {
                let layout = TabSetLayout(
                    tabIndent: indent, contentPrefix: indent, insertionLine: line, itemFence: itemFence)
                return (
                    CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: .mystTabSet(layout)),
                    line, tabs
                )
            }
            guard let item = mystDirective(line), item.name == "tab-item", item.colons < set.colons,
                item.indent == set.indent
            else {
                // Between tab items: sphinx-design shows nothing of it, so a block gen wrote here
                // would never be seen or refreshed.
                if GeneratedFence.isGenerated(source.lineContent(line)) {
                    throw GuideError(
                        position: SourcePosition(line: line, column: 1),
                        message:
                            "this generated block is inside the tab-set but in no tab-item, where gen does not fill it; move it into a tab-item or remove gen= from its info string"
                    )
                }
                line += 1
                continue
            }
            itemFence = String(repeating: ":", count: item.colons)
            var contentStart = line + 1
            var sync: String?
            while contentStart <= source.lineCount, let option = mystOption(contentStart) {
                if option.key == "sync" { sync = option.value }
                contentStart += 1
            }
            var close = contentStart
            while close <= source.lineCount, !isMystClose(close, indent: item.indent, colons: item.colons) {
                close += 1
            }
            guard close <= source.lineCount else {
                throw GuideError(
                    position: SourcePosition(line: line, column: 1),
                    message: "this tab-item is never closed; end it with a line of \(item.colons) colons")
            }
            tabs.append(
                TabSetOutline.Tab(
                    title: item.argument, sync: sync, headerLine: line, content: contentStart..<close,
                    contentPrefix: indent))
            if let section = try section(
                title: item.argument, sync: sync, headerLine: line, content: contentStart..<close, width: set.indent,
                lastLine: close)
            {
                sections.append(section)
            }
            line = close + 1
        }
        throw GuideError(
            position: SourcePosition(line: start, column: 1),
            message: "this tab-set is never closed; end it with a line of \(set.colons) colons")
    }

    // MARK: A tab's content

    /// The code section of a tab whose content is on `content`, each line indented `width`
    /// columns; nil for a tab that names no language. Throws for a `gen=` block the section
    /// does not hold (nested in a list, in an indented block, a second one), which would
    /// otherwise go stale without a word.
    func section(
        title: String, sync: String? = nil, headerLine: Int, content: Range<Int>, width: Int, lastLine: Int
    ) throws(GuideError) -> CodeSection? {
        let tab = TabContent(source: source, lines: content, indentation: width)
        let named = "the \"\(title)\" tab"
        // Every block gen wrote in the tab: only one directly in it can be the section's.
        var generated: [(block: MarkdownNode, language: Language, generated: GeneratedBlock)] = []
        for block in tab.document.nodes {
            guard case .codeBlock(let info, true) = block.kind else { continue }
            let placed = tab.inSource(block)
            guard let (language, found) = try SectionFinder.generatedBlock(placed, info: info, source: source) else {
                continue
            }
            guard block.parent == 0 else {
                throw GuideError(
                    position: placed.range.start,
                    message:
                        "this generated block is inside a list or quote in \(named), where gen does not fill it, so it would go stale; move it out to the tab's own level or remove gen= from its info string"
                )
            }
            if let earlier = generated.first {
                throw GuideError(
                    position: placed.range.start,
                    message:
                        "a second generated block in \(named) (the first is at line \(earlier.block.range.start.line)); keep one"
                )
            }
            generated.append((placed, language, found))
        }
        for line in 1..<(content.count + 1) where tab.lines.mayHideAFence(line) {
            let sourceLine = tab.sourceLine(line)
            if GeneratedFence.isGenerated(source.lineContent(sourceLine)) {
                throw GeneratedFence.strayError(line: sourceLine, role: tab.lines.role(line), place: named)
            }
        }
        let blocks = tab.topLevelBlocks.map(tab.inSource)
        let fenced = blocks.filter { if case .codeBlock(_, true) = $0.kind { true } else { false } }
        func tag(_ block: MarkdownNode) -> Language? { InfoString(source.fenceInfo(at: block.range.start)).language }
        let soleBlock = blocks.count == 1 ? fenced.first : nil
        guard
            let language = Language(name: title) ?? sync.flatMap({ Language(name: $0) }) ?? soleBlock.flatMap(tag)
                ?? generated.first?.language
        else { return nil }
        let header = SourceRange(
            start: SourcePosition(line: headerLine, column: 1),
            end: SourcePosition(line: headerLine, column: max(1, source.lineContent(headerLine).count)))
        var generatedSection = generated.first
        var others = blocks.count - 1
        // gen's link line after its block is the block's, not the writer's: right after it, or
        // below lines the writer put between them (which stay theirs).
        if let (block, tagged, found) = generatedSection,
            let index = blocks.firstIndex(where: { $0.range.start == block.range.start }),
            let (linkIndex, link) = blocks.indices.dropFirst(index + 1).lazy.compactMap({ position in
                SectionFinder.programLink(blocks[position], source).map { (position, $0) }
            }).first
        {
            generatedSection = (
                block, tagged, found.linked(link.range, text: link.text, adjacent: linkIndex == index + 1)
            )
            others -= 1
        }
        let holdsOtherContent = others > 0
        if let (block, tagged, found) = generatedSection {
            guard tagged == language else {
                throw GuideError(
                    position: block.range.start,
                    message:
                        "this block is tagged \(tagged.rawValue) but sits in the \"\(title)\" tab; fix the tag or the tab's title"
                )
            }
            try SectionFinder.requireClosed(block)
            return CodeSection(
                language: language, label: header, content: .generated(found),
                tab: TabPlacement(
                    headerLine: headerLine, lastLine: lastLine, content: content, placeholder: nil,
                    holdsOtherContent: holdsOtherContent))
        }
        // The writer's placeholder: the tab's one empty, closed fenced block, untagged or tagged
        // with the tab's language.
        let empty = fenced.filter { block in
            !block.isOpenFence && block.range.end.line > block.range.start.line
                && (block.range.start.line + 1..<block.range.end.line).allSatisfy(isBlank)
        }
        if empty.count == 1, let placeholder = empty.first,
            soleBlock != nil || InfoString(source.fenceInfo(at: placeholder.range.start)).languageName == nil
                || tag(placeholder) == language
        {
            let range = SourceRange(
                start: placeholder.range.start,
                end: SourcePosition(
                    line: placeholder.range.end.line, column: source.lineContent(placeholder.range.end.line).count))
            return CodeSection(
                language: language, label: header, content: .empty,
                tab: TabPlacement(
                    headerLine: headerLine, lastLine: lastLine, content: content, placeholder: range,
                    holdsOtherContent: holdsOtherContent))
        }
        // The writer's own: left alone, and the language counts as present (no second tab).
        let written =
            blocks.isEmpty
            ? header
            : SourceRange(
                start: blocks[0].range.start,
                end: SourcePosition(
                    line: blocks[blocks.count - 1].range.end.line,
                    column: source.lineContent(blocks[blocks.count - 1].range.end.line).count))
        return CodeSection(
            language: language, label: header, content: .handWritten(written),
            tab: TabPlacement(
                headerLine: headerLine, lastLine: lastLine, content: content, placeholder: nil,
                holdsOtherContent: holdsOtherContent))
    }

    func isBlank(_ line: Int) -> Bool {
        source.lineContent(line).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

/// A tab group as `gen` reads it, every tab included (code or not): what a published page shows
/// as tabs instead of the markup's text.
public struct TabSetOutline: Sendable, Hashable {
    /// From the first tab line (MyST: the `tab-set` line) to the set's last line.
    public let lines: ClosedRange<Int>
    /// Before the set's first line.
    public let indent: [UInt8]
    public let tabs: [Tab]

    public struct Tab: Sendable, Hashable {
        /// As written: `=== "Title"`, `:::{tab-item} Title`.
        public let title: String
        /// MyST's `:sync:` key, if any.
        public let sync: String?
        public let headerLine: Int
        /// The tab's content lines (MyST: after its options, before its closing line).
        public let content: Range<Int>
        /// The content's indentation, as spaces: each content line is indented at least as far
        /// (a tab character counting to the next multiple of four columns); a blank line may be
        /// shorter.
        public let contentPrefix: [UInt8]
    }
}

extension MarkdownDocument {
    /// Every tab group of every form `gen` fills (MkDocs content tabs, MyST tab sets, and the
    /// other platforms' code groups), found as `SectionFinder` finds them (only where Markdown
    /// reads the markup as text: not in code, HTML or a comment), with all their tabs: what the
    /// published pages show as tabs.
    public func tabSets() throws(GuideError) -> [TabSetOutline] {
        try TabMarkupFinder(source: source, lines: BlockLines(self)).scan().map(\.outline)
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end.
    func trimmingBlanks() -> String {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

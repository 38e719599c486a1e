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

    var layout: TabSetLayout? {
        switch self {
        case .labels: nil
        case .mkdocsTabs(let layout), .mystTabSet(let layout): layout
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
}

/// One language's tab: its header and content lines, and the fenced block it holds, if any.
public struct TabPlacement: Sendable, Hashable {
    public let headerLine: Int
    /// The tab's last line (MyST: its closing `:::`).
    public let lastLine: Int
    /// The empty fenced block a writer left to be filled (`python` then the closing fence).
    public let placeholder: SourceRange?
}

/// Finds code sections written as docs-platform language tabs, each with exactly one fenced block:
/// empty (a placeholder to fill), tagged `gen=` (written by gen), or hand-written (left alone).
/// A tab holding anything else, or a title that names no language, is not a code section.
struct TabMarkupFinder {
    let source: SourceText
    /// Lines inside fenced code blocks (by line number): a tab line there is code, not a tab.
    let codeLines: [Bool]

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
            // Only a line whose first non-blank byte is `=` or `:` can start a tab group.
            let first = source.lineContent(line).first { $0 != UInt8(ascii: " ") }
            guard first == UInt8(ascii: "=") || first == UInt8(ascii: ":"), !isCode(line) else {
                line += 1
                continue
            }
            var set = try mkdocsGroup(at: line)
            if set == nil { set = try mystGroup(at: line) }
            if let set {
                let indent = Array(source.lineContent(line).prefix { $0 == UInt8(ascii: " ") })
                found.append((set.group, TabSetOutline(lines: line...set.lastLine, indent: indent, tabs: set.tabs)))
                line = set.lastLine + 1
            } else {
                line += 1
            }
        }
        return found
    }

    // MARK: MkDocs Material

    /// `=== "Title"` (also `===!`, which starts a new group, and `===+`, which selects the tab).
    private func mkdocsHeader(_ line: Int) -> (indent: [UInt8], marker: UInt8?, title: String)? {
        let text = Array(source.lineContent(line))
        let indent = Array(text.prefix { $0 == UInt8(ascii: " ") })
        var rest = text[indent.count...]
        guard rest.starts(with: Array("===".utf8)) else { return nil }
        rest = rest.dropFirst(3)
        var marker: UInt8?
        if let first = rest.first, first == UInt8(ascii: "!") || first == UInt8(ascii: "+") {
            marker = first
            rest = rest.dropFirst()
        }
        guard rest.first == UInt8(ascii: " ") else { return nil }
        let quoted = String(decoding: rest, as: UTF8.self).trimmingBlanks()
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else { return nil }
        return (indent, marker, String(quoted.dropFirst().dropLast()))
    }

    private func mkdocsGroup(at start: Int) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let first = mkdocsHeader(start) else { return nil }
        let contentPrefix = first.indent + Array("    ".utf8)
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var line = start
        var lastLine = start
        while line <= source.lineCount, !isCode(line), let header = mkdocsHeader(line),
            header.indent == first.indent, line == start || header.marker != UInt8(ascii: "!")
        {
            var end = line
            var next = line + 1
            while next <= source.lineCount, isBlank(next) || source.lineContent(next).starts(with: contentPrefix) {
                if !isBlank(next) { end = next }
                next += 1
            }
            tabs.append(
                TabSetOutline.Tab(
                    title: header.title, sync: nil, headerLine: line, content: (line + 1)..<(end + 1),
                    contentPrefix: contentPrefix))
            if let section = try section(
                title: header.title, headerLine: line, content: (line + 1)..<(end + 1), prefix: contentPrefix,
                lastLine: end)
            {
                sections.append(section)
            }
            lastLine = end
            line = end + 1
            while line <= source.lineCount, isBlank(line) { line += 1 }
        }
        let layout = TabSetLayout(
            tabIndent: first.indent, contentPrefix: contentPrefix, insertionLine: lastLine, itemFence: "")
        return (
            CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: .mkdocsTabs(layout)), lastLine,
            tabs
        )
    }

    // MARK: MyST + sphinx-design

    /// `<indent>:::{name} argument` with at least three colons.
    private func mystDirective(_ line: Int) -> (indent: [UInt8], colons: Int, name: String, argument: String)? {
        let text = Array(source.lineContent(line))
        let indent = Array(text.prefix { $0 == UInt8(ascii: " ") })
        let rest = text[indent.count...]
        let colons = rest.prefix { $0 == UInt8(ascii: ":") }.count
        guard colons >= 3, rest.dropFirst(colons).first == UInt8(ascii: "{") else { return nil }
        let after = String(decoding: rest.dropFirst(colons + 1), as: UTF8.self)
        guard let close = after.firstIndex(of: "}") else { return nil }
        return (
            indent, colons, String(after[..<close]),
            String(after[after.index(after: close)...]).trimmingBlanks()
        )
    }

    /// A line of exactly `colons` colons after `indent`: a directive's end.
    private func isMystClose(_ line: Int, indent: [UInt8], colons: Int) -> Bool {
        let text = Array(source.lineContent(line))
        guard text.starts(with: indent) else { return false }
        let rest = String(decoding: text[indent.count...], as: UTF8.self).trimmingBlanks()
        return rest == String(repeating: ":", count: colons)
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
        var line = start + 1
        while line <= source.lineCount, mystOption(line) != nil { line += 1 }
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var itemFence = ":::"
        while line <= source.lineCount {
            if isMystClose(line, indent: set.indent, colons: set.colons) {
                let layout = TabSetLayout(
                    tabIndent: set.indent, contentPrefix: set.indent, insertionLine: line, itemFence: itemFence)
                return (
                    CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: .mystTabSet(layout)),
                    line, tabs
                )
            }
            guard let item = mystDirective(line), item.name == "tab-item", item.colons < set.colons,
                item.indent == set.indent
            else {
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
                    contentPrefix: set.indent))
            if let section = try section(
                title: item.argument, sync: sync, headerLine: line, content: contentStart..<close, prefix: set.indent,
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

    /// The code section of a tab whose content (`content`, each line behind `prefix`) is one
    /// fenced block; nil for any other tab.
    private func section(
        title: String, sync: String? = nil, headerLine: Int, content: Range<Int>, prefix: [UInt8], lastLine: Int
    ) throws(GuideError) -> CodeSection? {
        let lines = content.filter { !isBlank($0) }
        guard let opener = lines.first, let closer = lines.last, opener < closer else { return nil }
        let open = Array(source.lineContent(opener).dropFirst(prefix.count))
        guard source.lineContent(opener).starts(with: prefix), let fence = open.first,
            fence == UInt8(ascii: "`") || fence == UInt8(ascii: "~")
        else { return nil }
        let fenceLength = open.prefix { $0 == fence }.count
        guard fenceLength >= 3 else { return nil }
        let close = String(decoding: source.lineContent(closer).dropFirst(prefix.count), as: UTF8.self)
            .trimmingBlanks()
        guard close.count >= fenceLength, close.allSatisfy({ $0 == Character(UnicodeScalar(fence)) }) else {
            return nil
        }
        // Anything but blank lines between the block and the tab's end: not a code section.
        guard lines.dropFirst().dropLast().allSatisfy({ $0 > opener && $0 < closer }) else { return nil }
        let info = String(decoding: open.dropFirst(fenceLength), as: UTF8.self)
        let tag = info.split(whereSeparator: \.isWhitespace).first.map(String.init)
        guard
            let language = Language(name: title) ?? sync.flatMap({ Language(name: $0) })
                ?? tag.flatMap(Language.init(name:))
        else { return nil }
        let range = SourceRange(
            start: SourcePosition(line: opener, column: prefix.count + 1),
            end: SourcePosition(line: closer, column: source.lineContent(closer).count))
        let code = ((opener + 1)..<closer).map { line in
            let text = source.lineContent(line)
            return text.starts(with: prefix) ? Array(text.dropFirst(prefix.count)) : []
        }
        let header = SourceRange(
            start: SourcePosition(line: headerLine, column: 1),
            end: SourcePosition(line: headerLine, column: max(1, source.lineContent(headerLine).count)))
        let isEmpty = code.allSatisfy { $0.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
        if let (tagged, generated) = try SectionFinder.generatedBlock(
            MarkdownBlock(
                kind: .codeBlock(info: info, isFenced: true), range: range, parent: nil, isOpenFence: false,
                codeDigest: SampleDigest.of(Array(code.joined(separator: [UInt8(ascii: "\n")])))),
            info: info)
        {
            guard tagged == language else {
                throw GuideError(
                    position: range.start,
                    message:
                        "this block is tagged \(tagged.rawValue) but sits in the \"\(title)\" tab; fix the tag or the tab's title"
                )
            }
            return CodeSection(
                language: language, label: header, content: .generated(generated),
                tab: TabPlacement(headerLine: headerLine, lastLine: lastLine, placeholder: nil))
        }
        return CodeSection(
            language: language, label: header, content: isEmpty ? .empty : .handWritten(range),
            tab: TabPlacement(headerLine: headerLine, lastLine: lastLine, placeholder: isEmpty ? range : nil))
    }

    private func isCode(_ line: Int) -> Bool {
        line < codeLines.count && codeLines[line]
    }

    private func isBlank(_ line: Int) -> Bool {
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
        /// What each content line starts with; a blank line may be shorter.
        public let contentPrefix: [UInt8]
    }
}

extension MarkdownDocument {
    /// Every MkDocs content-tab group and MyST tab set, found as `SectionFinder` finds them (not
    /// inside fenced code), with all their tabs.
    public func tabSets() throws(GuideError) -> [TabSetOutline] {
        var codeLines = [Bool](repeating: false, count: source.lineCount + 2)
        for block in outline.blocks {
            guard case .codeBlock(_, true) = block.kind else { continue }
            for line in block.range.start.line...max(block.range.start.line, block.range.end.line)
            where line < codeLines.count {
                codeLines[line] = true
            }
        }
        return try TabMarkupFinder(source: source, codeLines: codeLines).scan().map(\.outline)
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

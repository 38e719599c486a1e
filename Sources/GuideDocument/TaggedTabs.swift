import SampleModel

/// Tab groups written as tags on lines of their own, a group's opening and closing lines around
/// items that open and close around their content:
///
/// Docusaurus tabs in MDX, as Docusaurus' documented multi-language code blocks write them —
///
///     <Tabs groupId="language">
///     <TabItem value="python" label="Python">
///
///     ```python gen=token-request digest=…
///     …
///     ```
///
///     </TabItem>
///     </Tabs>
///
/// — and GitBook tabs, as GitBook's Markdown (Git Sync) writes them —
///
///     {% tabs %}
///     {% tab title="Python" %}
///     ```python gen=token-request digest=…
///     …
///     ```
///     {% endtab %}
///     {% endtabs %}
///
/// An item's `label`/`title` (else its `value`, else its sole block's tag) names its language. Its
/// content, between its lines, is parsed on its own as the platform parses it (MDX: a JSX
/// element's Markdown children, a blank line after the opening tag and before the closing one).
/// Neither platform shows a fence's words after the language, so gen's words stay in the info
/// string.
enum TagTabSyntax {
    case docusaurus
    case gitbook

    /// The element or block names: the group's and the item's.
    var group: String { self == .docusaurus ? "Tabs" : "tabs" }
    var item: String { self == .docusaurus ? "TabItem" : "tab" }

    /// How the group's and an item's opening lines are named in messages.
    var groupMarkup: String { self == .docusaurus ? "<Tabs>" : "{% tabs %}" }
    var itemMarkup: String { self == .docusaurus ? "<TabItem>" : "{% tab %}" }

    /// The form of a group written this way.
    func form(_ layout: TabSetLayout) -> SectionForm {
        self == .docusaurus ? .docusaurusTabs(layout) : .gitbookTabs(layout)
    }

    /// How the closing line of `name` reads.
    func closing(_ name: String) -> String { self == .docusaurus ? "</\(name)>" : "{% end\(name) %}" }

    /// The line that opens a new item for `language`.
    func itemLine(_ language: Language) -> String {
        self == .docusaurus
            ? "<TabItem value=\"\(language.rawValue)\" label=\"\(language.displayName)\">"
            : "{% tab title=\"\(language.displayName)\" %}"
    }

    /// The attributes of an opening line `<Name …>` / `{% name … %}` (trimmed), nil for any other.
    func attributes(of trimmed: String, name: String) -> [String: String]? {
        let (open, close) = self == .docusaurus ? ("<", ">") : ("{%", "%}")
        guard trimmed.hasPrefix(open), trimmed.hasSuffix(close), !trimmed.hasSuffix("/>") else { return nil }
        var inner = trimmed.dropFirst(open.count).dropLast(close.count)
        if self == .gitbook { inner = inner.drop { $0 == " " || $0 == "\t" } }
        guard inner.hasPrefix(name) else { return nil }
        inner = inner.dropFirst(name.count)
        guard inner.isEmpty || inner.first == " " || inner.first == "\t" else { return nil }
        var attributes: [String: String] = [:]
        var rest = inner
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].split(whereSeparator: { $0 == " " || $0 == "\t" }).last.map(String.init) ?? ""
            var value = rest[rest.index(after: equals)...]
            guard let quote = value.first, quote == "\"" || quote == "'" else {
                rest = value
                continue
            }
            value = value.dropFirst()
            guard let end = value.firstIndex(of: quote) else { break }
            attributes[key] = String(value[..<end])
            rest = value[value.index(after: end)...]
        }
        return attributes
    }

    /// Whether a trimmed line closes `name`.
    func isClosing(_ trimmed: String, name: String) -> Bool {
        if self == .docusaurus { return trimmed == closing(name) }
        guard trimmed.hasPrefix("{%"), trimmed.hasSuffix("%}"), trimmed.count >= 4 else { return false }
        return trimmed.dropFirst(2).dropLast(2).trimmingBlanks() == "end\(name)"
    }
}

extension TabMarkupFinder {
    /// An opening or closing line of `name` in `syntax`, with its indentation and attributes.
    private func tag(_ line: Int, _ syntax: TagTabSyntax, name: String, closing: Bool = false) -> (
        indent: Int, attributes: [String: String]
    )? {
        let trimmed = String(decoding: source.lineContent(line), as: UTF8.self).trimmingBlanks()
        let indent = TabContent.indentation(of: source.lineContent(line))
        if closing { return syntax.isClosing(trimmed, name: name) ? (indent, [:]) : nil }
        return syntax.attributes(of: trimmed, name: name).map { (indent, $0) }
    }

    /// Whether `line` is markup (HTML/JSX or a paragraph), not code.
    private func isMarkupLine(_ line: Int) -> Bool {
        lines.isParagraph(line) || lines.role(line) == .html
    }

    func taggedGroup(at start: Int, _ syntax: TagTabSyntax) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let opener = tag(start, syntax, name: syntax.group) else { return nil }
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: opener.indent)
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var itemIndent: [UInt8]?
        var line = start + 1
        while line <= source.lineCount {
            if isMarkupLine(line), tag(line, syntax, name: syntax.group, closing: true) != nil {
                let layout = TabSetLayout(
                    tabIndent: indent, contentPrefix: indent, insertionLine: line, itemFence: "",
                    itemIndent: itemIndent ?? indent)
                return (
                    CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: syntax.form(layout)),
                    line, tabs
                )
            }
            guard isMarkupLine(line), let item = tag(line, syntax, name: syntax.item) else {
                if lines.role(line) == .fenceOpener || lines.role(line) == .paragraph,
                    GeneratedFence.isGenerated(source.lineContent(line))
                {
                    throw GuideError(
                        position: SourcePosition(line: line, column: 1),
                        message:
                            "this generated block is inside \(syntax.groupMarkup) but in no \(syntax.itemMarkup), where gen does not fill it; move it into a tab or remove gen= from its info string"
                    )
                }
                line += 1
                continue
            }
            if itemIndent == nil { itemIndent = Array(repeating: UInt8(ascii: " "), count: item.indent) }
            var close = line + 1
            while close <= source.lineCount,
                !(isMarkupLine(close) && tag(close, syntax, name: syntax.item, closing: true) != nil)
            {
                close += 1
            }
            guard close <= source.lineCount else {
                throw GuideError(
                    position: SourcePosition(line: line, column: 1),
                    message:
                        "this \(syntax.itemMarkup) is never closed; end it with a line \(syntax.closing(syntax.item))")
            }
            let title = item.attributes["label"] ?? item.attributes["title"] ?? item.attributes["value"] ?? ""
            tabs.append(
                TabSetOutline.Tab(
                    title: title, sync: item.attributes["value"], headerLine: line, content: (line + 1)..<close,
                    contentPrefix: indent))
            if let section = try section(
                title: title, sync: item.attributes["value"], headerLine: line, content: (line + 1)..<close,
                width: opener.indent, lastLine: close)
            {
                sections.append(section)
            }
            line = close + 1
        }
        throw GuideError(
            position: SourcePosition(line: start, column: 1),
            message: "this \(syntax.groupMarkup) is never closed; end it with a line \(syntax.closing(syntax.group))")
    }

    /// The `import` lines a page with Docusaurus tabs needs and lacks, and where they go: after
    /// the front matter, else at the top.
    func missingDocusaurusImports() -> (offset: Int, lines: [String])? {
        let needed = [
            ("import Tabs from", "import Tabs from '@theme/Tabs';"),
            ("import TabItem from", "import TabItem from '@theme/TabItem';"),
        ]
        var missing = needed
        var frontMatterEnd: Int?
        for line in 1...max(source.lineCount, 1) {
            let text = String(decoding: source.lineContent(line), as: UTF8.self)
            if line > 1, frontMatterEnd == nil, source.lineContent(1).elementsEqual("---".utf8), text == "---" {
                frontMatterEnd = line
            }
            missing.removeAll { text.hasPrefix($0.0) }
        }
        guard !missing.isEmpty else { return nil }
        let offset = frontMatterEnd.map { $0 < source.lineCount ? source.lineStart($0 + 1) : source.bytes.count } ?? 0
        return (offset, missing.map(\.1))
    }
}

import SampleModel

/// Docusaurus tabs in MDX, read as Docusaurus' documented multi-language code blocks write them:
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
/// Each `<TabItem …>` on a line of its own, closed by `</TabItem>` on a line of its own, is a tab;
/// its `label` (else its `value`) names its language. Its content, between those lines, is parsed
/// on its own as MDX parses a JSX element's Markdown children (a blank line after the opening tag
/// and before the closing one makes them Markdown). Docusaurus reads only `title="…"` and line
/// ranges from a fence's meta string, so gen's words stay in the info string.
extension TabMarkupFinder {
    /// A JSX tag alone on its line: `<Name attr="v" …>` (or `</Name>`), its attributes' values.
    private func jsxTag(_ line: Int, name: String, closing: Bool = false) -> (
        indent: Int, attributes: [String: String]
    )? {
        let text = String(decoding: source.lineContent(line), as: UTF8.self)
        let trimmed = text.trimmingBlanks()
        if closing {
            return trimmed == "</\(name)>" ? (TabContent.indentation(of: source.lineContent(line)), [:]) : nil
        }
        guard trimmed.hasPrefix("<\(name)"), trimmed.hasSuffix(">"), !trimmed.hasSuffix("/>") else { return nil }
        let inner = trimmed.dropFirst(name.count + 1).dropLast()
        guard inner.isEmpty || inner.first == " " || inner.first == "\t" else { return nil }
        var attributes: [String: String] = [:]
        var rest = Substring(inner)
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
        return (TabContent.indentation(of: source.lineContent(line)), attributes)
    }

    /// Whether `line` is markup (HTML/JSX or a paragraph), not code.
    private func isMarkupLine(_ line: Int) -> Bool {
        lines.isParagraph(line) || lines.role(line) == .html
    }

    func docusaurusGroup(at start: Int) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let opener = jsxTag(start, name: "Tabs") else { return nil }
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: opener.indent)
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var itemIndent: [UInt8]?
        var line = start + 1
        while line <= source.lineCount {
            if isMarkupLine(line), jsxTag(line, name: "Tabs", closing: true) != nil {
                let layout = TabSetLayout(
                    tabIndent: indent, contentPrefix: indent, insertionLine: line, itemFence: "",
                    itemIndent: itemIndent ?? indent + Array("  ".utf8))
                return (
                    CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: .docusaurusTabs(layout)),
                    line, tabs
                )
            }
            guard isMarkupLine(line), let item = jsxTag(line, name: "TabItem") else {
                if lines.role(line) == .fenceOpener || lines.role(line) == .paragraph,
                    GeneratedFence.isGenerated(source.lineContent(line))
                {
                    throw GuideError(
                        position: SourcePosition(line: line, column: 1),
                        message:
                            "this generated block is inside <Tabs> but in no <TabItem>, where gen does not fill it; move it into a TabItem or remove gen= from its info string"
                    )
                }
                line += 1
                continue
            }
            if itemIndent == nil { itemIndent = Array(repeating: UInt8(ascii: " "), count: item.indent) }
            var close = line + 1
            while close <= source.lineCount,
                !(isMarkupLine(close) && jsxTag(close, name: "TabItem", closing: true) != nil)
            {
                close += 1
            }
            guard close <= source.lineCount else {
                throw GuideError(
                    position: SourcePosition(line: line, column: 1),
                    message: "this <TabItem> is never closed; end it with a line </TabItem>")
            }
            let title = item.attributes["label"] ?? item.attributes["value"] ?? ""
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
            message: "this <Tabs> is never closed; end it with a line </Tabs>")
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

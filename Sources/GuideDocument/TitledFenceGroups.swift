import SampleModel

/// Code groups whose tabs are fences titled by the words of their own info strings, so gen's
/// words go in a comment on the line before each fence (`MarkerComment`), which the platform
/// does not render:
///
/// VitePress' `::: code-group` container (markdown-it-container), a tab titled by the `[…]` of
/// its fence's info string, else by its language —
///
///     ::: code-group
///
///     <!-- gen=token-request digest=… -->
///     ```python [Python]
///     …
///     ```
///
///     :::
///
/// — whose opening line is three or more colons and `code-group` (its first word), and whose
/// closing line is at least as many colons, indented less than four columns past the opening;
/// and Mintlify's `<CodeGroup>`, a tab titled by the words after its fence's language —
///
///     <CodeGroup>
///
///     {/* gen=token-request digest=… */}
///     ```python Python
///     …
///     ```
///
///     </CodeGroup>
///
/// Every fenced block directly in the group is a tab; one whose title (or, untitled, whose
/// language) names one of gen's languages is that language's section.
enum TitledFencePlatform {
    case vitepress
    case mintlify

    var name: String { self == .vitepress ? "VitePress code-group" : "Mintlify CodeGroup" }
    var comment: MarkerComment { self == .vitepress ? .html : .mdx }

    func form(_ layout: TabSetLayout) -> SectionForm {
        self == .vitepress ? .vitepressCodeGroup(layout) : .mintlifyCodeGroup(layout)
    }

    /// The tab's title in a fence's info string, nil when it has none.
    func title(_ info: InfoString) -> String? {
        switch self {
        case .vitepress: return TabMarkupFinder.bracketedTitle(info.bytes)
        case .mintlify:
            let text = String(decoding: info.bytes, as: UTF8.self).trimmingBlanks()
            guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
            let title = text[space...].trimmingBlanks()
            return title.isEmpty ? nil : title
        }
    }

    /// The info string gen writes for a new tab of `language`.
    func fenceInfo(_ language: Language) -> String {
        self == .vitepress
            ? "\(language.fenceTag) [\(language.displayName)]" : "\(language.fenceTag) \(language.displayName)"
    }
}

extension TabMarkupFinder {
    /// The group's opening line: its indentation in columns and (VitePress) its colons.
    private func codeGroupOpener(_ line: Int, _ platform: TitledFencePlatform) -> (indent: Int, colons: Int)? {
        let text = source.lineContent(line)
        if platform == .mintlify {
            let trimmed = String(decoding: text, as: UTF8.self).trimmingBlanks()
            return trimmed == "<CodeGroup>" ? (TabContent.indentation(of: text), 0) : nil
        }
        let indent = TabContent.indentation(of: text)
        let rest = text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let colons = rest.prefix { $0 == UInt8(ascii: ":") }.count
        guard colons >= 3 else { return nil }
        let name = String(decoding: rest.dropFirst(colons), as: UTF8.self).trimmingBlanks()
        guard name.split(separator: " ", maxSplits: 1).first == "code-group" else { return nil }
        return (indent, colons)
    }

    private func isCodeGroupClose(_ line: Int, _ platform: TitledFencePlatform, indent: Int, colons: Int) -> Bool {
        let text = source.lineContent(line)
        if platform == .mintlify {
            guard lines.isParagraph(line) || lines.role(line) == .html else { return false }
            return String(decoding: text, as: UTF8.self).trimmingBlanks() == "</CodeGroup>"
        }
        guard lines.isParagraph(line) else { return false }
        let column = TabContent.indentation(of: text)
        guard column >= indent, column < indent + 4 else { return false }
        let marker = String(decoding: text, as: UTF8.self).trimmingBlanks()
        return marker.count >= colons && marker.allSatisfy { $0 == ":" }
    }

    func titledFenceGroup(at start: Int, _ platform: TitledFencePlatform) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let opener = codeGroupOpener(start, platform) else { return nil }
        var close = start + 1
        while close <= source.lineCount,
            !isCodeGroupClose(close, platform, indent: opener.indent, colons: opener.colons)
        {
            close += 1
        }
        guard close <= source.lineCount else {
            throw GuideError(
                position: SourcePosition(line: start, column: 1),
                message:
                    platform == .vitepress
                    ? "this code-group is never closed; end it with a line of \(opener.colons) colons"
                    : "this <CodeGroup> is never closed; end it with a line </CodeGroup>")
        }
        let prefix = [UInt8](repeating: UInt8(ascii: " "), count: opener.indent)
        let content = TabContent(source: source, lines: (start + 1)..<close, indentation: opener.indent)
        for block in content.document.nodes where block.parent != 0 && block.parent != nil {
            // A block gen wrote inside a list or quote of the group is no tab of it.
            if case .codeBlock(_, true) = block.kind,
                markerWords(before: content.inSource(block), platform.comment) != nil
            {
                throw GuideError(
                    position: content.inSource(block).range.start,
                    message:
                        "this generated block is inside a list or quote in a \(platform.name), where it is no tab and gen does not fill it; move it out to the group's own level or remove its gen= comment"
                )
            }
        }
        var sections: [CodeSection] = []
        var tabs: [TabSetOutline.Tab] = []
        var lastTabLine = start
        for block in content.topLevelBlocks.map(content.inSource) {
            guard case .codeBlock(_, true) = block.kind else { continue }
            let fenceLine = block.range.start.line
            let info = InfoString(source.fenceInfo(at: block.range.start))
            if info.snippetName != nil {
                throw GuideError(
                    position: block.range.start,
                    message:
                        "in a \(platform.name) gen's words go in a comment on the line before the fence (\(platform.comment.opening) gen=\(info.snippetName!) \(platform.comment.closing)), not in the info string, whose words the platform shows; move them"
                )
            }
            let marker = markerWords(before: block, platform.comment)
            let title = platform.title(info) ?? info.languageName ?? ""
            let firstLine = marker == nil ? fenceLine : fenceLine - 1
            tabs.append(
                TabSetOutline.Tab(
                    title: title, sync: nil, headerLine: firstLine, content: firstLine..<(block.range.end.line + 1),
                    contentPrefix: prefix))
            lastTabLine = block.range.end.line
            let language = platform.title(info).map { Language(name: $0) } ?? info.language
            guard let language else {
                if marker != nil {
                    throw GuideError(
                        position: block.range.start,
                        message:
                            "this generated block's tab \"\(title)\" names no language gen knows; title it [<Language>] (\(Language.allCases.map(\.displayName).joined(separator: ", "))) or remove its gen= comment"
                    )
                }
                continue
            }
            let header = SourceRange(
                start: SourcePosition(line: firstLine, column: 1),
                end: SourcePosition(line: firstLine, column: max(1, source.lineContent(firstLine).count)))
            func placement(placeholder: SourceRange?) -> TabPlacement {
                TabPlacement(
                    headerLine: firstLine, lastLine: block.range.end.line,
                    content: firstLine..<(block.range.end.line + 1),
                    placeholder: placeholder, holdsOtherContent: false)
            }
            try SectionFinder.requireClosed(block)
            let blockEnd = SourcePosition(
                line: block.range.end.line, column: source.lineContent(block.range.end.line).count)
            if let marker {
                guard let snippet = Snippet(rawValue: marker.words.snippetName ?? "") else {
                    throw GuideError(
                        position: marker.start,
                        message:
                            "this gen= comment names the snippet \"\(marker.words.snippetName ?? "")\", which does not exist; use one of \(Snippet.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                let generated = GeneratedBlock(
                    range: SourceRange(start: marker.start, end: blockEnd), snippet: snippet,
                    recordedDigest: marker.words.recordedDigest, contentDigest: block.codeDigest)
                sections.append(
                    CodeSection(
                        language: language, label: header, content: .generated(generated),
                        tab: placement(placeholder: nil)))
            } else if block.range.end.line > fenceLine, (fenceLine + 1..<block.range.end.line).allSatisfy(isBlank) {
                sections.append(
                    CodeSection(
                        language: language, label: header, content: .empty,
                        tab: placement(placeholder: SourceRange(start: block.range.start, end: blockEnd))))
            } else {
                sections.append(
                    CodeSection(
                        language: language, label: header,
                        content: .handWritten(SourceRange(start: block.range.start, end: blockEnd)),
                        tab: placement(placeholder: nil)))
            }
        }
        let layout = TabSetLayout(tabIndent: prefix, contentPrefix: prefix, insertionLine: lastTabLine, itemFence: "")
        return (
            CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: platform.form(layout)),
            close, tabs
        )
    }

    /// gen's words in a comment on the line right before `fence` (a block in the guide's
    /// lines), with where the comment starts.
    private func markerWords(before fence: MarkdownNode, _ comment: MarkerComment) -> (
        words: InfoString, start: SourcePosition
    )? {
        let line = fence.range.start.line - 1
        guard line >= 1 else { return nil }
        let text = source.lineContent(line)
        guard let words = comment.words(in: text) else { return nil }
        let blanks = text.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        return (words, SourcePosition(line: line, column: blanks + 1))
    }

    /// The text between the first `[` and the last `]` of an info string: VitePress' tab title.
    static func bracketedTitle(_ info: [UInt8]) -> String? {
        guard let open = info.firstIndex(of: UInt8(ascii: "[")), let close = info.lastIndex(of: UInt8(ascii: "]")),
            open < close
        else { return nil }
        return String(decoding: info[(open + 1)..<close], as: UTF8.self)
    }
}

import SampleModel

/// VitePress code groups, read as `markdown-it-container` and VitePress read them:
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
/// The opening line is three or more colons and `code-group` (its first word); the closing line
/// is at least as many colons and nothing else, indented less than four columns past the opening
/// one. Every fenced block directly in the container is a tab, titled by the `[…]` of its info
/// string, else by its language; a tab whose title (or, untitled, whose language) names one of
/// gen's languages is that language's section. gen's words stand in an HTML comment on the line
/// before the fence, which VitePress drops from the page, since the words after a fence's
/// language are VitePress' to read.
extension TabMarkupFinder {
    /// `<indent>:::… code-group …`: the indentation in columns and the colons.
    private func codeGroupOpener(_ line: Int) -> (indent: Int, colons: Int)? {
        let text = source.lineContent(line)
        let indent = TabContent.indentation(of: text)
        let rest = text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let colons = rest.prefix { $0 == UInt8(ascii: ":") }.count
        guard colons >= 3 else { return nil }
        let name = String(decoding: rest.dropFirst(colons), as: UTF8.self).trimmingBlanks()
        guard name.split(separator: " ", maxSplits: 1).first == "code-group" else { return nil }
        return (indent, colons)
    }

    private func isCodeGroupClose(_ line: Int, indent: Int, colons: Int) -> Bool {
        guard lines.isParagraph(line) else { return false }
        let text = source.lineContent(line)
        let column = TabContent.indentation(of: text)
        guard column >= indent, column < indent + 4 else { return false }
        let marker = String(decoding: text, as: UTF8.self).trimmingBlanks()
        return marker.count >= colons && marker.allSatisfy { $0 == ":" }
    }

    func vitepressGroup(at start: Int) throws(GuideError) -> (
        group: CodeSectionGroup, lastLine: Int, tabs: [TabSetOutline.Tab]
    )? {
        guard let opener = codeGroupOpener(start) else { return nil }
        var close = start + 1
        while close <= source.lineCount, !isCodeGroupClose(close, indent: opener.indent, colons: opener.colons) {
            close += 1
        }
        guard close <= source.lineCount else {
            throw GuideError(
                position: SourcePosition(line: start, column: 1),
                message: "this code-group is never closed; end it with a line of \(opener.colons) colons")
        }
        let prefix = [UInt8](repeating: UInt8(ascii: " "), count: opener.indent)
        let content = TabContent(source: source, lines: (start + 1)..<close, indentation: opener.indent)
        for block in content.outline.blocks where block.parent != 0 && block.parent != nil {
            // A block gen wrote inside a list or quote of the group is no tab of it.
            if case .codeBlock(_, true) = block.kind, markerWords(before: content.inSource(block)) != nil {
                throw GuideError(
                    position: content.inSource(block).range.start,
                    message:
                        "this generated block is inside a list or quote in a code-group, where it is no tab and gen does not fill it; move it out to the group's own level or remove its gen= comment"
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
                        "in a VitePress code-group gen's words go in an HTML comment on the line before the fence (<!-- gen=\(info.snippetName!) -->), not in the info string, whose words VitePress reads; move them"
                )
            }
            let marker = markerWords(before: block)
            let title = Self.bracketedTitle(info.bytes) ?? info.languageName ?? ""
            let firstLine = marker == nil ? fenceLine : fenceLine - 1
            tabs.append(
                TabSetOutline.Tab(
                    title: title, sync: nil, headerLine: firstLine, content: firstLine..<(block.range.end.line + 1),
                    contentPrefix: prefix))
            lastTabLine = block.range.end.line
            let language = Self.bracketedTitle(info.bytes).map { Language(name: $0) } ?? info.language
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
            CodeSectionGroup(sections: sections, heading: nil, headingLine: nil, form: .vitepressCodeGroup(layout)),
            close, tabs
        )
    }

    /// gen's words in an HTML comment on the line right before `fence` (a block in the guide's
    /// lines), with where the comment starts.
    private func markerWords(before fence: MarkdownBlock) -> (words: InfoString, start: SourcePosition)? {
        let line = fence.range.start.line - 1
        guard line >= 1 else { return nil }
        let text = source.lineContent(line)
        guard let words = MarkerComment.html.words(in: text) else { return nil }
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

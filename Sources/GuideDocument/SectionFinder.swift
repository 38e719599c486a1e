import SampleModel

/// Finds the guide's code sections and groups them.
///
/// A section is a paragraph that is only "<Language> code:" (any case, any known language),
/// optionally followed by a code block; or a fenced block whose info string carries `gen=`.
/// Sections that follow each other inside the same container, with nothing else between them,
/// form a group.
public struct SectionFinder: Sendable {
    public init() {}

    /// The groups of `document`, read from its outline of blocks (`MarkdownDocument.blocks`).
    public func groups(in document: MarkdownDocument) throws(GuideError) -> [CodeSectionGroup] {
        let source = document.source
        let nodes = document.nodes
        // Each container's blocks by node id, and the headings in document order.
        var children: [MarkdownNode.ID: [MarkdownNode.ID]] = [:]
        var headings: [(text: String, line: Int)] = []
        var headingIDs: [MarkdownNode.ID] = []
        for block in document.blocks {
            if let parent = block.parent { children[parent, default: []].append(block.id) }
            if case .heading = block.kind {
                headings.append((document.plainText(of: block), block.range.start.line))
                headingIDs.append(block.id)
            }
        }
        /// The last heading before the block `id`.
        func headingBefore(_ id: MarkdownNode.ID) -> (text: String, line: Int)? {
            var low = 0
            var high = headingIDs.count
            while low < high {
                let middle = (low + high) / 2
                if headingIDs[middle] < id { low = middle + 1 } else { high = middle }
            }
            return low > 0 ? headings[low - 1] : nil
        }
        // Tab markup first (MkDocs content tabs, MyST tab sets): the fenced blocks inside those
        // tabs belong to their tab group, not to a group of labels.
        let lines = BlockLines(document)
        let (tabGroups, tabRanges) = try TabMarkupFinder(source: source, lines: lines).groups { line in
            // The nearest heading above: headings are in document order.
            var low = 0
            var high = headings.count
            while low < high {
                let middle = (low + high) / 2
                if headings[middle].line < line { low = middle + 1 } else { high = middle }
            }
            return low > 0 ? headings[low - 1] : nil
        }
        // Whether a line belongs to a tab group: the ranges are in order and do not overlap.
        func inTabGroup(_ line: Int) -> Bool {
            var low = 0
            var high = tabRanges.count
            while low < high {
                let middle = (low + high) / 2
                if tabRanges[middle].upperBound < line { low = middle + 1 } else { high = middle }
            }
            return low < tabRanges.count && tabRanges[low].contains(line)
        }
        // A fence carrying gen= that cmark-gfm reads as text outside the tab sets: no section
        // holds it, so gen would leave it to go stale.
        for line in 1...max(source.lineCount, 1)
        where lines.mayHideAFence(line) && GeneratedFence.isGenerated(source.lineContent(line)) && !inTabGroup(line) {
            throw GeneratedFence.strayError(line: line, role: lines.role(line))
        }
        // A comment with gen's words right before a fence outside the code groups that read such
        // comments: the fence is one gen wrote, which no section holds.
        for line in 1..<max(source.lineCount, 1)
        where lines.role(line + 1) == .fenceOpener && (lines.role(line) == .comment || lines.isParagraph(line)) {
            let text = source.lineContent(line)
            let first = text.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            guard first == UInt8(ascii: "<") || first == UInt8(ascii: "{"), !inTabGroup(line),
                MarkerComment.html.words(in: text) != nil || MarkerComment.mdx.words(in: text) != nil
            else { continue }
            throw GuideError(
                position: SourcePosition(line: line, column: 1),
                message:
                    "this comment marks the fence after it as generated, but the fence is in no VitePress ::: code-group or Mintlify <CodeGroup>, where gen reads such comments, so it would go stale; put it back in its code group or remove the comment"
            )
        }
        var groups = tabGroups
        for parent in children.keys.sorted() {
            let siblings = children[parent]!
            var sections: [CodeSection] = []
            var firstIndex = 0
            func closeGroup() throws(GuideError) {
                guard !sections.isEmpty else { return }
                try Self.checkDistinctLanguages(sections, kind: "section", container: "group")
                let heading = headingBefore(firstIndex)
                groups.append(CodeSectionGroup(sections: sections, heading: heading?.text, headingLine: heading?.line))
                sections = []
            }
            var position = 0
            while position < siblings.count {
                let index = siblings[position]
                let block = nodes[index]
                if !tabRanges.isEmpty, inTabGroup(block.range.start.line) {
                    try closeGroup()
                    position += 1
                    continue
                }
                let section: CodeSection?
                var consumed = 1
                if block.kind == .paragraph, let language = Self.labelLanguage(of: block, source: source) {
                    let next = position + 1 < siblings.count ? nodes[siblings[position + 1]] : nil
                    if let next, case .codeBlock(let info, let isFenced) = next.kind {
                        consumed = 2
                        try Self.requireClosed(next)
                        if isFenced,
                            let (tagged, generated) = try Self.generatedBlock(next, info: info, source: source)
                        {
                            guard tagged == language else {
                                throw GuideError(
                                    position: next.range.start,
                                    message:
                                        "this block is tagged \(tagged.rawValue) but follows \"\(language.displayName) code:\" on line \(block.range.start.line); fix the tag or the label"
                                )
                            }
                            var generated = generated
                            if let link = Self.programLink(at: position + 2, of: siblings, nodes, source) {
                                generated = generated.linked(link.range, text: link.text)
                                consumed += 1
                            }
                            section = CodeSection(
                                language: language, label: block.range, content: .generated(generated))
                        } else {
                            section = CodeSection(
                                language: language, label: block.range, content: .handWritten(next.range))
                        }
                    } else {
                        section = CodeSection(language: language, label: block.range, content: .empty)
                    }
                } else if case .codeBlock(let info, true) = block.kind,
                    let (language, generated) = try Self.generatedBlock(block, info: info, source: source)
                {
                    try Self.requireClosed(block)
                    var generated = generated
                    if let link = Self.programLink(at: position + 1, of: siblings, nodes, source) {
                        generated = generated.linked(link.range, text: link.text)
                        consumed += 1
                    }
                    section = CodeSection(language: language, label: nil, content: .generated(generated))
                } else {
                    section = nil
                }
                if let section {
                    if sections.isEmpty { firstIndex = index }
                    sections.append(section)
                } else {
                    try closeGroup()
                }
                position += consumed
            }
            try closeGroup()
        }
        return groups.sorted { $0.sections[0].start < $1.sections[0].start }
    }

    /// The language of a label paragraph: one line that is only "<Language> code:", the language
    /// in any of its spellings ("Node.js code:", "Python 3 code:").
    static func labelLanguage(of block: MarkdownNode, source: SourceText) -> Language? {
        guard block.range.start.line == block.range.end.line else { return nil }
        let start = source.offset(of: block.range.start)
        let end = source.lineContentEnd(block.range.end.line)
        guard end - start <= 40 else { return nil }
        // Byte-wise: a paragraph's line is "<words> code:" between ASCII blanks, or not a label.
        let line = source.bytes[start..<end]
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let words = line.split(whereSeparator: isBlank)
        guard words.count >= 2, let last = words.last, last.count == 5,
            String(decoding: last, as: UTF8.self).lowercased() == "code:"
        else { return nil }
        return Language(name: String(decoding: line[words[0].startIndex..<last.startIndex], as: UTF8.self))
    }

    /// gen's link line, when `siblings[position]` is one: a paragraph of one line that starts
    /// with `ProgramLink.lead`, right after a generated block.
    static func programLink(at position: Int, of siblings: [Int], _ nodes: [MarkdownNode], _ source: SourceText)
        -> (range: SourceRange, text: ArraySlice<UInt8>)?
    {
        guard position < siblings.count else { return nil }
        return programLink(nodes[siblings[position]], source)
    }

    /// The same for one block.
    static func programLink(_ block: MarkdownNode, _ source: SourceText) -> (
        range: SourceRange, text: ArraySlice<UInt8>
    )? {
        guard block.kind == .paragraph, block.range.start.line == block.range.end.line else { return nil }
        let text = source.bytes[source.offset(of: block.range.start)..<source.lineContentEnd(block.range.end.line)]
        return ProgramLink.isLink(text) ? (block.range, text) : nil
    }

    /// The language and snippet of a fenced block `gen` wrote, or nil for any other block.
    /// `info` is the block's info string; with `source`, it is read again from the guide's bytes
    /// (`InfoString`), as the splicer reads it to keep the writer's words.
    static func generatedBlock(_ block: MarkdownNode, info: String, source: SourceText? = nil) throws(GuideError) -> (
        Language, GeneratedBlock
    )? {
        try generatedBlock(at: block.range, info: info, codeDigest: block.codeDigest, source: source)
    }

    /// The same for a block at `range` whose code has `codeDigest`.
    static func generatedBlock(at range: SourceRange, info: String, codeDigest: String?, source: SourceText? = nil)
        throws(GuideError) -> (Language, GeneratedBlock)?
    {
        // Cheap first: most blocks are not gen's, and `gen=` in the guide's bytes stays `gen=`
        // when cmark-gfm decodes escapes and entities.
        guard info.utf8.count > 4, info.contains(GeneratedBlock.attribute + "=") else { return nil }
        let words = InfoString(source.map { $0.fenceInfo(at: range.start) } ?? ArraySlice(info.utf8))
        guard let name = words.snippetName else { return nil }
        guard let language = words.language else {
            throw GuideError(
                position: range.start,
                message:
                    "this generated block's \(words.languageName.map { "language \"\($0)\" is unknown" } ?? "info string starts with no language"); use one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard let snippet = Snippet(rawValue: name) else {
            throw GuideError(
                position: range.start,
                message:
                    "this generated block names the snippet \"\(name)\", which does not exist; use one of \(Snippet.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return (
            language,
            GeneratedBlock(
                range: range, snippet: snippet, recordedDigest: words.recordedDigest, contentDigest: codeDigest)
        )
    }

    /// A code section's block must be closed: an open fence takes in the rest of the guide, which
    /// regenerating it would replace.
    static func requireClosed(_ block: MarkdownNode) throws(GuideError) {
        guard block.isOpenFence else { return }
        throw GuideError(
            position: block.range.start,
            message:
                "this code block is never closed, so everything after it belongs to it; add its closing fence and run gen again"
        )
    }

    /// One section per language in a group (`kind`: "section", "tab"; `container`: "group",
    /// "tab set"), else an error at the second.
    static func checkDistinctLanguages(_ sections: [CodeSection], kind: String, container: String) throws(GuideError) {
        var seen: [Language: SourcePosition] = [:]
        for section in sections {
            if let first = seen[section.language] {
                throw GuideError(
                    position: section.start,
                    message:
                        "a second \(section.language.displayName) \(kind) in this \(container) (the first is at line \(first.line)); keep one"
                )
            }
            seen[section.language] = section.start
        }
    }
}

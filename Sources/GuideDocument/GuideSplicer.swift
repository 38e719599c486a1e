import SampleModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plans the edits that put samples into a group of code sections, touching nothing else.
///
/// - An empty section gets its block after the label, one blank line between.
/// - A block `gen` wrote earlier is replaced, fences included; the bytes around it stay.
/// - A configured language missing from the group gets a "<Language> code:" label and a block
///   where the configured order puts it among the group's sections.
/// New lines use the guide's own line break and repeat the container prefix (`> ` in a block
/// quote, the item's indentation in a list) so the block stays where its label is.
public struct GuideSplicer: Sendable {
    public let source: SourceText

    public init(source: SourceText) {
        self.source = source
    }

    /// The edits that fill `group` with `code(language)` for each of `languages`.
    public func edits(
        filling group: CodeSectionGroup,
        with snippet: Snippet,
        languages: [Language],
        code: (Language) -> String,
        link: (Language) -> String? = { _ in nil }
    ) -> [GuideEdit] {
        var blocks = FencedBlockCache()
        return edits(filling: group, with: snippet, languages: languages, blocks: &blocks, code: code, link: link)
    }

    /// The same, building each distinct block once in `blocks`, which a run keeps across guides.
    /// A block already in the guide exactly as it would be written is left without an edit, and
    /// so is a block edited by hand (`GeneratedBlock.isEditedByHand`) unless `replacingHandEdits`.
    /// `link(language)` is the `ProgramLink` line written under the block, if any.
    public func edits(
        filling group: CodeSectionGroup,
        with snippet: Snippet,
        languages: [Language],
        blocks: inout FencedBlockCache,
        replacingHandEdits: Bool = false,
        code: (Language) -> String,
        link: (Language) -> String? = { _ in nil }
    ) -> [GuideEdit] {
        if let layout = group.form.layout {
            return tabEdits(
                filling: group, layout: layout, with: snippet, languages: languages, blocks: &blocks,
                replacingHandEdits: replacingHandEdits, code: code, link: link)
        }
        let first = group.sections[0].start
        let prefix = containerPrefix(line: first.line, column: first.column)
        let lineBreak = source.lineBreak(after: first.line) ?? source.preferredLineBreak
        let blankLine = lineBreak + Self.trimmingTrailingBlanks(prefix) + lineBreak
        func block(_ language: Language, replacing old: SourceRange? = nil) -> [UInt8] {
            let sample = code(language)
            let line = link(language)
            let fence = blocks.bytes(
                of: FencedCodeBlock(info: info(language, replacing: old, sample: sample, link: line), code: sample),
                prefix: prefix, lineBreak: lineBreak)
            return line.map { fence + blankLine + prefix + Array($0.utf8) } ?? fence
        }
        func info(_ language: Language, replacing old: SourceRange?, sample: String, link: String?) -> String {
            blocks.infoString(
                language: language, snippet: snippet, code: sample, link: link,
                keeping: old.map { source.fenceInfo(at: $0.start) })
        }
        var edits: [GuideEdit] = []
        for section in group.sections where languages.contains(section.language) {
            switch section.content {
            case .empty:
                let end = source.lineContentEnd(section.label!.end.line)
                edits.append(GuideEdit(range: end..<end, replacement: blankLine + prefix + block(section.language)))
            case .generated(let generated) where generated.isEditedByHand && !replacingHandEdits:
                break
            case .generated(let generated):
                // The fence line's own container prefix is written too, in the form the other
                // lines use, so all of them leave the same indentation (a `>\t` or `>>` spelling
                // would not); a list marker before the fence stays as it is.
                var start = source.offset(of: generated.range.start)
                var replacement = block(section.language, replacing: generated.range)
                let lineStart = source.lineTextStart(generated.range.start.line)
                if start > lineStart, source.bytes[lineStart..<start].allSatisfy(Self.isContainerContinuation) {
                    start = lineStart
                    replacement = prefix + replacement
                }
                let range = start..<source.lineContentEnd(generated.lastLine)
                if !Self.bytes(source.bytes[range], equal: replacement) {
                    edits.append(GuideEdit(range: range, replacement: replacement))
                }
            case .handWritten:
                break
            }
        }
        // A missing language goes where the configured order puts it: after the last section of a
        // language before it, or before the group when none is — unless the group's first line
        // also starts a container (a list item), where it goes after the group instead.
        let missing = languages.filter { !group.languages.contains($0) }
        if !missing.isEmpty {
            let rank = { (language: Language) in languages.firstIndex(of: language) ?? Int.max }
            let firstLineStart = source.lineTextStart(first.line)
            // (Not before a section of a language no longer configured: that one is being removed.)
            let canInsertBefore =
                languages.contains(group.sections[0].language)
                && source.bytes[firstLineStart..<source.offset(of: first)].allSatisfy(Self.isContainerContinuation)
            var before: [UInt8] = []
            var after: [Int: [UInt8]] = [:]  // by the index of the section it follows
            for language in missing {
                let section = Array("\(language.displayName) code:".utf8)
                var preceding = group.sections.lastIndex { rank($0.language) < rank(language) }
                // Sections of languages not configured stay next to the one before them.
                while let index = preceding, index + 1 < group.sections.count,
                    rank(group.sections[index + 1].language) == Int.max
                {
                    preceding = index + 1
                }
                if preceding == nil, canInsertBefore {
                    before += prefix + section + blankLine + prefix + block(language) + blankLine
                } else {
                    after[preceding ?? group.sections.count - 1, default: []] +=
                        blankLine + prefix + section + blankLine + prefix + block(language)
                }
            }
            if !before.isEmpty {
                edits.append(GuideEdit(range: firstLineStart..<firstLineStart, replacement: before))
            }
            for (index, insertion) in after.sorted(by: { $0.key < $1.key }) {
                let end = source.lineContentEnd(group.sections[index].lastLine)
                edits.append(GuideEdit(range: end..<end, replacement: insertion))
            }
        }
        return edits
    }

    /// The edits for a group written as tabs: a placeholder block or a block gen wrote is
    /// replaced in its tab, its lines behind the tab's content prefix; a configured language
    /// missing from the group gets a tab of its own after the last one (MkDocs) or before the
    /// tab set's closing line (MyST, with a `:sync:` key so that it switches with the others).
    private func tabEdits(
        filling group: CodeSectionGroup,
        layout: TabSetLayout,
        with snippet: Snippet,
        languages: [Language],
        blocks: inout FencedBlockCache,
        replacingHandEdits: Bool,
        code: (Language) -> String,
        link: (Language) -> String?
    ) -> [GuideEdit] {
        let lineBreak =
            group.sections.first.flatMap { source.lineBreak(after: $0.tab?.headerLine ?? 1) }
            ?? source.lineBreak(after: layout.insertionLine) ?? source.preferredLineBreak
        /// `linked: false`: the digest covers the link, written elsewhere, but the block holds none.
        func block(_ language: Language, replacing old: SourceRange? = nil, linked: Bool = true) -> [UInt8] {
            let sample = code(language)
            guard case .commentBefore(let comment) = group.form.markerPlacement else {
                let line = link(language)
                let fence = blocks.bytes(
                    of: FencedCodeBlock(info: info(language, replacing: old, sample: sample, link: line), code: sample),
                    prefix: layout.contentPrefix, lineBreak: lineBreak)
                let blankLine = lineBreak + Self.trimmingTrailingBlanks(layout.contentPrefix) + lineBreak
                guard linked else { return fence }
                return line.map { fence + blankLine + layout.contentPrefix + Array($0.utf8) } ?? fence
            }
            // gen's words in the comment; the fence's info string is the writer's (the language
            // and the tab's title), else the form's own for the language.
            var fenceLine = old?.start.line
            if let line = fenceLine, comment.words(in: source.lineContent(line)) != nil { fenceLine = line + 1 }
            let fence = Self.tabFenceInfo(
                form: group.form, language: language,
                keeping: fenceLine.map { line in
                    let text = source.lineContent(line).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                    return text.drop { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") }
                })
            return comment.line(snippet: snippet, digest: SampleDigest.of(sample)) + lineBreak + layout.contentPrefix
                + blocks.bytes(
                    of: FencedCodeBlock(info: fence, code: sample), prefix: layout.contentPrefix, lineBreak: lineBreak)
        }
        func info(_ language: Language, replacing old: SourceRange?, sample: String, link: String?) -> String {
            blocks.infoString(
                language: language, snippet: snippet, code: sample, link: link,
                keeping: old.map { source.fenceInfo(at: $0.start) })
        }
        var edits: [GuideEdit] = []
        for section in group.sections where languages.contains(section.language) {
            let range: SourceRange
            var lastLine: Int?
            switch section.content {
            case .empty:
                guard let placeholder = section.tab?.placeholder else { continue }
                range = placeholder
            case .generated(let generated):
                guard !generated.isEditedByHand || replacingHandEdits else { continue }
                range = generated.range
                lastLine = generated.lastLine
                // A link line below the writer's lines: the block is rewritten without one, and the
                // line where it stands (or taken away, with the blank line before it).
                if let old = generated.link, !generated.linkIsAdjacent {
                    let start = source.offset(of: old.start)
                    let end = source.lineContentEnd(old.end.line)
                    if let line = link(section.language) {
                        if !Self.bytes(source.bytes[start..<end], equal: Array(line.utf8)) {
                            edits.append(GuideEdit(range: start..<end, replacement: Array(line.utf8)))
                        }
                    } else {
                        edits.append(GuideEdit(range: source.lineContentEnd(old.start.line - 1)..<end, replacement: []))
                    }
                    let fence = source.offset(of: range.start)..<source.lineContentEnd(range.end.line)
                    let replacement = block(section.language, replacing: range, linked: false)
                    if !Self.bytes(source.bytes[fence], equal: replacement) {
                        edits.append(GuideEdit(range: fence, replacement: replacement))
                    }
                    continue
                }
            case .handWritten:
                continue
            }
            let bytes = source.offset(of: range.start)..<source.lineContentEnd(lastLine ?? range.end.line)
            let replacement = block(section.language, replacing: range)
            if !Self.bytes(source.bytes[bytes], equal: replacement) {
                edits.append(GuideEdit(range: bytes, replacement: replacement))
            }
        }
        if let imports = layout.missingImports {
            let lines = imports.lines.map { Array($0.utf8) + lineBreak }.joined()
            edits.append(GuideEdit(range: imports.offset..<imports.offset, replacement: Array(lines) + lineBreak))
        }
        let missing = languages.filter { !group.languages.contains($0) }
        guard !missing.isEmpty else { return edits }
        var insertion: [UInt8] = []
        let offset: Int
        switch group.form {
        case .mkdocsTabs:
            offset = source.lineContentEnd(layout.insertionLine)
            for language in missing {
                insertion += lineBreak + lineBreak + layout.tabIndent + Array("=== \"\(language.displayName)\"".utf8)
                insertion += lineBreak + lineBreak + layout.contentPrefix + block(language)
            }
        case .mystTabSet:
            offset = source.lineStart(layout.insertionLine)
            for language in missing {
                insertion += layout.tabIndent + Array("\(layout.itemFence){tab-item} \(language.displayName)".utf8)
                insertion += lineBreak + layout.tabIndent + Array(":sync: \(language.rawValue)".utf8) + lineBreak
                insertion += lineBreak + layout.contentPrefix + block(language) + lineBreak
                insertion += layout.tabIndent + Array(layout.itemFence.utf8) + lineBreak
            }
        case .vitepressCodeGroup, .mintlifyCodeGroup:
            // After the last tab (else the opening line), a blank line between.
            offset = source.lineContentEnd(layout.insertionLine)
            let blank = Self.trimmingTrailingBlanks(layout.contentPrefix)
            for language in missing {
                insertion += lineBreak + blank + lineBreak + layout.contentPrefix + block(language)
            }
        case .docusaurusTabs:
            // Blank lines around the fence, which make it Markdown inside the JSX element.
            offset = source.lineStart(layout.insertionLine)
            let blank = Self.trimmingTrailingBlanks(layout.contentPrefix)
            for language in missing {
                insertion += layout.itemIndent + Array(TagTabSyntax.docusaurus.itemLine(language).utf8)
                insertion += lineBreak + blank + lineBreak + layout.contentPrefix + block(language) + lineBreak + blank
                insertion += lineBreak + layout.itemIndent + Array("</TabItem>".utf8) + lineBreak
            }
        case .gitbookTabs:
            // As GitBook writes its tabs: a blank line between them, none around the fence.
            offset = source.lineStart(layout.insertionLine)
            let blank = Self.trimmingTrailingBlanks(layout.contentPrefix)
            for language in missing {
                insertion += blank + lineBreak + layout.itemIndent + Array(TagTabSyntax.gitbook.itemLine(language).utf8)
                insertion += lineBreak + layout.contentPrefix + block(language) + lineBreak
                insertion += layout.itemIndent + Array("{% endtab %}".utf8) + lineBreak
            }
        case .labels:
            return edits
        }
        edits.append(GuideEdit(range: offset..<offset, replacement: insertion))
        return edits
    }

    /// The info string of a tab's fence on a platform that reads gen's words from a comment:
    /// the writer's (`kept`, as the guide spells it) with the language tag added where it has
    /// none and the tab's title where it has none, else the language's tag and title.
    static func tabFenceInfo(form: SectionForm, language: Language, keeping kept: ArraySlice<UInt8>?) -> String {
        var info = kept.map { String(decoding: $0, as: UTF8.self).trimmingBlanks() } ?? ""
        if InfoString(Array(info.utf8)).languageName == nil {
            info = info.isEmpty ? language.fenceTag : language.fenceTag + " " + info
        }
        let platform: TitledFencePlatform
        switch form {
        case .vitepressCodeGroup: platform = .vitepress
        case .mintlifyCodeGroup: platform = .mintlify
        default: return info
        }
        if platform.title(InfoString(Array(info.utf8))) == nil {
            info += platform.fenceInfo(language).dropFirst(language.fenceTag.count)
        }
        return info
    }

    /// The edit that takes a generated section out of the guide — the inverse of inserting it:
    /// its block, with the blank lines before it, and its label too when `withLabel` (else the
    /// label stays, empty, as the Confluence export had it). Nil for a section `gen` did not write.
    public func removal(of section: CodeSection, withLabel: Bool) -> [GuideEdit] {
        guard case .generated(let block) = section.content else { return [] }
        var edits: [GuideEdit] = []
        // A link line below the writer's lines goes on its own, with the blank line before it.
        if let link = block.link, !block.linkIsAdjacent {
            edits.append(
                GuideEdit(
                    range: source.lineContentEnd(link.start.line - 1)..<source.lineContentEnd(link.end.line),
                    replacement: []))
        }
        return edits + [blockRemoval(of: section, block: block, withLabel: withLabel)]
    }

    private func blockRemoval(of section: CodeSection, block: GeneratedBlock, withLabel: Bool) -> GuideEdit {
        if let tab = section.tab, tab.holdsOtherContent {
            // The writer's tab stays, with everything in it but gen's block and the blank lines
            // that separate the block from the writer's text before it (or, when the block comes
            // first, after it).
            let isBlank = { (line: Int) in source.lineContent(line).allSatisfy(Self.isContainerContinuation) }
            var previous = block.range.start.line - 1
            while previous >= tab.content.lowerBound, isBlank(previous) { previous -= 1 }
            if previous >= tab.content.lowerBound {
                return GuideEdit(
                    range: source.lineContentEnd(previous)..<source.lineContentEnd(block.lastLine),
                    replacement: [])
            }
            var next = block.lastLine + 1
            while next < tab.content.upperBound, isBlank(next) { next += 1 }
            return GuideEdit(
                range: source.lineStart(block.range.start.line)..<source.lineStart(next), replacement: [])
        }
        if let tab = section.tab {
            // The whole tab, with the blank lines before it.
            var previous = tab.headerLine - 1
            while previous >= 1, source.lineContent(previous).allSatisfy(Self.isContainerContinuation) { previous -= 1 }
            let start = previous >= 1 ? source.lineContentEnd(previous) : source.lineTextStart(1)
            let end =
                previous >= 1
                ? source.lineContentEnd(tab.lastLine)
                : tab.lastLine < source.lineCount ? source.lineStart(tab.lastLine + 1) : source.bytes.count
            return GuideEdit(range: start..<end, replacement: [])
        }
        let end = source.lineContentEnd(block.lastLine)
        if let label = section.label, !withLabel {
            return GuideEdit(range: source.lineContentEnd(label.end.line)..<end, replacement: [])
        }
        let start = section.start
        let startOffset = source.offset(of: start)
        // A section that starts after a list marker on its line: the marker stays (an empty item).
        guard source.bytes[source.lineTextStart(start.line)..<startOffset].allSatisfy(Self.isContainerContinuation)
        else {
            return GuideEdit(range: startOffset..<end, replacement: [])
        }
        var previous = start.line - 1
        while previous >= 1, source.lineContent(previous).allSatisfy(Self.isContainerContinuation) { previous -= 1 }
        guard previous >= 1 else {
            // Nothing but blank lines before it: the section goes with its line break.
            let next =
                block.lastLine < source.lineCount
                ? source.lineStart(block.lastLine + 1) : source.bytes.count
            return GuideEdit(range: source.lineTextStart(1)..<next, replacement: [])
        }
        return GuideEdit(range: source.lineContentEnd(previous)..<end, replacement: [])
    }

    /// Whether a label reads exactly as `gen` writes the labels it inserts ("Swift code:").
    public func isInsertedLabel(_ section: CodeSection) -> Bool {
        guard let label = section.label, label.start.line == label.end.line else { return false }
        let text = source.bytes[source.offset(of: label.start)..<source.lineContentEnd(label.end.line)]
        return text.elementsEqual("\(section.language.displayName) code:".utf8)
    }

    private static func isContainerContinuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// What continuation lines of the container the text at `column` of `line` sits in start
    /// with, spelled so that cmark-gfm strips exactly the container from them: every `>` as
    /// `> ` (the marker and the one space it consumes, which the label's line may have written
    /// as nothing or as part of a tab), then the indentation after it — list markers, blanks,
    /// the rest of a tab — as spaces. `>Python code:`, `>\tPython code:`, `>>` and `> >` all
    /// continue with lines whose code cmark-gfm reads back byte for byte.
    func containerPrefix(line: Int, column: Int) -> [UInt8] {
        let start = source.lineTextStart(line)
        let end = min(
            max(source.offset(of: SourcePosition(line: line, column: column)), start), source.lineContentEnd(line))
        return Self.canonicalPrefix(source.bytes[start..<end])
    }

    static func canonicalPrefix(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var prefix: [UInt8] = []
        var column = 0  // visual column, tabs to the next multiple of 4, as cmark-gfm counts
        var indentation = 0  // columns of indentation not written yet
        var afterMarker = false  // a `>` whose optional space is not consumed yet
        for byte in bytes {
            if byte == UInt8(ascii: ">") {
                prefix += repeatElement(UInt8(ascii: " "), count: indentation)
                prefix += [UInt8(ascii: ">"), UInt8(ascii: " ")]
                indentation = 0
                column += 1
                afterMarker = true
                continue
            }
            var width = byte == UInt8(ascii: "\t") ? 4 - column % 4 : 1
            column += width
            if afterMarker, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { width -= 1 }
            afterMarker = false
            indentation += width
        }
        prefix += repeatElement(UInt8(ascii: " "), count: indentation)
        return prefix
    }

    private static func bytes(_ slice: ArraySlice<UInt8>, equal other: [UInt8]) -> Bool {
        guard slice.count == other.count else { return false }
        return slice.withUnsafeBytes { lhs in
            other.withUnsafeBytes { rhs in memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0 }
        }
    }

    static func trimmingTrailingBlanks(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        return bytes
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SampleModel

/// Plans the edits that put samples into a group of code sections, touching nothing else.
///
/// - An empty section gets its block after the label, one blank line between.
/// - A block `gen` wrote earlier is replaced, fences included; the bytes around it stay.
/// - A configured language missing from the group gets a "<Language> code:" label and a block
///   after the group's last section.
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
        code: (Language) -> String
    ) -> [GuideEdit] {
        var blocks = FencedBlockCache()
        return edits(filling: group, with: snippet, languages: languages, blocks: &blocks, code: code)
    }

    /// The same, building each distinct block once in `blocks`, which a run keeps across guides.
    /// A block already in the guide exactly as it would be written is left without an edit.
    public func edits(
        filling group: CodeSectionGroup,
        with snippet: Snippet,
        languages: [Language],
        blocks: inout FencedBlockCache,
        code: (Language) -> String
    ) -> [GuideEdit] {
        let first = group.sections[0].start
        let prefix = containerPrefix(line: first.line, column: first.column)
        let lineBreak = source.lineBreak(after: first.line) ?? source.preferredLineBreak
        func block(_ language: Language) -> [UInt8] {
            blocks.bytes(of: FencedCodeBlock(info: GeneratedBlock.infoString(language: language, snippet: snippet), code: code(language)),
                         prefix: prefix, lineBreak: lineBreak)
        }
        let blankLine = lineBreak + Self.trimmingTrailingBlanks(prefix) + lineBreak
        var edits: [GuideEdit] = []
        for section in group.sections where languages.contains(section.language) {
            switch section.content {
            case .empty:
                let end = source.lineContentEnd(section.label!.end.line)
                edits.append(GuideEdit(range: end..<end, replacement: blankLine + prefix + block(section.language)))
            case .generated(let generated):
                let range = source.offset(of: generated.range.start)..<source.lineContentEnd(generated.range.end.line)
                let replacement = block(section.language)
                if !Self.bytes(source.bytes[range], equal: replacement) {
                    edits.append(GuideEdit(range: range, replacement: replacement))
                }
            case .handWritten:
                break
            }
        }
        let missing = languages.filter { !group.languages.contains($0) }
        if !missing.isEmpty {
            let end = source.lineContentEnd(group.sections.last!.lastLine)
            var insertion: [UInt8] = []
            for language in missing {
                insertion += blankLine + prefix + Array("\(language.displayName) code:".utf8)
                insertion += blankLine + prefix + block(language)
            }
            edits.append(GuideEdit(range: end..<end, replacement: insertion))
        }
        return edits
    }

    /// The bytes before `column` on `line`, with everything but `>` and whitespace turned into
    /// spaces: what continuation lines of the same container start with.
    func containerPrefix(line: Int, column: Int) -> [UInt8] {
        let start = source.lineTextStart(line)
        let end = min(max(source.offset(of: SourcePosition(line: line, column: column)), start), source.lineContentEnd(line))
        return source.bytes[start..<end].map { byte in
            byte == UInt8(ascii: ">") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") ? byte : UInt8(ascii: " ")
        }
    }

    private static func bytes(_ slice: ArraySlice<UInt8>, equal other: [UInt8]) -> Bool {
        guard slice.count == other.count else { return false }
        return slice.withUnsafeBytes { lhs in other.withUnsafeBytes { rhs in memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0 } }
    }

    static func trimmingTrailingBlanks(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        return bytes
    }
}

/// One `{{…}}` tag of a template, with its 1-based line and UTF-8 offsets, found without
/// rendering anything.
///
/// swift-mustache reports some mistakes late (an unclosed section at the end of the file) or not
/// at all (an unknown partial renders as nothing); scanning the tags first lets SampleGen name the
/// line a writer has to fix, and find where a template can be cut into pieces (`TemplateChunks`).
struct TemplateTag: Hashable {
    enum Kind: Hashable {
        case variable, unescapedVariable, sectionOpen, invertedSectionOpen, sectionClose
        case partial, comment, pragma, setDelimiters
        /// `{{<parent}}` (closed like a section) and `{{$block}}` inside it.
        case parent, block
    }

    let kind: Kind
    let name: String
    let line: Int
    /// UTF-8 offsets of the tag, braces included.
    let range: Range<Int>

    /// The tags of `text` in order, or the line of a `{{` that is never closed.
    static func scan(_ text: String) -> Result<[TemplateTag], UnclosedTag> {
        let bytes = Array(text.utf8)
        var tags: [TemplateTag] = []
        var line = 1
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let bodyStart = index + (triple ? 3 : 2)
            let closer = triple ? 3 : 2
            var end = bodyStart
            while end + closer <= bytes.count, !bytes[end..<(end + closer)].allSatisfy({ $0 == UInt8(ascii: "}") }) {
                end += 1
            }
            guard end + closer <= bytes.count else { return .failure(UnclosedTag(line: line)) }
            tags.append(tag(body: bytes[bodyStart..<end], triple: triple, line: line, range: index..<(end + closer)))
            line += bytes[bodyStart..<end].count { $0 == UInt8(ascii: "\n") }
            index = end + closer
        }
        return .success(tags)
    }

    struct UnclosedTag: Error { let line: Int }

    /// The character after `{{` that makes a tag something other than a value.
    private static func kind(sigil: UInt8) -> Kind? {
        switch sigil {
        case UInt8(ascii: "#"): .sectionOpen
        case UInt8(ascii: "^"): .invertedSectionOpen
        case UInt8(ascii: "/"): .sectionClose
        case UInt8(ascii: ">"): .partial
        case UInt8(ascii: "!"): .comment
        case UInt8(ascii: "%"): .pragma
        case UInt8(ascii: "="): .setDelimiters
        case UInt8(ascii: "&"): .unescapedVariable
        case UInt8(ascii: "<"): .parent
        case UInt8(ascii: "$"): .block
        default: nil
        }
    }

    private static func tag(body: ArraySlice<UInt8>, triple: Bool, line: Int, range: Range<Int>) -> TemplateTag {
        let trimmed = trimmingWhitespace(body)
        if triple { return TemplateTag(kind: .unescapedVariable, name: trimmed, line: line, range: range) }
        guard let first = trimmed.utf8.first, let kind = kind(sigil: first) else {
            return TemplateTag(kind: .variable, name: trimmed, line: line, range: range)
        }
        return TemplateTag(
            kind: kind, name: trimmingWhitespace(ArraySlice(trimmed.utf8.dropFirst())), line: line, range: range)
    }

    /// `bytes` as text without leading and trailing white space: ASCII blanks byte by byte, and
    /// any other white space (which swift-mustache skips too) by Character.
    private static func trimmingWhitespace(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(String(decoding: bytes, as: UTF8.self)[...].trimmingWhitespace())
        }
        let isBlank = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        let start = bytes.firstIndex { !isBlank($0) } ?? bytes.endIndex
        let end = bytes[start...].lastIndex { !isBlank($0) }.map { $0 + 1 } ?? start
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}

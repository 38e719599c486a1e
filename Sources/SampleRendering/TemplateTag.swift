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
            let body = String(decoding: bytes[bodyStart..<end], as: UTF8.self)
            tags.append(tag(body: body[...], triple: triple, line: line, range: index..<(end + closer)))
            line += bytes[bodyStart..<end].count { $0 == UInt8(ascii: "\n") }
            index = end + closer
        }
        return .success(tags)
    }

    struct UnclosedTag: Error { let line: Int }

    /// The character after `{{` that makes a tag something other than a value.
    private static let sigils: [Character: Kind] = [
        "#": .sectionOpen, "^": .invertedSectionOpen, "/": .sectionClose, ">": .partial,
        "!": .comment, "%": .pragma, "=": .setDelimiters, "&": .unescapedVariable,
        "<": .parent, "$": .block,
    ]

    private static func tag(body: Substring, triple: Bool, line: Int, range: Range<Int>) -> TemplateTag {
        let trimmed = body.trimmingWhitespace()
        if triple { return TemplateTag(kind: .unescapedVariable, name: String(trimmed), line: line, range: range) }
        guard let first = trimmed.first, let kind = sigils[first] else {
            return TemplateTag(kind: .variable, name: String(trimmed), line: line, range: range)
        }
        return TemplateTag(kind: kind, name: String(trimmed.dropFirst().trimmingWhitespace()), line: line, range: range)
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}

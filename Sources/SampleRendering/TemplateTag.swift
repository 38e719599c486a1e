/// One `{{…}}` tag of a template, with its 1-based line, found without rendering anything.
///
/// swift-mustache reports some mistakes late (an unclosed section at the end of the file) or not
/// at all (an unknown partial renders as nothing); scanning the tags first lets SampleGen name the
/// line a writer has to fix.
struct TemplateTag: Hashable {
    enum Kind: Hashable {
        case variable, unescapedVariable, sectionOpen, invertedSectionOpen, sectionClose
        case partial, comment, pragma, setDelimiters, inheritance
    }

    let kind: Kind
    let name: String
    let line: Int

    /// The tags of `text` in order, or the line of a `{{` that is never closed.
    static func scan(_ text: String) -> Result<[TemplateTag], UnclosedTag> {
        var tags: [TemplateTag] = []
        var line = 1
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            line += rest[..<open.lowerBound].count(where: \.isNewline)
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[bodyStart...].firstRange(of: closer) else { return .failure(UnclosedTag(line: line)) }
            let body = rest[bodyStart..<close.lowerBound]
            tags.append(tag(body: body, triple: triple, line: line))
            line += body.count(where: \.isNewline)
            rest = rest[close.upperBound...]
        }
        return .success(tags)
    }

    struct UnclosedTag: Error { let line: Int }

    private static func tag(body: Substring, triple: Bool, line: Int) -> TemplateTag {
        let trimmed = body.trimmingWhitespace()
        if triple { return TemplateTag(kind: .unescapedVariable, name: String(trimmed), line: line) }
        let sigils: [Character: Kind] = [
            "#": .sectionOpen, "^": .invertedSectionOpen, "/": .sectionClose, ">": .partial,
            "!": .comment, "%": .pragma, "=": .setDelimiters, "&": .unescapedVariable,
            "<": .inheritance, "$": .inheritance,
        ]
        guard let first = trimmed.first, let kind = sigils[first] else {
            return TemplateTag(kind: .variable, name: String(trimmed), line: line)
        }
        return TemplateTag(kind: kind, name: String(trimmed.dropFirst().trimmingWhitespace()), line: line)
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}

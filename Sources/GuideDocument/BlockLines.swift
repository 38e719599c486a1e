/// What each line of a guide (or of a tab's content) belongs to as cmark-gfm parsed it, so that
/// markup written as an example (in a code block, an HTML block or comment) is read as the code
/// or HTML it is, and never as tabs or as a block `gen` wrote.
struct BlockLines {
    enum Role: UInt8 {
        /// Blank, a heading, a thematic break, a table, a container's own line.
        case other
        case paragraph
        /// The opening line of a fenced code block.
        case fenceOpener
        /// The content or closing line of a fenced code block.
        case fencedCode
        case indentedCode
        /// An HTML block other than a comment.
        case html
        /// An HTML block that opens with `<!--`: text nobody sees.
        case comment
    }

    /// By line number; index 0 is unused.
    private let roles: [Role]

    /// The roles of the lines of `document`'s source.
    init(_ document: MarkdownDocument) {
        let source = document.source
        var roles = [Role](repeating: .other, count: source.lineCount + 2)
        for block in document.nodes {
            let role: Role
            switch block.kind {
            case .paragraph: role = .paragraph
            case .codeBlock(_, true): role = .fencedCode
            case .codeBlock(_, false): role = .indentedCode
            case .htmlBlock:
                role =
                    source.bytes[source.offset(of: block.range.start)...].starts(with: "<!--".utf8) ? .comment : .html
            default: continue
            }
            let first = max(block.range.start.line, 1)
            let last = min(max(block.range.end.line, first), roles.count - 1)
            guard first <= last else { continue }
            for line in first...last { roles[line] = role }
            if role == .fencedCode { roles[first] = .fenceOpener }
        }
        self.roles = roles
    }

    func role(_ line: Int) -> Role {
        line >= 0 && line < roles.count ? roles[line] : .other
    }

    /// Whether `line` is the text of a paragraph: the only place Markdown lets tab markup start.
    func isParagraph(_ line: Int) -> Bool { role(line) == .paragraph }

    /// Whether a fence-like line here could still be a block the docs platform shows, though
    /// cmark-gfm reads it as text: inside an indented block (an MkDocs admonition or tab is
    /// indented code to cmark-gfm), a paragraph (a line indented four or more columns continues
    /// it), or HTML (Python-Markdown finds fences inside raw HTML). Not in a fenced block or a
    /// comment, whose text is only shown as code or not at all.
    func mayHideAFence(_ line: Int) -> Bool {
        switch role(line) {
        case .paragraph, .indentedCode, .html: true
        default: false
        }
    }
}

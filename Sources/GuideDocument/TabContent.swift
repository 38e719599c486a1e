/// A tab's content parsed on its own by cmark-gfm, as the docs platforms parse it: MkDocs'
/// tabbed extension and MyST hand a tab's lines, without the tab's indentation, to the Markdown
/// parser as a document of their own. So a fence, a note or a list in a tab is found as exactly
/// the block it is, and a tab holding more than one block still has its blocks told apart.
struct TabContent {
    /// The guide's line of the content's first line.
    let firstLine: Int
    let document: MarkdownDocument
    let lines: BlockLines
    /// For each content line: the guide's bytes taken off its start, and the spaces written for
    /// the part of a tab character that reaches past the indentation.
    private let removed: [Int]
    private let inserted: [Int]

    /// The content on `lines` of `source`, each without `columns` columns of indentation (tab
    /// characters to the next multiple of four, as Python-Markdown and CommonMark count them).
    init(source: SourceText, lines: Range<Int>, indentation columns: Int) {
        firstLine = lines.lowerBound
        var removed: [Int] = []
        var inserted: [Int] = []
        var text: [UInt8] = []
        for line in lines {
            let content = source.lineContent(line)
            if line > lines.lowerBound { text.append(UInt8(ascii: "\n")) }
            var column = 0
            var index = content.startIndex
            while column < columns, index < content.endIndex, Self.isBlank(content[index]) {
                column = Self.column(after: content[index], at: column)
                index += 1
            }
            guard content[index...].contains(where: { !Self.isBlank($0) }) else {
                // A line of blanks is an empty line, whatever its indentation.
                removed.append(content.count)
                inserted.append(0)
                continue
            }
            let extra = max(column - columns, 0)
            removed.append(index - content.startIndex)
            inserted.append(extra)
            text += repeatElement(UInt8(ascii: " "), count: extra)
            text += content[index...]
        }
        self.removed = removed
        self.inserted = inserted
        let parsed = SourceText(validated: text)
        document = MarkdownDocument(parsing: parsed)
        self.lines = BlockLines(document)
    }

    /// The guide's line of a content line.
    func sourceLine(_ line: Int) -> Int { firstLine + line - 1 }

    /// Where a position in the content is in the guide.
    func sourcePosition(_ position: SourcePosition) -> SourcePosition {
        let index = position.line - 1
        guard index >= 0, index < removed.count else {
            return SourcePosition(line: sourceLine(position.line), column: 1)
        }
        let column = max(position.column - inserted[index], 1) + removed[index]
        return SourcePosition(line: sourceLine(position.line), column: column)
    }

    /// The content's blocks that are not inside another (a list's or a quote's).
    var topLevelBlocks: [MarkdownNode] {
        document.children(of: document.root).map { document.nodes[$0] }
    }

    /// The same block with its range in the guide's lines and columns.
    func inSource(_ block: MarkdownNode) -> MarkdownNode {
        block.placed(
            at: SourceRange(start: sourcePosition(block.range.start), end: sourcePosition(block.range.end)))
    }

    /// Columns of indentation `line` starts with, tabs to the next multiple of four.
    static func indentation(of line: ArraySlice<UInt8>) -> Int {
        var column = 0
        for byte in line {
            guard isBlank(byte) else { break }
            column = Self.column(after: byte, at: column)
        }
        return column
    }

    private static func column(after byte: UInt8, at column: Int) -> Int {
        byte == UInt8(ascii: "\t") ? column + 4 - column % 4 : column + 1
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

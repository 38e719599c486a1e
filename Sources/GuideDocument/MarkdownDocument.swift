internal import CCmarkGFM

/// A guide parsed once by cmark-gfm and converted once into Swift values: its text and every
/// node in document order, which filling (`SectionFinder`, the tab finders) and publishing (the
/// site, Confluence) all read.
///
/// cmark-gfm's tree is freed as it is converted, so no stage holds it, nothing can mutate it,
/// and no other module calls cmark-gfm. HTML comes from a private parse of the same bytes
/// (`html(rewriting:)`).
public final class MarkdownDocument: Sendable {
    public let source: SourceText
    /// Every node in document order (pre-order); a node's `id` is its index here, `nodes[0]` the
    /// document. Flat, so deeply nested input cannot exhaust the stack.
    public let nodes: [MarkdownNode]
    /// Each table's column alignments, by the table's node.
    private let alignments: [MarkdownNode.ID: [TableAlignment?]]

    /// Parses `source` with source positions and the GFM extensions the site renders (tables,
    /// strikethrough, autolinks).
    public convenience init(parsing source: SourceText) {
        self.init(source: source, MarkdownTree(parsing: source.bytes).converted())
    }

    /// Parses UTF-8 bytes already validated (`SourceText.validate`). cmark-gfm's tree is freed
    /// before the line index is built, so the two are never held at once (a 30 MB guide).
    public convenience init(parsingValidated bytes: [UInt8]) {
        let converted = MarkdownTree(parsing: bytes).converted()
        self.init(source: SourceText(validated: bytes), converted)
    }

    private init(source: SourceText, _ converted: (nodes: [MarkdownNode], alignments: [Int: [TableAlignment?]])) {
        self.source = source
        nodes = converted.nodes
        alignments = converted.alignments
    }

    /// The document node.
    public var root: MarkdownNode { nodes[0] }

    /// The outline of blocks filling reads: the document and every block directly in it or in a
    /// quote, a list or an item (not a table's rows, not inline content).
    public var blocks: LazyFilterSequence<[MarkdownNode]> {
        nodes.lazy.filter { node in node.parent.map { self.nodes[$0].kind.hasBlockChildren } ?? true }
    }

    /// A node's children, first to last.
    public func children(of node: MarkdownNode) -> [MarkdownNode.ID] {
        Self.children(of: node, in: nodes)
    }

    /// In document order a node's descendants follow it, up to `subtreeEnd`; its first child is
    /// the node after it, each next child the node after the previous child's descendants.
    static func children(of node: MarkdownNode, in nodes: [MarkdownNode]) -> [MarkdownNode.ID] {
        var children: [MarkdownNode.ID] = []
        var child = node.id + 1
        while child < node.subtreeEnd {
            children.append(child)
            child = nodes[child].subtreeEnd
        }
        return children
    }

    /// The plain text of a node's inline content: text and code spans, breaks as spaces. A
    /// heading's text, as configured headings are matched against it.
    public func plainText(of node: MarkdownNode) -> String {
        Self.plainText(of: node, in: nodes)
    }

    static func plainText(of node: MarkdownNode, in nodes: [MarkdownNode]) -> String {
        var text = ""
        var pending = children(of: node, in: nodes).reversed() as [MarkdownNode.ID]
        while let id = pending.popLast() {
            let current = nodes[id]
            switch current.kind {
            case .text, .code: text += current.literal
            case .softBreak, .lineBreak: text += " "
            default: pending.append(contentsOf: Self.children(of: current, in: nodes).reversed())
            }
        }
        return text
    }

    /// Every code block of the document in order: its info string and its literal (the code as
    /// cmark-gfm reads it, with a final line feed), for checking what a reader's parser sees.
    public func codeBlocks() -> [(info: String, literal: String)] {
        nodes.compactMap { node in
            if case .codeBlock(let info, _) = node.kind { (info, node.literal) } else { nil }
        }
    }

    /// Each column's alignment in a table (`:--`, `:-:`, `--:` in its delimiter row; nil where
    /// the row says none), so a page other than cmark-gfm's HTML can align its cells too.
    public func tableAlignments(of table: MarkdownNode) -> [TableAlignment?] {
        alignments[table.id] ?? []
    }

    /// Visits every node as cmark-gfm's iterator does: containers on entering and on exiting,
    /// leaves (`MarkdownNode.isLeaf`) once. Return `.skipChildren` on entering a container to go
    /// past it, its exit included.
    public func walk(_ visit: (_ node: MarkdownNode, _ entering: Bool) -> MarkdownWalkStep) {
        // (node, entering) still to visit, last first.
        var pending: [(MarkdownNode.ID, Bool)] = [(0, true)]
        while let (id, entering) = pending.popLast() {
            let node = nodes[id]
            let step = visit(node, entering)
            guard entering, !node.isLeaf, step == .visitChildren else { continue }
            pending.append((id, false))
            pending.append(contentsOf: children(of: node).reversed().map { ($0, true) })
        }
    }

    /// The document as cmark-gfm's HTML (raw HTML written as it is), with `changes` made first.
    ///
    /// The changes are made to a tree of cmark-gfm's own, parsed from `source` for this call and
    /// freed when it returns: the same bytes parse to the same nodes in the same order, so a node's
    /// `id` finds it. Nothing anyone reads is changed, so there is nothing to put back.
    public func html(rewriting changes: HTMLRewrite = HTMLRewrite()) -> String {
        let tree = MarkdownTree(parsing: source.bytes)
        var wanted = Set(changes.urls.keys).union(changes.literals.keys).union(changes.removals)
        wanted.formUnion(changes.insertions.map(\.before))
        let pointers = tree.nodes(wanted)
        for (id, node) in pointers {
            assert(MarkdownNode.Kind(node) == nodes[id].kind, "the fresh parse of the same bytes has the same nodes")
        }
        for (id, url) in changes.urls { cmark_node_set_url(pointers[id], url) }
        for (id, literal) in changes.literals { cmark_node_set_literal(pointers[id], literal) }
        for (html, id) in changes.insertions {
            guard let node = cmark_node_new(CMARK_NODE_HTML_BLOCK) else {
                fatalError("cmark-gfm could not allocate a node")
            }
            cmark_node_set_literal(node, html)
            cmark_node_insert_before(pointers[id], node)
        }
        // Unlinked first, freed after: a removed node may hold another removed one.
        let removed = Set(changes.removals).compactMap { pointers[$0] }
        for node in removed { cmark_node_unlink(node) }
        for node in removed { cmark_node_free(node) }
        return tree.html()
    }
}

/// How a table column's cells are aligned.
public enum TableAlignment: String, Sendable, Hashable {
    case left, center, right
}

/// What `MarkdownDocument.walk(_:)` does after visiting a node.
public enum MarkdownWalkStep: Sendable {
    case visitChildren
    /// Goes past the node's inside and its exit.
    case skipChildren
}

/// Changes to make to the HTML `MarkdownDocument.html(rewriting:)` writes, by node id.
public struct HTMLRewrite: Sendable {
    /// A link's or image's new address.
    public var urls: [MarkdownNode.ID: String] = [:]
    /// A raw HTML node's new content.
    public var literals: [MarkdownNode.ID: String] = [:]
    /// Raw HTML blocks written before a node.
    public var insertions: [(html: String, before: MarkdownNode.ID)] = []
    /// Nodes left out, with everything inside them.
    public var removals: [MarkdownNode.ID] = []

    public init() {}
}

/// One node of a `MarkdownDocument`: what it is, where it starts and ends, its place in the tree.
public struct MarkdownNode: Sendable, Hashable, Identifiable {
    public typealias ID = Int

    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(isOrdered: Bool, start: Int)
        case item
        case paragraph
        case heading(level: Int)
        /// A code block; `info` is empty for indented ones.
        case codeBlock(info: String, isFenced: Bool)
        case htmlBlock
        case thematicBreak
        case text
        case code
        case htmlInline
        case softBreak
        case lineBreak
        case emphasis
        case strong
        case link(url: String)
        case image(url: String)
        case strikethrough
        case table
        /// A body row (cmark-gfm's `table_row`).
        case tableRow(isHeader: Bool)
        /// The header row (cmark-gfm's `table_header`).
        case tableHeader
        case tableCell
        /// Anything else (footnotes, say), by cmark-gfm's name for it.
        case other(String)

        public var isCodeBlock: Bool {
            if case .codeBlock = self { true } else { false }
        }

        /// The containers whose children are blocks: the outline filling reads.
        public var hasBlockChildren: Bool {
            switch self {
            case .document, .blockQuote, .list, .item: true
            default: false
            }
        }

        /// What cmark-gfm's node is: the one place a cmark-gfm node becomes a `Kind`.
        init(_ node: OpaquePointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_DOCUMENT: self = .document
            case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
            case CMARK_NODE_LIST:
                self = .list(
                    isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                    start: Int(cmark_node_get_list_start(node)))
            case CMARK_NODE_ITEM: self = .item
            case CMARK_NODE_PARAGRAPH: self = .paragraph
            case CMARK_NODE_HEADING: self = .heading(level: Int(cmark_node_get_heading_level(node)))
            case CMARK_NODE_CODE_BLOCK:
                self = .codeBlock(info: MarkdownTree.fenceInfo(of: node), isFenced: MarkdownTree.isFenced(node))
            case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
            case CMARK_NODE_THEMATIC_BREAK: self = .thematicBreak
            case CMARK_NODE_TEXT: self = .text
            case CMARK_NODE_CODE: self = .code
            case CMARK_NODE_HTML_INLINE: self = .htmlInline
            case CMARK_NODE_SOFTBREAK: self = .softBreak
            case CMARK_NODE_LINEBREAK: self = .lineBreak
            case CMARK_NODE_EMPH: self = .emphasis
            case CMARK_NODE_STRONG: self = .strong
            case CMARK_NODE_LINK: self = .link(url: MarkdownTree.url(of: node))
            case CMARK_NODE_IMAGE: self = .image(url: MarkdownTree.url(of: node))
            default:
                // GFM extension nodes, known by their type name.
                let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
                switch name {
                case "strikethrough": self = .strikethrough
                case "table": self = .table
                case "table_row": self = .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
                case "table_header": self = .tableHeader
                case "table_cell": self = .tableCell
                default: self = .other(name)
                }
            }
        }
    }

    // Stored compactly, in an order that leaves little padding: a 30 MB guide has some 100,000
    // nodes, held while cmark-gfm's tree is being freed.
    public let id: ID
    public let kind: Kind
    /// A fenced code block without its closing fence: it runs to the end of its container or
    /// of the guide, taking in everything after it.
    public let isOpenFence: Bool
    /// Lines and columns as cmark-gfm counts them (C `int`s).
    private var startLine, startColumn, endLine, endColumn: Int32
    /// The parent's id, -1 for the document.
    private let parentID: Int
    /// One past the last of its descendants, which follow it in `MarkdownDocument.nodes`
    /// (`MarkdownDocument.children(of:)`): no array of children for each node.
    public internal(set) var subtreeEnd: ID
    /// Text, code, a code block's content or raw HTML, as cmark-gfm reads it; "" for others.
    public let literal: String
    /// For a fenced block whose info string (or marker comment, `MarkerComment`) records a
    /// `SampleDigest`: the digest of the code it holds now. Nil for every other node.
    public internal(set) var codeDigest: String? = nil

    /// Where the node starts and ends: as cmark-gfm says, but for a fenced block its container
    /// closes (a list item, a quote), which cmark-gfm ends on the line that closed the
    /// container, one line too far: no block outlives its container.
    public internal(set) var range: SourceRange {
        get {
            SourceRange(
                start: SourcePosition(line: Int(startLine), column: Int(startColumn)),
                end: SourcePosition(line: Int(endLine), column: Int(endColumn)))
        }
        set {
            (startLine, startColumn) = (Int32(clamping: newValue.start.line), Int32(clamping: newValue.start.column))
            (endLine, endColumn) = (Int32(clamping: newValue.end.line), Int32(clamping: newValue.end.column))
        }
    }

    /// The enclosing node; nil for the document.
    public var parent: ID? { parentID < 0 ? nil : parentID }

    /// Code blocks, text, code spans, breaks, raw HTML and thematic breaks: visited once by
    /// `walk(_:)`, without an exit, as cmark-gfm's iterator visits them.
    public var isLeaf: Bool {
        switch kind {
        case .codeBlock, .htmlBlock, .thematicBreak, .text, .code, .htmlInline, .softBreak, .lineBreak: true
        default: false
        }
    }

    /// Where the node starts.
    public var start: SourcePosition { range.start }

    /// cmark-gfm's `node`, numbered `id` in document order, whose parent's range is `parentRange`.
    init(_ node: OpaquePointer, id: ID, parent: ID?, parentRange: SourceRange?) {
        self.id = id
        parentID = parent ?? -1
        subtreeEnd = id + 1
        kind = Kind(node)
        literal = MarkdownTree.literal(of: node)
        (startLine, startColumn) = (cmark_node_get_start_line(node), cmark_node_get_start_column(node))
        (endLine, endColumn) = (cmark_node_get_end_line(node), cmark_node_get_end_column(node))
        guard case .codeBlock(_, true) = kind else {
            isOpenFence = false
            return
        }
        if parent != 0, let parentRange, parentRange.end.line < endLine {
            (endLine, endColumn) = (Int32(clamping: parentRange.end.line), Int32(clamping: parentRange.end.column))
        }
        // Closed when a fence line follows the opening line and the content lines.
        let contentLines = literal.utf8.count { $0 == UInt8(ascii: "\n") }
        isOpenFence = Int(endLine) < Int(startLine) + contentLines + 1
    }

    /// The same node placed at `range` (a tab's content node, in the guide's lines).
    func placed(at range: SourceRange) -> MarkdownNode {
        var node = self
        node.range = range
        return node
    }
}

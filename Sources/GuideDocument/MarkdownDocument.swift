internal import CCmarkGFM

/// A guide parsed once by cmark-gfm, for the stages after filling: its text, its block outline
/// (what `SectionFinder` reads) and every node as a Swift value with its source position.
///
/// cmark-gfm's own tree stays inside: publishing walks `nodes` (or `walk(_:)`) and asks for HTML
/// through `html(rewriting:)`, so no other module calls cmark-gfm.
public final class MarkdownDocument {
    public let source: SourceText
    public let outline: MarkdownOutline
    /// Every node in document order (pre-order); a node's `id` is its index here, `nodes[0]` the
    /// document. Flat, so deeply nested input cannot exhaust the stack.
    public let nodes: [MarkdownNode]
    private let tree: MarkdownTree
    /// cmark-gfm's node for each of `nodes`, for `html(rewriting:)`.
    private let pointers: [OpaquePointer]

    /// Parses `source` with source positions and the GFM extensions the site renders (tables,
    /// strikethrough, autolinks).
    public init(parsing source: SourceText) {
        let tree = MarkdownTree(parsing: source)
        self.source = source
        self.tree = tree
        outline = MarkdownOutline(flattening: tree)
        (nodes, pointers) = Self.flatten(tree.document)
    }

    /// The document node.
    public var root: MarkdownNode { nodes[0] }

    /// The plain text of a node's inline content: text and code spans, breaks as spaces.
    public func plainText(of node: MarkdownNode) -> String {
        var text = ""
        var pending = node.children.reversed() as [MarkdownNode.ID]
        while let id = pending.popLast() {
            let current = nodes[id]
            switch current.kind {
            case .text, .code: text += current.literal
            case .softBreak, .lineBreak: text += " "
            default: pending.append(contentsOf: current.children.reversed())
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
        guard table.kind == .table else { return [] }
        let node = pointers[table.id]
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        guard columns > 0, let alignments = cmark_gfm_extensions_get_table_alignments(node) else { return [] }
        return (0..<columns).map { column in
            switch alignments[column] {
            case UInt8(ascii: "l"): .left
            case UInt8(ascii: "c"): .center
            case UInt8(ascii: "r"): .right
            default: nil
            }
        }
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
            pending.append(contentsOf: node.children.reversed().map { ($0, true) })
        }
    }

    /// The document as cmark-gfm's HTML (raw HTML written as it is), with `changes` made first;
    /// the document itself is left as it was.
    public func html(rewriting changes: HTMLRewrite = HTMLRewrite()) -> String {
        var oldURLs: [(OpaquePointer, String)] = []
        for (id, url) in changes.urls {
            let node = pointers[id]
            oldURLs.append((node, cmark_node_get_url(node).map { String(cString: $0) } ?? ""))
            cmark_node_set_url(node, url)
        }
        var oldLiterals: [(OpaquePointer, String)] = []
        for (id, literal) in changes.literals {
            let node = pointers[id]
            oldLiterals.append((node, cmark_node_get_literal(node).map { String(cString: $0) } ?? ""))
            cmark_node_set_literal(node, literal)
        }
        var inserted: [OpaquePointer] = []
        for (html, id) in changes.insertions {
            guard let node = cmark_node_new(CMARK_NODE_HTML_BLOCK) else {
                fatalError("cmark-gfm could not allocate a node")
            }
            cmark_node_set_literal(node, html)
            cmark_node_insert_before(pointers[id], node)
            inserted.append(node)
        }
        // Where each removed node was, to put it back: its parent and the sibling after it.
        var removed: [(node: OpaquePointer, parent: OpaquePointer?, next: OpaquePointer?)] = []
        for id in changes.removals {
            let node = pointers[id]
            removed.append((node, cmark_node_parent(node), cmark_node_next(node)))
            cmark_node_unlink(node)
        }

        let html = tree.html()

        for (node, parent, next) in removed.reversed() {
            if let next {
                cmark_node_insert_before(next, node)
            } else if let parent {
                cmark_node_append_child(parent, node)
            }
        }
        for node in inserted { cmark_node_free(node) }
        for (node, literal) in oldLiterals { cmark_node_set_literal(node, literal) }
        for (node, url) in oldURLs { cmark_node_set_url(node, url) }
        return html
    }

    private static func flatten(_ document: OpaquePointer) -> ([MarkdownNode], [OpaquePointer]) {
        var nodes: [MarkdownNode] = []
        var pointers: [OpaquePointer] = []
        var children: [[MarkdownNode.ID]] = []
        var isLeaf: [Bool] = []
        guard let iterator = cmark_iter_new(document) else { fatalError("cmark-gfm could not allocate an iterator") }
        defer { cmark_iter_free(iterator) }
        // Nodes entered and not yet known closed, innermost last (leaves are popped lazily).
        var open: [MarkdownNode.ID] = []
        var parents: [MarkdownNode.ID?] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT {
                // Only containers exit; their index is the top once the leaves above are gone.
                while let top = open.last, pointers[top] != node { open.removeLast() }
                if let top = open.popLast() { isLeaf[top] = false }
                continue
            }
            let parentPointer = cmark_node_parent(node)
            while let top = open.last, pointers[top] != parentPointer { open.removeLast() }
            let id = pointers.count
            let parent = open.last
            parent.map { children[$0].append(id) }
            pointers.append(node)
            parents.append(parent)
            children.append([])
            isLeaf.append(true)
            open.append(id)
        }
        nodes.reserveCapacity(pointers.count)
        for (id, node) in pointers.enumerated() {
            nodes.append(
                MarkdownNode(
                    id: id, kind: MarkdownNode.Kind(node), range: MarkdownTree.range(of: node), parent: parents[id],
                    children: children[id], literal: MarkdownTree.literal(of: node), isLeaf: isLeaf[id]))
        }
        return (nodes, pointers)
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

    public let id: ID
    public let kind: Kind
    /// Where cmark-gfm says the node starts and ends.
    public let range: SourceRange
    /// The enclosing node; nil for the document.
    public let parent: ID?
    public let children: [ID]
    /// Text, code, a code block's content or raw HTML, as cmark-gfm reads it; "" for others.
    public let literal: String
    /// Code blocks, text, code spans, breaks, raw HTML and thematic breaks: visited once by
    /// `walk(_:)`, without an exit.
    public let isLeaf: Bool

    /// Where the node starts.
    public var start: SourcePosition { range.start }
}

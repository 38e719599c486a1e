internal import CCmarkGFM
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A guide parsed by cmark-gfm, as cmark's own node tree. Internal: cmark-gfm stays inside this
/// module (every stage reads `MarkdownDocument`'s Swift nodes, converted once by `converted()`),
/// as swift-markdown keeps its own.
///
/// Owns the parser and the document: the parser holds the syntax extensions the HTML renderer
/// needs, and both are freed together.
final class MarkdownTree {
    let document: OpaquePointer
    private let parser: OpaquePointer

    /// Parses `source` with source positions and the GFM extensions the site renders.
    convenience init(parsing source: SourceText) {
        self.init(parsing: source.bytes)
    }

    /// Parses UTF-8 bytes already validated (`SourceText.validate`).
    init(parsing bytes: [UInt8]) {
        let (parser, document) = Self.parsing.withLock { _ in
            cmark_gfm_core_extensions_ensure_registered()
            guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else {
                fatalError("cmark-gfm could not allocate a parser")
            }
            for name in Self.extensionNames {
                if let syntaxExtension = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, syntaxExtension)
                }
            }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            guard let document = cmark_parser_finish(parser) else { fatalError("cmark-gfm returned no document") }
            return (parser, document)
        }
        self.parser = parser
        self.document = document
    }

    /// Held while cmark-gfm parses: it keeps the characters that start its extensions' inlines
    /// (`~`, autolinks' `:`, `w`, `@`) in one table for the whole process, added when a parse's
    /// inline pass starts and taken out when it ends, so two parses at once (a batch fills guides
    /// on every core) took them from each other and one lost its struck-out text or links.
    private static let parsing = Mutex(())

    deinit {
        cmark_node_free(document)
        cmark_parser_free(parser)
    }

    /// The GFM extensions guides are parsed and rendered with.
    static let extensionNames = ["table", "strikethrough", "autolink"]

    /// The document as HTML by cmark-gfm's renderer; raw HTML nodes are written as they are.
    func html() -> String {
        guard let html = cmark_render_html(document, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser))
        else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// The tree as Swift nodes in document order (`MarkdownDocument.nodes`) and each table's
    /// column alignments. Each block of the document is freed once converted (its memory is
    /// there for the Swift strings that follow); the tree is left empty.
    func converted() -> (nodes: [MarkdownNode], alignments: [MarkdownNode.ID: [TableAlignment?]]) {
        var nodes: [MarkdownNode] = []
        // Counted first: an array grown by doubling holds its old and new storage at once.
        nodes.reserveCapacity(count())
        nodes.append(MarkdownNode(document, id: 0, parent: nil, parentRange: nil))
        var alignments: [MarkdownNode.ID: [TableAlignment?]] = [:]
        func add(_ node: OpaquePointer, parent: MarkdownNode.ID) -> MarkdownNode.ID {
            let id = nodes.count
            let converted = MarkdownNode(node, id: id, parent: parent, parentRange: nodes[parent].range)
            if converted.kind == .table { alignments[id] = Self.tableAlignments(of: node) }
            nodes.append(converted)
            return id
        }
        var next = cmark_node_first_child(document)
        while let block = next {
            next = cmark_node_next(block)
            // Pre-order through the block's subtree, by its links: no recursion.
            var node = block
            var id = add(block, parent: 0)
            while true {
                if let child = cmark_node_first_child(node) {
                    node = child
                    id = add(child, parent: id)
                    continue
                }
                while node != block, cmark_node_next(node) == nil, let parent = cmark_node_parent(node) {
                    node = parent
                    id = nodes[id].parent!
                }
                guard node != block, let sibling = cmark_node_next(node) else { break }
                node = sibling
                id = add(sibling, parent: nodes[id].parent!)
            }
            cmark_node_free(block)
        }
        // Children after their parent: each subtree's end is known before its parent's.
        for id in nodes.indices.dropFirst().reversed() {
            let parent = nodes[id].parent!
            nodes[parent].subtreeEnd = max(nodes[parent].subtreeEnd, nodes[id].subtreeEnd)
        }
        MarkerComment.digestGeneratedBlocks(&nodes)
        return (nodes, alignments)
    }

    /// How many nodes the tree holds, the document included.
    private func count() -> Int {
        var count = 0
        inDocumentOrder { _ in
            count += 1
            return true
        }
        return count
    }

    /// The nodes with the ids `wanted` (indices in document order, as `converted()` numbers them).
    func nodes(_ wanted: Set<MarkdownNode.ID>) -> [MarkdownNode.ID: OpaquePointer] {
        var found: [MarkdownNode.ID: OpaquePointer] = [:]
        guard let last = wanted.max() else { return found }
        var id = 0
        inDocumentOrder { node in
            if wanted.contains(id) { found[id] = node }
            id += 1
            return id <= last
        }
        return found
    }

    /// Visits every node in document order (pre-order) by the tree's links, without recursion,
    /// while `visit` returns true.
    private func inDocumentOrder(_ visit: (OpaquePointer) -> Bool) {
        var node: OpaquePointer? = document
        while let current = node, visit(current) {
            if let child = cmark_node_first_child(current) {
                node = child
                continue
            }
            var climbing: OpaquePointer? = current
            while let step = climbing, cmark_node_next(step) == nil { climbing = cmark_node_parent(step) }
            node = climbing.flatMap(cmark_node_next)
        }
    }

    private static func tableAlignments(of table: OpaquePointer) -> [TableAlignment?] {
        let columns = Int(cmark_gfm_extensions_get_table_columns(table))
        guard columns > 0, let alignments = cmark_gfm_extensions_get_table_alignments(table) else { return [] }
        return (0..<columns).map { column in
            switch alignments[column] {
            case UInt8(ascii: "l"): .left
            case UInt8(ascii: "c"): .center
            case UInt8(ascii: "r"): .right
            default: nil
            }
        }
    }

    /// A code block's info string, "" for indented ones.
    static func fenceInfo(of node: OpaquePointer) -> String {
        cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    }

    static func isFenced(_ node: OpaquePointer) -> Bool {
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(node, &length, &offset, &character) != 0
    }

    /// A link's or image's address.
    static func url(of node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// A node's literal (text, code, HTML), or "".
    static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}

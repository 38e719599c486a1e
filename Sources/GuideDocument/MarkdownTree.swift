internal import CCmarkGFM
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A guide parsed by cmark-gfm, as cmark's own node tree. Internal: cmark-gfm stays inside this
/// module (other stages read `MarkdownDocument`'s Swift nodes), as swift-markdown keeps its own.
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

    /// Where a node starts, as cmark reports it.
    static func start(of node: OpaquePointer) -> SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    /// The node's children, first to last.
    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(current)
            child = cmark_node_next(current)
        }
        return children
    }

    /// The plain text of a node's inline content: text and code spans, breaks as spaces.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        var pending = children(of: node).reversed() as [OpaquePointer]
        while let current = pending.popLast() {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += literal(of: current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                pending.append(contentsOf: children(of: current).reversed())
            }
        }
        return text
    }

    /// How many line feeds a node's literal holds, counted in cmark's own buffer.
    static func lineBreaks(inLiteralOf node: OpaquePointer) -> Int {
        guard var cursor = cmark_node_get_literal(node) else { return 0 }
        var count = 0
        while let found = strchr(cursor, 10) {
            count += 1
            cursor = UnsafePointer(found) + 1
        }
        return count
    }

    /// The `SampleDigest` of a node's literal, read in cmark's own buffer.
    static func literalDigest(of node: OpaquePointer) -> String {
        guard let literal = cmark_node_get_literal(node) else { return SampleDigest.of([UInt8]()) }
        return SampleDigest.of(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
    }

    /// Where a node starts and ends, as cmark reports it.
    static func range(of node: OpaquePointer) -> SourceRange {
        SourceRange(
            start: start(of: node),
            end: SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node))))
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

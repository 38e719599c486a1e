import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A guide parsed by cmark-gfm, as cmark's own node tree, for stages that render it.
///
/// Owns the parser and the document: the parser holds the syntax extensions the HTML renderer
/// needs, and both are freed together.
public final class MarkdownTree {
    public let document: OpaquePointer
    private let parser: OpaquePointer

    /// Parses `source` with source positions and the GFM extensions the site renders.
    public convenience init(parsing source: SourceText) {
        self.init(parsing: source.bytes)
    }

    /// Parses UTF-8 bytes already validated (`SourceText.validate`).
    public init(parsing bytes: [UInt8]) {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else { fatalError("cmark-gfm could not allocate a parser") }
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark-gfm returned no document") }
        self.parser = parser
        self.document = document
    }

    deinit {
        cmark_node_free(document)
        cmark_parser_free(parser)
    }

    /// The GFM extensions guides are parsed and rendered with.
    public static let extensionNames = ["table", "strikethrough", "autolink"]

    /// The document as HTML by cmark-gfm's renderer; raw HTML nodes are written as they are.
    public func html() -> String {
        guard let html = cmark_render_html(document, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Where a node starts, as cmark reports it.
    public static func start(of node: OpaquePointer) -> SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    /// The node's children, first to last.
    public static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(current)
            child = cmark_node_next(current)
        }
        return children
    }

    /// The plain text of a node's inline content: text and code spans, breaks as spaces.
    public static func plainText(of node: OpaquePointer) -> String {
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

    /// The plain text of a block and everything inside it, paragraphs separated by spaces.
    public static func plainText(ofBlock node: OpaquePointer) -> String {
        var parts: [String] = []
        var pending = [node]
        while let current = pending.popLast() {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING: parts.append(plainText(of: current))
            case CMARK_NODE_CODE_BLOCK: parts.append(literal(of: current))
            default: pending.append(contentsOf: children(of: current).reversed())
            }
        }
        return parts.joined(separator: " ")
    }

    /// How many line feeds a node's literal holds, counted in cmark's own buffer.
    public static func lineBreaks(inLiteralOf node: OpaquePointer) -> Int {
        guard var cursor = cmark_node_get_literal(node) else { return 0 }
        var count = 0
        while let found = strchr(cursor, 10) {
            count += 1
            cursor = UnsafePointer(found) + 1
        }
        return count
    }

    /// Every code block of the document in order: its info string and its literal (the code as
    /// cmark-gfm reads it, with a final line feed), for checking what a reader's parser sees.
    public func codeBlocks() -> [(info: String, literal: String)] {
        var blocks: [(info: String, literal: String)] = []
        var pending = [document]
        while let node = pending.popLast() {
            if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
                blocks.append((cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "", Self.literal(of: node)))
            }
            pending.append(contentsOf: Self.children(of: node).reversed())
        }
        return blocks
    }

    /// A node's literal (text, code, HTML), or "".
    public static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}

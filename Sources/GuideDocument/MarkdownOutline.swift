internal import CCmarkGFM

/// The block structure of a guide as cmark-gfm parses it, flattened in document order.
///
/// Only what finding code sections needs is kept: each block's kind, source range and parent.
/// Flat rather than a tree so that deeply nested input cannot exhaust the stack.
public struct MarkdownOutline: Sendable {
    public let blocks: [MarkdownBlock]

    /// Parses `source` with cmark-gfm (GFM tables, strikethrough and autolinks on, as the site
    /// renders it), keeping source positions.
    public init(parsing source: SourceText) {
        self.init(parsing: source.bytes)
    }

    /// Parses UTF-8 bytes already validated (`SourceText.validate`); cmark-gfm's tree is freed
    /// before this returns, so a caller can build its line index after the parse's peak.
    public init(parsing bytes: [UInt8]) {
        self.init(flattening: MarkdownTree(parsing: bytes))
    }

    init(flattening tree: MarkdownTree) {
        blocks = withExtendedLifetime(tree) { Self.flatten(tree.document) }
    }

    private static func flatten(_ document: OpaquePointer) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        // (node, parent index) pairs still to visit, last first.
        var pending: [(OpaquePointer, Int?)] = [(document, nil)]
        // Whether the block just flattened is a comment (HTML, or MDX's in a paragraph) that may hold gen's words for the fence
        // after it (`MarkerComment`): that fence's code is digested as if its info string held them.
        var markerBefore = false
        while let (node, parent) = pending.popLast() {
            let kind = MarkdownBlock.Kind(node)
            let index = blocks.count
            var range = MarkdownTree.range(of: node)
            // cmark-gfm ends a fenced block that its container closes (a list item, a quote) on the
            // line that closed the container, one line too far; no block outlives its container.
            var isOpenFence = false
            if case .codeBlock(_, true) = kind {
                if let parent, parent > 0, blocks[parent].range.end.line < range.end.line {
                    range = SourceRange(start: range.start, end: blocks[parent].range.end)
                }
                // Closed when a fence line follows the opening line and the content lines.
                let contentLines = MarkdownTree.lineBreaks(inLiteralOf: node)
                isOpenFence = range.end.line < range.start.line + contentLines + 1
            }
            // The digest of what a generated block holds now, to compare with the one it records.
            var codeDigest: String?
            if case .codeBlock(let info, true) = kind,
                (markerBefore && blocks.last?.parent == parent) || GeneratedBlock.recordsDigest(info: info)
            {
                codeDigest = MarkdownTree.literalDigest(of: node)
            }
            switch kind {
            case .html: markerBefore = cmark_node_get_literal(node).map(MarkerComment.mayRecordDigest) == true
            case .paragraph: markerBefore = MarkerComment.mayRecordDigest(paragraph: node)
            default: markerBefore = false
            }
            blocks.append(
                MarkdownBlock(
                    kind: kind, range: range, parent: parent, isOpenFence: isOpenFence, codeDigest: codeDigest))
            guard kind.hasBlockChildren else { continue }
            pending.append(contentsOf: MarkdownTree.children(of: node).reversed().map { ($0, index) })
        }
        return blocks
    }
}

/// One block of the outline.
public struct MarkdownBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list
        case item
        case paragraph
        /// Heading text is its inline content without markup, for matching configured headings.
        case heading(level: Int, text: String)
        /// A code block; `info` is empty for indented ones.
        case codeBlock(info: String, isFenced: Bool)
        /// Raw HTML, a comment included: where tab markup or a fence is text, not Markdown.
        case html
        /// Anything else: thematic breaks, tables, footnote definitions.
        case other

        init(_ node: OpaquePointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_DOCUMENT: self = .document
            case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
            case CMARK_NODE_LIST: self = .list
            case CMARK_NODE_ITEM: self = .item
            case CMARK_NODE_PARAGRAPH: self = .paragraph
            case CMARK_NODE_HEADING:
                self = .heading(level: Int(cmark_node_get_heading_level(node)), text: MarkdownTree.plainText(of: node))
            case CMARK_NODE_CODE_BLOCK:
                self = .codeBlock(info: MarkdownTree.fenceInfo(of: node), isFenced: MarkdownTree.isFenced(node))
            case CMARK_NODE_HTML_BLOCK: self = .html
            default: self = .other
            }
        }

        var hasBlockChildren: Bool {
            switch self {
            case .document, .blockQuote, .list, .item: true
            default: false
            }
        }
    }

    public let kind: Kind
    public let range: SourceRange
    /// Index of the enclosing block in `MarkdownOutline.blocks`; nil for the document.
    public let parent: Int?
    /// A fenced code block without its closing fence: it runs to the end of its container or
    /// of the guide, taking in everything after it.
    public let isOpenFence: Bool
    /// For a fenced block whose info string records a `SampleDigest`: the digest of the code it
    /// holds now. Nil for every other block.
    public var codeDigest: String? = nil
}

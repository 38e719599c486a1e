import CCmarkGFM
import GuideDocument
import SampleModel

/// The guide as one HTML page: cmark-gfm's HTML for the prose, each group of code sections as a
/// set of language panels that the site's script turns into tabs, headings with anchors, and
/// block quotes — the guide's security notes — as callouts.
public struct SitePage: Sendable {
    /// Whether the page links the syntax highlighter copied beside it.
    public var linksHighlighter: Bool

    public init(linksHighlighter: Bool) {
        self.linksHighlighter = linksHighlighter
    }

    /// Files the page refers to, relative to it.
    public static let stylesheet = "assets/site.css"
    public static let script = "assets/site.js"
    public static let highlighterScript = "assets/highlight.min.js"
    public static let highlighterStylesheet = "assets/highlight.css"

    public func render(_ guide: [UInt8]) throws(GuideError) -> String {
        let source = try SourceText(guide)
        let index = try SampleGroupIndex(source: source)
        let tree = MarkdownTree(parsing: source)
        return withExtendedLifetime(tree) {
            let title = Self.rewrite(tree.document, index: index)
            return page(title: title ?? "Guide", body: tree.html())
        }
    }

    private func page(title: String, body: String) -> String {
        var head = [
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(Markup.escape(title))</title>",
            "<link rel=\"icon\" href=\"data:,\">",
            "<link rel=\"stylesheet\" href=\"\(Self.stylesheet)\">",
        ]
        if linksHighlighter {
            head.append("<link rel=\"stylesheet\" href=\"\(Self.highlighterStylesheet)\">")
            head.append("<script src=\"\(Self.highlighterScript)\" defer></script>")
        }
        head.append("<script src=\"\(Self.script)\" defer></script>")
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n" + head.joined(separator: "\n")
            + "\n</head>\n<body>\n<main class=\"guide\">\n" + body + "</main>\n</body>\n</html>\n"
    }

    /// Rewrites the tree in place for the page; returns the first top-level heading's text.
    private static func rewrite(_ document: OpaquePointer, index: SampleGroupIndex) -> String? {
        var headings: [OpaquePointer] = []
        var quotes: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var members: [Int: [(node: OpaquePointer, member: SampleGroupIndex.Member)]] = [:]
        var pending = [document]
        while let node = pending.popLast() {
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_BLOCK_QUOTE: quotes.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
            default: break
            }
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_CODE_BLOCK,
               let member = index.members[MarkdownTree.start(of: node)] {
                members[member.group, default: []].append((node, member))
                continue
            }
            pending.append(contentsOf: MarkdownTree.children(of: node).reversed())
        }
        // Raw HTML from the guide is shown as cmark's safe mode shows it; the page's own comes next.
        for node in rawHTML { cmark_node_set_literal(node, "<!-- raw HTML omitted -->") }

        let title = headings.first { cmark_node_get_heading_level($0) == 1 }.map(MarkdownTree.plainText(of:))
        var anchors = HeadingAnchors()
        for heading in headings {
            let id = Markup.escape(anchors.anchor(for: MarkdownTree.plainText(of: heading)))
            insert("<a class=\"anchor\" id=\"\(id)\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>",
                   type: CMARK_NODE_HTML_INLINE, asFirstChildOf: heading)
        }
        for quote in quotes {
            let title = calloutTitle(MarkdownTree.plainText(ofBlock: quote))
            insert("<aside class=\"callout\" role=\"note\"><p class=\"callout-title\">\(title)</p>", type: CMARK_NODE_HTML_BLOCK, before: quote)
            insert("</aside>", type: CMARK_NODE_HTML_BLOCK, after: quote)
        }
        for group in members.keys.sorted() {
            let nodes = members[group]!
            insert(panels(group: group + 1, nodes: nodes), type: CMARK_NODE_HTML_BLOCK, before: nodes[0].node)
            for (node, _) in nodes {
                cmark_node_unlink(node)
                cmark_node_free(node)
            }
        }
        return title
    }

    /// The group's samples, one panel per language in guide order, each with its label.
    private static func panels(group: Int, nodes: [(node: OpaquePointer, member: SampleGroupIndex.Member)]) -> String {
        var html = "<div class=\"samples\" id=\"samples-\(group)\">\n"
        var labels: [Language: String] = [:]
        for (node, member) in nodes where member.isLabel {
            labels[member.language] = MarkdownTree.plainText(of: node)
        }
        for (node, member) in nodes where !member.isLabel {
            let language = member.language
            let label = labels[language] ?? "\(language.displayName) code:"
            var code = MarkdownTree.literal(of: node)
            if code.hasSuffix("\n") { code.removeLast() }
            html += "<div class=\"sample\" data-lang=\"\(language.rawValue)\" data-label=\"\(language.displayName)\" id=\"samples-\(group)-\(language.rawValue)\">\n"
            html += "<p class=\"sample-label\">\(Markup.escape(label))</p>\n"
            html += "<pre><code class=\"language-\(language.fenceTag)\">\(Markup.escape(code))</code></pre>\n</div>\n"
        }
        return html + "</div>"
    }

    /// The guide's block quotes are its security notes; say so when they are about credentials.
    private static func calloutTitle(_ text: String) -> String {
        let lowered = text.lowercased()
        return ["secret", "credential", "confidential", "password"].contains(where: lowered.contains) ? "Security" : "Note"
    }

    private static func insert(_ html: String, type: cmark_node_type, asFirstChildOf parent: OpaquePointer) {
        let node = cmark_node_new(type)!
        cmark_node_set_literal(node, html)
        cmark_node_prepend_child(parent, node)
    }

    private static func insert(_ html: String, type: cmark_node_type, before sibling: OpaquePointer) {
        let node = cmark_node_new(type)!
        cmark_node_set_literal(node, html)
        cmark_node_insert_before(sibling, node)
    }

    private static func insert(_ html: String, type: cmark_node_type, after sibling: OpaquePointer) {
        let node = cmark_node_new(type)!
        cmark_node_set_literal(node, html)
        cmark_node_insert_after(sibling, node)
    }
}

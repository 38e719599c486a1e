import CCmarkGFM
import GuideDocument

/// The guide in Confluence storage format (XHTML with `ac:` macros): the body a docs build sends
/// to Confluence's REST API to regenerate the page.
///
/// Code blocks become `code` macros with their `language` parameter and the code in CDATA; block
/// quotes — the guide's security notes — become `warning` panels.
public struct ConfluencePage: Sendable {
    public init() {}

    /// Namespaces a parser needs to read the output as XML (Confluence supplies them itself).
    public static let namespaces = [
        "ac": "http://www.atlassian.com/schema/confluence/4/ac/",
        "ri": "http://www.atlassian.com/schema/confluence/4/ri/",
    ]

    public func render(_ guide: [UInt8]) throws(GuideError) -> String {
        let source = try SourceText(guide)
        let emptyLabels = Set(try SampleGroupIndex(source: source).emptyLabels)
        let tree = MarkdownTree(parsing: source)
        return withExtendedLifetime(tree) { Self.storageFormat(of: tree.document, skipping: emptyLabels) }
    }

    /// `skipping`: where the labels that have no sample start; like the site, the page leaves
    /// them out (a language the guide names but `gen` did not fill).
    private static func storageFormat(of document: OpaquePointer, skipping emptyLabels: Set<SourcePosition>) -> String {
        var output = ""
        guard let iterator = cmark_iter_new(document) else { return output }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            if entering, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, emptyLabels.contains(MarkdownTree.start(of: node)) {
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                continue
            }
            if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                // Confluence takes the image's URL; its alt text (the children) is skipped.
                if entering {
                    let url = SafeURL.filtered(cmark_node_get_url(node).map { String(cString: $0) } ?? "")
                    output += "<ac:image><ri:url ri:value=\"\(Markup.escape(url))\"/></ac:image>"
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                }
                continue
            }
            output += markup(for: node, entering: entering)
        }
        return output
    }

    private static func markup(for node: OpaquePointer, entering: Bool) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT:
            return ""
        case CMARK_NODE_HEADING:
            let level = cmark_node_get_heading_level(node)
            return entering ? "<h\(level)>" : "</h\(level)>\n"
        case CMARK_NODE_PARAGRAPH:
            return entering ? "<p>" : "</p>\n"
        case CMARK_NODE_BLOCK_QUOTE:
            return entering
                ? "<ac:structured-macro ac:name=\"warning\"><ac:parameter ac:name=\"title\">Security</ac:parameter><ac:rich-text-body>\n"
                : "</ac:rich-text-body></ac:structured-macro>\n"
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let start = cmark_node_get_list_start(node)
            if ordered { return entering ? (start > 1 ? "<ol start=\"\(start)\">\n" : "<ol>\n") : "</ol>\n" }
            return entering ? "<ul>\n" : "</ul>\n"
        case CMARK_NODE_ITEM:
            return entering ? "<li>" : "</li>\n"
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let language = info.split(whereSeparator: \.isWhitespace).first.map(String.init)
            var code = MarkdownTree.literal(of: node)
            if code.hasSuffix("\n") { code.removeLast() }
            let parameter = language.map { "<ac:parameter ac:name=\"language\">\(Markup.escape($0))</ac:parameter>" } ?? ""
            return "<ac:structured-macro ac:name=\"code\">\(parameter)<ac:plain-text-body>\(Markup.cdata(code))</ac:plain-text-body></ac:structured-macro>\n"
        case CMARK_NODE_THEMATIC_BREAK:
            return "<hr/>\n"
        case CMARK_NODE_HTML_BLOCK:
            return "<p>\(Markup.escape(MarkdownTree.literal(of: node)))</p>\n"
        case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
            return Markup.escape(MarkdownTree.literal(of: node))
        case CMARK_NODE_CODE:
            return "<code>\(Markup.escape(MarkdownTree.literal(of: node)))</code>"
        case CMARK_NODE_SOFTBREAK:
            return "\n"
        case CMARK_NODE_LINEBREAK:
            return "<br/>"
        case CMARK_NODE_EMPH:
            return entering ? "<em>" : "</em>"
        case CMARK_NODE_STRONG:
            return entering ? "<strong>" : "</strong>"
        case CMARK_NODE_LINK:
            let url = SafeURL.filtered(cmark_node_get_url(node).map { String(cString: $0) } ?? "")
            return entering ? "<a href=\"\(Markup.escape(url))\">" : "</a>"
        default:
            return extensionMarkup(for: node, entering: entering)
        }
    }

    /// GFM extension nodes, known by their type name.
    private static func extensionMarkup(for node: OpaquePointer, entering: Bool) -> String {
        let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
        switch name {
        case "strikethrough": return entering ? "<s>" : "</s>"
        case "table": return entering ? "<table><tbody>\n" : "</tbody></table>\n"
        case "table_row": return entering ? "<tr>" : "</tr>\n"
        case "table_cell":
            let header = cmark_node_parent(node).map { cmark_gfm_extensions_get_table_row_is_header($0) != 0 } ?? false
            return entering ? (header ? "<th>" : "<td>") : (header ? "</th>" : "</td>")
        default: return ""
        }
    }
}

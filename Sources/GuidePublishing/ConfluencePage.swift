import GuideDocument
import SampleModel

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

    /// Parses `guide` once and renders it.
    public func render(_ guide: [UInt8]) throws(GuideError) -> String {
        try render(MarkdownDocument(parsing: SourceText(guide)))
    }

    /// The page body for a guide parsed once by the caller.
    public func render(_ document: MarkdownDocument) throws(GuideError) -> String {
        let emptyLabels = Set(try SampleGroupIndex(document: document).emptyLabels)
        return Self.storageFormat(of: document, skipping: emptyLabels)
    }

    /// `skipping`: where the labels that have no sample start; like the site, the page leaves
    /// them out (a language the guide names but `gen` did not fill).
    private static func storageFormat(
        of document: MarkdownDocument,
        skipping emptyLabels: Set<SourcePosition>
    ) -> String {
        var output = ""
        document.walk { node, entering in
            if entering, node.kind == .paragraph, emptyLabels.contains(node.start) {
                return .skipChildren
            }
            if case .image(let url) = node.kind {
                // Confluence takes the image's URL; its alt text (the children) is skipped.
                output += "<ac:image><ri:url ri:value=\"\(Markup.escape(SafeURL.filtered(url)))\"/></ac:image>"
                return .skipChildren
            }
            output += markup(for: node, entering: entering, in: document)
            return .visitChildren
        }
        return output
    }

    private static func markup(for node: MarkdownNode, entering: Bool, in document: MarkdownDocument) -> String {
        switch node.kind {
        case .document:
            return ""
        case .heading(let level):
            return entering ? "<h\(level)>" : "</h\(level)>\n"
        case .paragraph:
            return entering ? "<p>" : "</p>\n"
        case .blockQuote:
            return entering
                ? "<ac:structured-macro ac:name=\"warning\"><ac:parameter ac:name=\"title\">Security</ac:parameter><ac:rich-text-body>\n"
                : "</ac:rich-text-body></ac:structured-macro>\n"
        case .list(let ordered, let start):
            if ordered { return entering ? (start > 1 ? "<ol start=\"\(start)\">\n" : "<ol>\n") : "</ol>\n" }
            return entering ? "<ul>\n" : "</ul>\n"
        case .item:
            return entering ? "<li>" : "</li>\n"
        case .codeBlock(let info, _):
            // A language SampleGen knows gets the macro's name for it (its descriptor's
            // `confluenceLanguage`); any other info word passes through as written.
            let language = info.split(whereSeparator: \.isWhitespace).first.map { word in
                Language(name: word)?.confluenceLanguage ?? String(word)
            }
            var code = node.literal
            if code.hasSuffix("\n") { code.removeLast() }
            let parameter =
                language.map { "<ac:parameter ac:name=\"language\">\(Markup.escape($0))</ac:parameter>" } ?? ""
            return
                "<ac:structured-macro ac:name=\"code\">\(parameter)<ac:plain-text-body>\(Markup.cdata(code))</ac:plain-text-body></ac:structured-macro>\n"
        case .thematicBreak:
            return "<hr/>\n"
        case .htmlBlock:
            return "<p>\(Markup.escape(node.literal))</p>\n"
        case .text, .htmlInline:
            return Markup.escape(node.literal)
        case .code:
            return "<code>\(Markup.escape(node.literal))</code>"
        case .softBreak:
            return "\n"
        case .lineBreak:
            return "<br/>"
        case .emphasis:
            return entering ? "<em>" : "</em>"
        case .strong:
            return entering ? "<strong>" : "</strong>"
        case .link(let url):
            return entering ? "<a href=\"\(Markup.escape(SafeURL.filtered(url)))\">" : "</a>"
        case .strikethrough:
            return entering ? "<s>" : "</s>"
        case .table:
            return entering ? "<table><tbody>\n" : "</tbody></table>\n"
        case .tableRow:
            return entering ? "<tr>" : "</tr>\n"
        case .tableCell:
            let row = node.parent.map { document.nodes[$0].kind }
            let header = row == .tableHeader || row == .tableRow(isHeader: true)
            return entering ? (header ? "<th>" : "<td>") : (header ? "</th>" : "</td>")
        // The header row writes no `<tr>` of its own, only its `<th>` cells (as it always has).
        case .image, .tableHeader, .other:
            return ""
        }
    }
}

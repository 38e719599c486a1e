import GuideDocument
import SampleModel

/// The guide in Confluence storage format (XHTML with `ac:` macros): the body a docs build sends
/// to Confluence's REST API to regenerate the page.
///
/// Code blocks become `code` macros with their `language` parameter and the code in CDATA; block
/// quotes — the guide's security notes — become `warning` panels. A tab set (MkDocs content tabs,
/// a MyST tab set) becomes its tabs one after another, as Confluence has no tabs of its own: a
/// code tab as a `code` macro titled with the tab's title, any other tab as a `panel` macro
/// titled so, holding the tab's content. Tables are `<table><tbody>` with every row a `<tr>`,
/// the header row's cells `<th>`, each cell's text in a paragraph aligned as its column is.
///
/// Under a concise sample gen linked to its complete program, an `expand` macro titled
/// "Complete program" holds the program in a `code` macro; gen's link line itself is left out,
/// as its address is the guide's folder, which the page does not have.
public struct ConfluencePage: Sendable {
    /// The complete programs gen's link lines link to.
    public var programs: LinkedPrograms

    public init(programs: LinkedPrograms = .none) {
        self.programs = programs
    }

    /// The title of the `expand` macro that holds a complete program.
    public static let programTitle = "Complete program"

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
        return Self.storageFormat(of: try TabbedDocument(document), programs: programs, skipping: emptyLabels)
    }

    /// `skipping`: where the labels that have no sample start; like the site, the page leaves
    /// them out (a language the guide names but `gen` did not fill).
    private static func storageFormat(
        of tabbed: TabbedDocument, programs: LinkedPrograms,
        skipping emptyLabels: Set<SourcePosition> = []
    ) -> String {
        let document = tabbed.document
        let links = ProgramLinkLines(document)
        var output = ""
        // The table being written: its columns' alignments, and the next cell's column.
        var alignments: [TableAlignment?] = []
        var column = 0
        document.walk { node, entering in
            // A label without a sample, and gen's link line (its program follows its block).
            if entering, node.kind == .paragraph, emptyLabels.contains(node.start) || links.lines.contains(node.id) {
                return .skipChildren
            }
            if let tabs = tabbed.tabSets[node.id] {
                for tab in tabs { output += markup(for: tab, programs: programs) }
                return .skipChildren
            }
            switch node.kind {
            case .blockQuote where entering && tabbed.quotes[node.id] != nil:
                // A quote holding tabs: its content read on its own, in the quote's panel.
                output += markup(for: node, entering: true, in: document)
                output += storageFormat(of: tabbed.quotes[node.id]!, programs: programs)
                output += markup(for: node, entering: false, in: document)
                return .skipChildren
            case .codeBlock where links.blocks[node.id] != nil:
                let sample = links.blocks[node.id]!.sample
                output += markup(for: node, entering: entering, in: document)
                output += programs.program(sample.snippet, in: sample.language).map(expandMacro) ?? ""
                return .visitChildren
            case .image(let url):
                // Confluence takes the image's URL; its alt text (the children) is skipped.
                output += "<ac:image><ri:url ri:value=\"\(Markup.escape(SafeURL.filtered(url)))\"/></ac:image>"
                return .skipChildren
            case .table:
                alignments = entering ? document.tableAlignments(of: node) : []
            case .tableHeader, .tableRow:
                column = 0
            case .tableCell:
                let alignment = column < alignments.count ? alignments[column] : nil
                let style = alignment.map { " style=\"text-align: \($0.rawValue);\"" } ?? ""
                let header = node.parent.map { document.nodes[$0].kind == .tableHeader } ?? false
                output += entering ? (header ? "<th>" : "<td>") + "<p\(style)>" : "</p>" + (header ? "</th>" : "</td>")
                if !entering { column += 1 }
                return .visitChildren
            default:
                break
            }
            output += markup(for: node, entering: entering, in: document)
            return .visitChildren
        }
        return output
    }

    /// A tab of a tab set: a code tab as a titled `code` macro (its complete program after it,
    /// when gen linked one), any other as a titled `panel`.
    private static func markup(for tab: PublishedTab, programs: LinkedPrograms) -> String {
        switch tab.content {
        case .code(let info, let code, let sample):
            let tag = InfoString(Array(info.utf8)).languageName
            let language =
                tag.map { Language(name: $0)?.confluenceLanguage ?? String($0) } ?? tab.language?.confluenceLanguage
            let program = sample.flatMap { programs.program($0.snippet, in: $0.language) }
            return codeMacro(code, language: language, title: tab.title) + (program.map(expandMacro) ?? "")
        case .text(let content):
            return
                "<ac:structured-macro ac:name=\"panel\"><ac:parameter ac:name=\"title\">\(Markup.escape(tab.title))</ac:parameter><ac:rich-text-body>\n"
                + storageFormat(of: content, programs: programs) + "</ac:rich-text-body></ac:structured-macro>\n"
        }
    }

    /// A complete program: an `expand` macro titled `programTitle` holding a `code` macro titled
    /// with its file name.
    private static func expandMacro(_ program: LinkedPrograms.Program) -> String {
        var code = program.text
        if code.hasSuffix("\n") { code.removeLast() }
        return
            "<ac:structured-macro ac:name=\"expand\"><ac:parameter ac:name=\"title\">\(Markup.escape(programTitle))</ac:parameter><ac:rich-text-body>\n"
            + codeMacro(code, language: program.language.confluenceLanguage, title: program.fileName)
            + "</ac:rich-text-body></ac:structured-macro>\n"
    }

    /// A `code` macro: the code in CDATA, its language (Confluence's name) and title if any.
    private static func codeMacro(_ code: String, language: String?, title: String? = nil) -> String {
        var parameters = ""
        if let title { parameters += "<ac:parameter ac:name=\"title\">\(Markup.escape(title))</ac:parameter>" }
        if let language { parameters += "<ac:parameter ac:name=\"language\">\(Markup.escape(language))</ac:parameter>" }
        return
            "<ac:structured-macro ac:name=\"code\">\(parameters)<ac:plain-text-body>\(Markup.cdata(code))</ac:plain-text-body></ac:structured-macro>\n"
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
            let language = InfoString(Array(info.utf8)).languageName.map { word in
                Language(name: word)?.confluenceLanguage ?? String(word)
            }
            var code = node.literal
            if code.hasSuffix("\n") { code.removeLast() }
            return codeMacro(code, language: language)
        case .thematicBreak:
            return "<hr/>\n"
        // Raw HTML shows as its text, but a comment as nothing, as on any Markdown page.
        case .htmlBlock:
            return Markup.isComment(node.literal) ? "" : "<p>\(Markup.escape(node.literal))</p>\n"
        case .htmlInline:
            return Markup.isComment(node.literal) ? "" : Markup.escape(node.literal)
        case .text:
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
        // Every row is a `<tr>`, the header row's included (its cells are `<th>`).
        case .tableHeader, .tableRow:
            return entering ? "<tr>" : "</tr>\n"
        // Cells are written by `storageFormat`, which knows their column.
        case .image, .tableCell, .other:
            return ""
        }
    }
}

import GuideDocument
import SampleModel

/// The guide as one HTML page: cmark-gfm's HTML for the prose, each group of code sections as a
/// set of language panels that the site's script turns into tabs, headings with anchors, and
/// block quotes — the guide's security notes — as callouts. A tab set the guide writes (MkDocs
/// content tabs, a MyST tab set) is the same set of panels: a code tab a sample, any other tab a
/// panel of its content (`SiteTabSet`). Under a concise sample gen linked to its complete
/// program, the program, to open, copy and download (`SiteProgram`), in place of the link line.
public struct SitePage: Sendable {
    /// Whether the page links the syntax highlighter copied beside it.
    public var linksHighlighter: Bool
    /// The complete programs gen's link lines link to; `gen site` writes them beside the page
    /// (`LinkedPrograms.siteFiles`, under `LinkedPrograms.siteFolder`).
    public var programs: LinkedPrograms

    public init(linksHighlighter: Bool, programs: LinkedPrograms = .none) {
        self.linksHighlighter = linksHighlighter
        self.programs = programs
    }

    /// Files the page refers to, relative to it.
    public static let stylesheet = "assets/site.css"
    public static let script = "assets/site.js"
    public static let highlighterScript = "assets/highlight.min.js"
    public static let highlighterStylesheet = "assets/highlight.css"

    /// Parses `guide` once and renders it.
    public func render(_ guide: [UInt8]) throws(GuideError) -> String {
        try render(MarkdownDocument(parsing: SourceText(guide)))
    }

    /// The page for a guide parsed once by the caller (the same document can go to Confluence).
    public func render(_ document: MarkdownDocument) throws(GuideError) -> String {
        let index = try SampleGroupIndex(document: document)
        var numbering = SetNumbering()
        let body = SiteText(try TabbedDocument(document), index: index, programs: programs, numbering: &numbering)
        var anchors = HeadingAnchors(reserved: numbering.reserved)
        return page(title: body.title ?? "Guide", body: body.html(anchors: &anchors))
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

    /// cmark-gfm's HTML with each heading's anchor after its opening tag, each block quote
    /// inside a callout (`<aside class="callout" role="note"><p class="callout-title">…</p>`
    /// before `<blockquote>`, `</aside>` after `</blockquote>`), and each part's comment
    /// (`<!-- part N -->`: a tab set, a quote's content) replaced by `parts[N]`, already
    /// decorated. One pass: every `<hN>`, `<blockquote>` and comment in it is cmark-gfm's own or
    /// the page's, in document order (text, code and the panels are escaped, the guide's raw HTML
    /// is omitted).
    static func decorate(
        _ html: String, headingAnchors: [String], calloutTitles: [String], parts: [String] = []
    ) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(
            bytes.count + calloutTitles.count * 80 + headingAnchors.count * 100 + parts.reduce(0) { $0 + $1.utf8.count }
        )
        let open = Array("<blockquote>\n".utf8)
        let close = Array("</blockquote>\n".utf8)
        let comment = Array(SiteText.partComment.utf8)
        var headings = headingAnchors.makeIterator()
        var titles = calloutTitles.makeIterator()
        var index = 0
        func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
            offset + pattern.count <= bytes.count && bytes[offset..<(offset + pattern.count)].elementsEqual(pattern)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            if matches(open, at: index), let title = titles.next() {
                output +=
                    Array("<aside class=\"callout\" role=\"note\"><p class=\"callout-title\">\(title)</p>\n".utf8)
                    + open
                index += open.count
            } else if matches(close, at: index) {
                output += close + Array("</aside>\n".utf8)
                index += close.count
            } else if index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "h"),
                (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2]),
                bytes[index + 3] == UInt8(ascii: ">"), let anchor = headings.next()
            {
                output += bytes[index...(index + 3)] + Array(anchor.utf8)
                index += 4
            } else if matches(comment, at: index), let part = SiteText.part(in: bytes, at: index + comment.count),
                part.number < parts.count
            {
                output += Array(parts[part.number].utf8)
                index = part.end
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The guide's block quotes are its security notes; these are about credentials: some
    /// paragraph, heading or code block inside them mentions one. One pass over the tree, each
    /// quote told by its innermost quote, so nesting costs nothing extra (20,000 levels deep).
    static func quotesAboutCredentials(_ document: MarkdownDocument) -> Set<MarkdownNode.ID> {
        var found: Set<MarkdownNode.ID> = []
        var open: [(quote: MarkdownNode.ID, mentions: Bool)] = []
        document.walk { node, entering in
            switch (node.kind, entering) {
            case (.blockQuote, true):
                open.append((node.id, false))
            case (.blockQuote, false):
                let closed = open.removeLast()
                if closed.mentions {
                    found.insert(closed.quote)
                    if !open.isEmpty { open[open.count - 1].mentions = true }
                }
            case (.paragraph, true), (.heading, true):
                if !open.isEmpty, !open[open.count - 1].mentions, mentionsCredentials(document.plainText(of: node)) {
                    open[open.count - 1].mentions = true
                }
            case (.codeBlock, _):
                if !open.isEmpty, !open[open.count - 1].mentions, mentionsCredentials(node.literal) {
                    open[open.count - 1].mentions = true
                }
            default:
                break
            }
            return .visitChildren
        }
        return found
    }

    private static func mentionsCredentials(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["secret", "credential", "confidential", "password"].contains(where: lowered.contains)
    }
}

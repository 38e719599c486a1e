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

    /// Parses `guide` once and renders it.
    public func render(_ guide: [UInt8]) throws(GuideError) -> String {
        try render(MarkdownDocument(parsing: SourceText(guide)))
    }

    /// The page for a guide parsed once by the caller (the same document can go to Confluence).
    public func render(_ document: MarkdownDocument) throws(GuideError) -> String {
        let index = try SampleGroupIndex(document: document)
        let rewritten = Self.rewrite(document, index: index)
        let body = Self.decorate(
            document.html(rewriting: rewritten.changes), headingAnchors: rewritten.headingAnchors,
            calloutTitles: rewritten.calloutTitles)
        return page(title: rewritten.title ?? "Guide", body: body)
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

    /// The changes the page makes to cmark-gfm's HTML; the first top-level heading's text, and
    /// each heading's anchor and each block quote's callout title, in document order, for
    /// `decorate`. (Inserting nodes for those instead costs cmark-gfm a walk up to the root each,
    /// which made 20,000 nested quotes take seconds.)
    private static func rewrite(_ document: MarkdownDocument, index: SampleGroupIndex)
        -> (changes: HTMLRewrite, title: String?, headingAnchors: [String], calloutTitles: [String])
    {
        var changes = HTMLRewrite()
        var headings: [MarkdownNode] = []
        var quotes: [MarkdownNode.ID] = []
        var members: [Int: [(node: MarkdownNode, member: SampleGroupIndex.Member)]] = [:]
        var pending = [document.root]
        while let node = pending.popLast() {
            switch node.kind {
            case .heading: headings.append(node)
            case .blockQuote: quotes.append(node.id)
            // Raw HTML from the guide is shown as cmark's safe mode shows it; the page's own comes next.
            case .htmlBlock, .htmlInline: changes.literals[node.id] = "<!-- raw HTML omitted -->"
            // No javascript:, vbscript: or data: (but images) address reaches the page.
            case .link(let url), .image(let url): if !SafeURL.isSafe(url) { changes.urls[node.id] = "" }
            default: break
            }
            if node.kind == .paragraph || node.kind.isCodeBlock, let member = index.members[node.start] {
                members[member.group, default: []].append((node, member))
                continue
            }
            pending.append(contentsOf: node.children.reversed().map { document.nodes[$0] })
        }

        let title = headings.first { $0.kind == .heading(level: 1) }.map(document.plainText(of:))
        // The panels' ids (and the tabs' ids site.js derives from them) are the page's own.
        var reserved: Set<String> = []
        for group in members.keys {
            reserved.insert("samples-\(group + 1)")
            for language in Language.allCases {
                reserved.insert("samples-\(group + 1)-\(language.rawValue)")
                reserved.insert("samples-\(group + 1)-\(language.rawValue)-tab")
            }
        }
        var anchors = HeadingAnchors(reserved: reserved)
        let headingAnchors = headings.map { heading in
            let id = Markup.escape(anchors.anchor(for: document.plainText(of: heading)))
            return "<a class=\"anchor\" id=\"\(id)\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>"
        }
        let securityNotes = quotesAboutCredentials(document)
        let calloutTitles = quotes.map { securityNotes.contains($0) ? "Security" : "Note" }
        for group in members.keys.sorted() {
            let nodes = members[group]!
            // A group of empty labels only (languages not filled) shows nothing, as in Confluence.
            if nodes.contains(where: { !$0.member.isLabel }) {
                changes.insertions.append((panels(group: group + 1, nodes: nodes, in: document), nodes[0].node.id))
            }
            changes.removals += nodes.map(\.node.id)
        }
        return (changes, title, headingAnchors, calloutTitles)
    }

    /// cmark-gfm's HTML with each heading's anchor after its opening tag and each block quote
    /// inside a callout: `<aside class="callout" role="note"><p class="callout-title">…</p>`
    /// before `<blockquote>`, `</aside>` after `</blockquote>`. One pass: every `<hN>` and
    /// `<blockquote>` in it is cmark-gfm's own, in document order (text, code and the panels
    /// are escaped, the guide's raw HTML is omitted).
    static func decorate(_ html: String, headingAnchors: [String], calloutTitles: [String]) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + calloutTitles.count * 80 + headingAnchors.count * 100)
        let open = Array("<blockquote>\n".utf8)
        let close = Array("</blockquote>\n".utf8)
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
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The group's samples, one panel per language in guide order, each with its label.
    private static func panels(
        group: Int, nodes: [(node: MarkdownNode, member: SampleGroupIndex.Member)],
        in document: MarkdownDocument
    ) -> String {
        var html = "<div class=\"samples\" id=\"samples-\(group)\">\n"
        var labels: [Language: String] = [:]
        for (node, member) in nodes where member.isLabel {
            labels[member.language] = document.plainText(of: node)
        }
        for (node, member) in nodes where !member.isLabel {
            let language = member.language
            let label = labels[language] ?? "\(language.displayName) code:"
            var code = node.literal
            if code.hasSuffix("\n") { code.removeLast() }
            html +=
                "<div class=\"sample\" data-lang=\"\(language.rawValue)\" data-label=\"\(language.displayName)\" id=\"samples-\(group)-\(language.rawValue)\">\n"
            html += "<p class=\"sample-label\">\(Markup.escape(label))</p>\n"
            html += "<pre><code class=\"language-\(language.fenceTag)\">\(Markup.escape(code))</code></pre>\n</div>\n"
        }
        return html + "</div>"
    }

    /// The guide's block quotes are its security notes; these are about credentials: some
    /// paragraph, heading or code block inside them mentions one. One pass over the tree, each
    /// quote told by its innermost quote, so nesting costs nothing extra (20,000 levels deep).
    private static func quotesAboutCredentials(_ document: MarkdownDocument) -> Set<MarkdownNode.ID> {
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

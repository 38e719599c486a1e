import GuideDocument
import SampleModel

/// The page's sets of panels numbered in document order (`samples-1`, `samples-2`, …), and the
/// ids their panels and tabs take, and the complete programs' ids, which no heading may take.
struct SetNumbering {
    private(set) var count = 0
    private(set) var reserved: Set<String> = []

    /// The next set's number, its panels' ids (`samples-N-<key>`) and their tabs' (`…-tab`,
    /// which site.js derives) reserved.
    mutating func next(keys: [String]) -> Int {
        count += 1
        reserved.insert("samples-\(count)")
        for key in keys {
            reserved.insert("samples-\(count)-\(key)")
            reserved.insert("samples-\(count)-\(key)-tab")
        }
        return count
    }

    /// A complete program's id, reserved: `complete-<language>-<snippet>` for the first of the
    /// page, then `…-2`, `…-3` (a guide may show a snippet twice).
    mutating func programID(for sample: LinkedSample) -> String {
        let base = SiteProgram.baseID(sample)
        var id = base
        var suffix = 2
        while reserved.contains(id) {
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        reserved.insert(id)
        return id
    }
}

/// One Markdown text of the page — the guide, or a tab's content — laid out for the site: the
/// changes to cmark-gfm's HTML, its headings and tab sets in document order, its callouts.
///
/// Laid out first, rendered second: every set is numbered (and its ids reserved) before the
/// first heading gets its anchor, and anchors are then given out in document order, tabs
/// included, so every id on the page is unique.
struct SiteText {
    let document: MarkdownDocument
    /// The first top-level heading's text.
    private(set) var title: String?
    private var changes = HTMLRewrite()
    private var events: [Event] = []
    /// What the page writes in place of a comment in cmark-gfm's HTML (`partComment`).
    private var parts: [Part] = []
    private var calloutTitles: [String] = []

    private enum Event {
        case heading(MarkdownNode)
        /// An index in `parts`.
        case part(Int)
    }

    private enum Part {
        case tabSet(SiteTabSet)
        /// A block quote's content, read on its own because it holds tabs.
        case quote(SiteText)
    }

    /// `index`: the guide's groups of labels (none inside a tab: `gen` does not fill those).
    /// `programs`: what gen's link lines link to, shown in their place (`SiteProgram`).
    init(
        _ tabbed: TabbedDocument, index: SampleGroupIndex?, programs: LinkedPrograms, numbering: inout SetNumbering
    ) {
        document = tabbed.document
        let links = ProgramLinkLines(document)
        // A labelled sample's complete program, by its block's node: shown in its panel.
        var panelPrograms: [MarkdownNode.ID: String] = [:]
        var quotes: [MarkdownNode.ID] = []
        var members: [Int: [(node: MarkdownNode, member: SampleGroupIndex.Member)]] = [:]
        var groupNumbers: [Int: Int] = [:]
        var pending = [document.root]
        while let node = pending.popLast() {
            switch node.kind {
            case .heading(let level):
                events.append(.heading(node))
                if title == nil, level == 1 { title = document.plainText(of: node) }
            case .blockQuote:
                quotes.append(node.id)
                if let content = tabbed.quotes[node.id], let first = document.children(of: node).first {
                    // The quote keeps its callout; what is inside is its content read on its own.
                    changes.insertions.append((Self.partComment + "\(parts.count) -->", first))
                    changes.removals += document.children(of: node)
                    events.append(.part(parts.count))
                    parts.append(.quote(SiteText(content, index: nil, programs: programs, numbering: &numbering)))
                    continue
                }
            case .htmlBlock where tabbed.tabSets[node.id] != nil:
                if let set = SiteTabSet(tabbed.tabSets[node.id]!, programs: programs, numbering: &numbering) {
                    changes.literals[node.id] = Self.partComment + "\(parts.count) -->"
                    events.append(.part(parts.count))
                    parts.append(.tabSet(set))
                } else {
                    changes.removals.append(node.id)
                }
                continue
            // Raw HTML from the guide is shown as cmark's safe mode shows it; the page's own comes next.
            case .htmlBlock, .htmlInline:
                changes.literals[node.id] = "<!-- raw HTML omitted -->"
            // No javascript:, vbscript: or data: (but images) address reaches the page.
            case .link(let url), .image(let url):
                if !SafeURL.isSafe(url) { changes.urls[node.id] = "" }
            // gen's link line: never shown; the program it links to is, under its block.
            case .paragraph where links.lines.contains(node.id):
                changes.removals.append(node.id)
                continue
            case .codeBlock:
                if let linked = links.blocks[node.id],
                    let program = programs.program(linked.sample.snippet, in: linked.sample.language)
                {
                    let html = SiteProgram.html(id: numbering.programID(for: linked.sample), program: program)
                    if index?.members[node.start] != nil {
                        panelPrograms[node.id] = html
                    } else {
                        changes.insertions.append((html, linked.line))
                    }
                }
            default:
                break
            }
            if node.kind == .paragraph || node.kind.isCodeBlock, let index, let member = index.members[node.start] {
                if members[member.group] == nil {
                    // A group of empty labels only (languages not filled) shows nothing, as in Confluence.
                    let languages = index.groups[member.group].sections.filter { $0.content != .empty }.map(\.language)
                    if !languages.isEmpty {
                        groupNumbers[member.group] = numbering.next(keys: languages.map(\.rawValue))
                    }
                }
                members[member.group, default: []].append((node, member))
                continue
            }
            pending.append(contentsOf: document.children(of: node).reversed().map { document.nodes[$0] })
        }
        for (group, nodes) in members.sorted(by: { $0.key < $1.key }) {
            if let number = groupNumbers[group] {
                changes.insertions.append(
                    (Self.panels(group: number, nodes: nodes, programs: panelPrograms, in: document), nodes[0].node.id))
            }
            changes.removals += nodes.map(\.node.id)
        }
        let securityNotes = SitePage.quotesAboutCredentials(document)
        calloutTitles = quotes.map { securityNotes.contains($0) ? "Security" : "Note" }
    }

    /// The text's HTML, its headings given anchors from `anchors` in document order.
    func html(anchors: inout HeadingAnchors) -> String {
        var headingAnchors: [String] = []
        var written: [String] = []
        for event in events {
            switch event {
            case .heading(let heading):
                let id = Markup.escape(anchors.anchor(for: document.plainText(of: heading)))
                headingAnchors.append(
                    "<a class=\"anchor\" id=\"\(id)\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>")
            case .part(let index):
                switch parts[index] {
                case .tabSet(let set): written.append(set.html(anchors: &anchors))
                case .quote(let content): written.append(content.html(anchors: &anchors))
                }
            }
        }
        return SitePage.decorate(
            document.html(rewriting: changes), headingAnchors: headingAnchors, calloutTitles: calloutTitles,
            parts: written)
    }

    /// What stands for a part (a tab set, a quote's content) in cmark-gfm's HTML until
    /// `SitePage.decorate` writes the part there: `<!-- part N -->`. The guide cannot write it:
    /// its raw HTML is omitted, its text escaped.
    static let partComment = "<!-- part "

    /// The number after `partComment` at `offset` and where its ` -->` ends.
    static func part(in bytes: [UInt8], at offset: Int) -> (number: Int, end: Int)? {
        var index = offset
        var number = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), number < 1 << 40 {
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        let end = Array(" -->".utf8)
        guard index > offset, index + end.count <= bytes.count, bytes[index..<(index + end.count)].elementsEqual(end)
        else { return nil }
        return (number, index + end.count)
    }

    /// A group's samples, one panel per language in guide order, each with its label and, when
    /// gen linked it, its complete program (`programs`, by the block's node).
    private static func panels(
        group: Int, nodes: [(node: MarkdownNode, member: SampleGroupIndex.Member)],
        programs: [MarkdownNode.ID: String], in document: MarkdownDocument
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
            html += "<pre><code class=\"language-\(language.fenceTag)\">\(Markup.escape(code))</code></pre>\n"
            html += (programs[node.id] ?? "") + "</div>\n"
        }
        return html + "</div>"
    }
}

/// A tab set on the site: the same panels as a group of labels, which site.js turns into the same
/// tabs. A code tab is a sample (Copy button, highlighting); any other tab (an "Output" with
/// text, a note) is a panel of its own content (`sample-text`), with no Copy button.
struct SiteTabSet {
    let number: Int
    /// Each tab, its key, its content read as a text (a tab of text) and its complete program's
    /// HTML (a code tab under which gen linked it).
    private let tabs: [(tab: PublishedTab, key: String, text: SiteText?, program: String?)]

    /// nil for a set with no tab to show.
    init?(_ published: [PublishedTab], programs: LinkedPrograms, numbering: inout SetNumbering) {
        guard !published.isEmpty else { return nil }
        // A tab's key (its `data-lang`, what choosing it selects in every set) is its language,
        // else its title as a slug; unique in the set, and never another's `<key>-tab`.
        var used: Set<String> = []
        let keys = published.map { tab in
            let base = tab.language?.rawValue ?? HeadingAnchors.slug(tab.title)
            var key = base
            var suffix = 2
            while used.contains(key) || used.contains(key + "-tab") {
                key = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(key)
            used.insert(key + "-tab")
            return key
        }
        number = numbering.next(keys: keys)
        var tabs: [(tab: PublishedTab, key: String, text: SiteText?, program: String?)] = []
        for (tab, key) in zip(published, keys) {
            var text: SiteText?
            var program: String?
            switch tab.content {
            case .text(let tabbed):
                text = SiteText(tabbed, index: nil, programs: programs, numbering: &numbering)
            case .code(_, _, let sample?):
                program = programs.program(sample.snippet, in: sample.language).map {
                    SiteProgram.html(id: numbering.programID(for: sample), program: $0)
                }
            case .code:
                break
            }
            tabs.append((tab, key, text, program))
        }
        self.tabs = tabs
    }

    func html(anchors: inout HeadingAnchors) -> String {
        let hasCode = tabs.contains { tab in
            if case .code = tab.tab.content { true } else { false }
        }
        var html = "<div class=\"samples\" id=\"samples-\(number)\"\(hasCode ? "" : " data-tabs-label=\"Tabs\"")>\n"
        for (tab, key, text, program) in tabs {
            let title = Markup.escape(tab.title)
            let attributes =
                "data-lang=\"\(Markup.escape(key))\" data-label=\"\(title)\" id=\"\(Markup.escape("samples-\(number)-\(key)"))\""
            switch tab.content {
            case .code(let info, let code, _):
                let tag = InfoString(Array(info.utf8)).languageName.map {
                    Language(name: $0)?.fenceTag ?? String($0)
                }
                let codeClass = (tag ?? tab.language?.fenceTag).map { " class=\"language-\(Markup.escape($0))\"" } ?? ""
                html += "<div class=\"sample\" \(attributes)>\n<p class=\"sample-label\">\(title)</p>\n"
                html += "<pre><code\(codeClass)>\(Markup.escape(code))</code></pre>\n\(program ?? "")</div>\n"
            case .text:
                html += "<div class=\"sample sample-text\" \(attributes)>\n<p class=\"sample-label\">\(title)</p>\n"
                html += (text?.html(anchors: &anchors) ?? "") + "</div>\n"
            }
        }
        return html + "</div>"
    }
}

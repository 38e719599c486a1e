import Foundation
import GuidePublishing
import TestSupport
import Testing

/// The published pages (issue 10, items 15–17 and the label rule): no script-running address,
/// linear in nesting, unique ids, and the site and Confluence showing the same sections.
@Suite struct PublishingHardeningTests {
    static func site(_ text: String) throws -> String {
        try SitePage(linksHighlighter: false).render(Array(text.utf8))
    }

    static func confluence(_ text: String) throws -> String {
        try ConfluencePage().render(Array(text.utf8))
    }

    /// Markdown links whose address runs script or smuggles a document, in the spellings that
    /// get past a naive check.
    static let dangerousLinks = [
        "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](JAVASCRIPT:alert(1))",
        "[x](<javascript:alert(1)>)", "<javascript:alert(1)>", "<JaVaScRiPt:alert(1)>",
        "[x](&#106;avascript:alert(1))", "[x](&#x6A;avascript&#x3A;alert(1))", "[x](java&#9;script:alert(1))",
        "[x](java&#x0A;script:alert(1))", "[x](&#32;javascript:alert(1))", "[x](&#x01;javascript:alert(1))",
        "[x](<java\tscript:alert(1)>)", "[x](vbscript:msgbox(1))", "<vbscript:msgbox(1)>", "[x](VBScript:msgbox(1))",
        "[x](data:text/html,<script>alert(1)</script>)", "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "[x](DATA:text/html,x)", "[x](data:image/svg+xml,<svg/onload=alert(1)>)", "[x](file:///etc/passwd)",
        "[x][r]\n\n[r]: javascript:alert(1)", "![i](javascript:alert(1))", "![i](data:text/html,x)",
    ]

    /// Every address the page carries: href, src and Confluence's ri:value.
    static func addresses(_ output: String) -> [String] {
        output.matches(of: /(?:href|src|ri:value)="([^"]*)"/).map { String($0.output.1) }
    }

    @Test(arguments: dangerousLinks)
    func noPageCarriesAScriptAddress(_ link: String) throws {
        let guide = "# T\n\nSee \(link) here.\n"
        for output in [try Self.site(guide), try Self.confluence(guide)] {
            for address in Self.addresses(output)
            where !address.hasPrefix("assets/") && !address.hasPrefix("#") && address != "data:," {
                let seen = address.lowercased().unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined()
                    .replacing("%09", with: "").replacing("%0a", with: "").replacing("&#", with: "")
                #expect(seen.isEmpty, "\(link) → an address \(address.debugDescription) is left")
            }
        }
    }

    @Test(arguments: [
        "[x](https://example.com/a?b=c)", "[x](/relative/path)", "[x](#anchor)", "[x](mailto:a@example.com)",
        "<https://example.com>", "www.example.com", "[x](javascript-guide.html)", "[x](./javascript:x)",
    ])
    func ordinaryLinksAreKept(_ link: String) throws {
        let guide = "# T\n\nSee \(link) here.\n"
        #expect(!(try Self.site(guide).contains("href=\"\"")), "only refused links have an empty href")
        #expect(!(try Self.confluence(guide).contains("href=\"\"")))
    }

    @Test func anImageMayBeADataImage() throws {
        let guide = "![dot](data:image/png;base64,iVBORw0KGgo=)\n"
        #expect(try Self.site(guide).contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
        #expect(try Self.confluence(guide).contains("ri:value=\"data:image/png;base64,iVBORw0KGgo=\""))
    }

    // MARK: Unique ids (item 17)

    static func ids(_ html: String) -> [String] {
        html.matches(of: /id="([^"]*)"/).map { String($0.output.1) }
    }

    @Test(arguments: [
        ["Setup", "Setup", "Setup 1"],
        ["Setup 1", "Setup", "Setup"],
        ["A", "A", "A-1", "A 1", "a_1", "A"],
        ["Samples 1", "Samples 1 Python", "Samples 1 Python Tab", "Samples 2"],
        ["x", "x-2", "x", "x", "x"],
        ["!!!", "???", "Section", "section 1"],
    ])
    func everyIdOnThePageIsUnique(_ headings: [String]) throws {
        var guide = ""
        for heading in headings {
            guide += "## \(heading)\n\nPython code:\n\n```python gen=token-request\nprint(1)\n```\n\n"
        }
        let html = try Self.site(guide)
        let ids = Self.ids(html)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        // Tabs are given `<panel id>-tab` by site.js; no heading may take one either.
        let panels = ids.filter { $0.hasPrefix("samples-") && $0.split(separator: "-").count == 3 }
        for panel in panels { #expect(!ids.contains(panel + "-tab")) }
    }

    @Test func repeatedHeadingsNumberedPastTakenIds() throws {
        let html = try Self.site("## Setup\n\n## Setup\n\n## Setup 1\n")
        #expect(Self.ids(html) == ["setup", "setup-1", "setup-1-1"])
    }

    // MARK: Deep nesting (item 16)

    @Test func deeplyNestedQuotesRenderInLinearTime() throws {
        // 20,000 levels took 18.7 s when each quote re-read its whole inside and each callout was
        // a node cmark-gfm checked against every ancestor; linear now. Four times the depth takes
        // less than eight times as long (quadratic would be sixteen), on the thread's CPU clock.
        // The 20,000 and 100,000 timings are the benchmark site/nested quotes/<N>.
        func guide(_ depth: Int) -> String { String(repeating: ">", count: depth) + " the client secret\n" }
        let (small, large) = (guide(5_000), guide(20_000))
        let site = try Linearity.ratio({ _ = try Self.site(small) }, to: { _ = try Self.site(large) })
        #expect(site < 8, "4× the depth took \(site)× as long")
        let page = try Self.site(large)
        #expect(page.components(separatedBy: "<p class=\"callout-title\">Security</p>").count == 20_000 + 1)
        let confluence = try Linearity.ratio({ _ = try Self.confluence(small) }, to: { _ = try Self.confluence(large) })
        #expect(confluence < 8, "4× the depth took \(confluence)× as long in Confluence")
    }

    @Test func headingsDeepInQuotesGetUniqueIdsQuickly() throws {
        // n headings at depths 1…n: the guide grows as n², so twice the headings is four times
        // the text, and must take less than eight times as long.
        func guide(_ count: Int) -> String {
            (1...count).map { String(repeating: ">", count: $0) + " # Setup\n" }.joined()
        }
        let (small, large) = (guide(500), guide(1_000))
        let ratio = try Linearity.ratio({ _ = try Self.site(small) }, to: { _ = try Self.site(large) })
        #expect(ratio < 8, "twice the headings (four times the text) took \(ratio)× as long")
        let ids = Self.ids(try Self.site(large))
        #expect(ids.count == 1_000 && Set(ids).count == 1_000)
    }

    // MARK: The fence's language, however the info string is written

    /// The language word is read as gen reads it: the first word, or the first `.class` of an
    /// attribute list (`{.python .numberLines}`), never the list's opening brace.
    @Test(arguments: [
        "```python title=\"a.py\"\nprint(1)\n```\n", "```{.python .numberLines}\nprint(1)\n```\n",
        "```{.py linenums=\"1\"}\nprint(1)\n```\n",
    ])
    func aFenceLanguageIsReadAsGenReadsIt(_ guide: String) throws {
        let confluence = try Self.confluence(guide)
        #expect(confluence.contains("<ac:parameter ac:name=\"language\">python</ac:parameter>"), "\(confluence)")
        #expect(!confluence.contains("{"), "\(confluence)")
    }

    // MARK: Labels without a sample (the site and Confluence agree)

    @Test(arguments: [
        "## G\n\nPython code:\n\n```python gen=token-request\nprint(1)\n```\n\nCobol code:\n\nJavascript code:\n\nAfter.\n",
        "## G\n\nJavascript code:\n\nAfter.\n",
        "## G\n\n> Python code:\n>\n> ```python gen=token-request\n> print(1)\n> ```\n>\n> PHP code:\n",
    ])
    func aLabelWithoutASampleIsLeftOutOfBothPages(_ guide: String) throws {
        let site = try Self.site(guide)
        let confluence = try Self.confluence(guide)
        #expect(!site.contains("Javascript code:") && !confluence.contains("Javascript code:"))
        #expect(!site.contains("PHP code:") && !confluence.contains("PHP code:"))
        #expect(site.contains("After.") == confluence.contains("After."))
        #expect(site.contains("print(1)") == confluence.contains("print(1)"))
        #expect(!site.contains("<div class=\"samples\" id=\"samples-1\">\n</div>"), "no empty tab set")
    }
}

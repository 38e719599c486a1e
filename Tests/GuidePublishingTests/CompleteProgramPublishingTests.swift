import Foundation
import GuidePublishing
import SampleModel
import Testing

/// The complete program under each concise sample on the published pages (issue 19): on the site a
/// closed `<details>` with the program as escaped code, an id, and a download link into the site's
/// own `programs/` folder; in Confluence an `expand` macro after the sample's code macro. gen's
/// link line itself shows on neither, and only gen's line — one line right under a block gen
/// wrote — is read as one; its address is never a path anything is written to or read from.
@Suite struct CompleteProgramPublishingTests {
    /// Programs with text that must be escaped, on the site and in Confluence.
    static let requestProgram =
        "#!/usr/bin/env python3\nprint(\"</code></pre></details><script>alert(1)</script> & ]]> done\")\n"
    static let managerProgram = "class TokenManager:\n    pass  # a < b && c > d\n"
    static let phpProgram = "<?php\necho \"<b>&amp;</b>\";\n"
    static let programs = LinkedPrograms([
        .python: [
            "token_request.py": requestProgram, "token_manager.py": managerProgram, "README.md": "# Python samples\n",
        ],
        .php: ["token_request.php": phpProgram, "README.md": "# PHP samples\n"],
    ])

    static func link(_ file: String, _ path: String) -> String {
        "Complete program, with retries and outage handling: [`\(file)`](\(path))"
    }

    static let labels = """
        # Guide

        ## Get a token

        Python code:

        ```python gen=token-request digest=0
        print("concise")
        ```

        \(link("token_request.py", "samples/python/token_request.py"))

        PHP code:

        ```php gen=token-request digest=0
        <?php echo "concise";
        ```

        \(link("token_request.php", "samples/php/token_request.php"))

        ## Keep it fresh

        Python code:

        ```python gen=token-refresh digest=0
        manager = TokenManager()
        ```

        \(link("token_manager.py", "samples/python/token_manager.py"))

        """

    static let mkdocs = """
        # Guide

        ## Get a token

        === "Python"

            ```python gen=token-request digest=0
            print("concise")
            ```

            \(link("token_request.py", "samples/python/token_request.py"))

        === "PHP"

            ```php gen=token-request digest=0
            <?php echo "concise";
            ```

            \(link("token_request.php", "samples/php/token_request.php"))

        """

    static let myst = """
        # Guide

        ## Get a token

        ::::{tab-set}
        :::{tab-item} Python
        :sync: python
        ```python gen=token-request digest=0
        print("concise")
        ```

        \(link("token_request.py", "samples/python/token_request.py"))
        :::
        :::{tab-item} PHP
        :sync: php
        ```php gen=token-request digest=0
        <?php echo "concise";
        ```

        \(link("token_request.php", "samples/php/token_request.php"))
        :::
        ::::

        """

    static func site(_ guide: String, programs: LinkedPrograms = programs) throws -> String {
        try SitePage(linksHighlighter: false, programs: programs).render(Array(guide.utf8))
    }

    static func confluence(_ guide: String, programs: LinkedPrograms = programs) throws -> String {
        try ConfluencePage(programs: programs).render(Array(guide.utf8))
    }

    /// One complete program on the site, read from the page as XML.
    struct SiteProgram: Equatable {
        let id: String
        /// The `data-lang` of the panel it sits in; nil outside a set of panels.
        let panel: String?
        let summary: String
        let href: String
        let download: String
        let codeClass: String
        let code: String
    }

    static func sitePrograms(_ html: String) throws -> [SiteProgram] {
        // The page's root is kept for the whole read: an element holds its parent weakly.
        let page = try PageElement.parseSiteBody(html)
        return withExtendedLifetime(page) {
            page.all("details").map { details in
                let body = details.children.first { $0.attributes["class"] == "complete-program-body" }
                let link = body?.all("a").first
                let code = body?.children.first { $0.name == "pre" }?.children.first
                var panel = details.parent
                while let element = panel, element.attributes["class"]?.hasPrefix("sample") != true {
                    panel = element.parent
                }
                return SiteProgram(
                    id: details.attributes["id"] ?? "", panel: panel?.attributes["data-lang"],
                    summary: details.children.first { $0.name == "summary" }?.allText ?? "",
                    href: link?.attributes["href"] ?? "", download: link?.attributes["download"] ?? "",
                    codeClass: code?.attributes["class"] ?? "", code: code?.allText ?? "")
            }
        }
    }

    static func dropLastLineBreak(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static let expectedPrograms = [
        SiteProgram(
            id: "complete-python-token-request", panel: "python",
            summary: "Complete program, with retries and outage handling", href: "programs/python/token_request.py",
            download: "token_request.py", codeClass: "language-python", code: dropLastLineBreak(requestProgram)),
        SiteProgram(
            id: "complete-php-token-request", panel: "php",
            summary: "Complete program, with retries and outage handling",
            href: "programs/php/token_request.php", download: "token_request.php", codeClass: "language-php",
            code: dropLastLineBreak(phpProgram)),
    ]

    // MARK: The site

    @Test func aLabelledSampleShowsItsCompleteProgramInItsPanel() throws {
        let html = try Self.site(Self.labels)
        let programs = try Self.sitePrograms(html)
        try #require(programs.count == 3)
        #expect(Array(programs.prefix(2)) == Self.expectedPrograms)
        #expect(
            programs[2].id == "complete-python-token-refresh" && programs[2].href == "programs/python/token_manager.py")
        #expect(programs[2].code == Self.dropLastLineBreak(Self.managerProgram))
        // The program comes after the concise code in the same panel; the program's text is code, escaped.
        let panel = try #require(html.range(of: "id=\"samples-1-python\""))
        let concise = try #require(
            html.range(of: "print(&quot;concise&quot;)", range: panel.upperBound..<html.endIndex))
        let details = try #require(html.range(of: "<details", range: concise.upperBound..<html.endIndex))
        #expect(!html[concise.upperBound..<details.lowerBound].contains("</div>"), "the details sit in the panel")
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
        #expect(html.contains("&lt;/code&gt;&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;"))
        #expect(!html.contains("samples/python") && !html.contains("samples/php"), "the guide's link is gone")
        #expect(!html.contains("Complete program, with retries and outage handling:"), "so is its line")
    }

    @Test(arguments: [("mkdocs", mkdocs), ("myst", myst)])
    func aTabShowsItsCompleteProgramUnderItsSample(_ form: String, _ guide: String) throws {
        let html = try Self.site(guide)
        #expect(try Self.sitePrograms(html) == Self.expectedPrograms, "\(form)")
        let sets = try TabSetPublishingTests.sets(html)
        #expect(sets.map { $0.map(\.key) } == [["python", "php"]], "\(form): both tabs are samples")
        #expect(sets.first?.map(\.code) == ["print(\"concise\")", "<?php echo \"concise\";"], "\(form)")
        #expect(!html.contains("sample-text"), "\(form): no tab is a tab of text for its link line")
        #expect(!html.contains("samples/python") && !html.contains("retries and outage handling:"), "\(form)")
    }

    @Test func aTabWithTheWritersTextKeepsItAndShowsTheProgramUnderTheSample() throws {
        let guide = """
            === "Python"

                Run it with Python 3.10 or later:

                ```python gen=token-request digest=0
                print("concise")
                ```

                \(Self.link("token_request.py", "samples/python/token_request.py"))

                Then read on.

            """
        let html = try Self.site(guide)
        #expect(try Self.sitePrograms(html).map(\.id) == ["complete-python-token-request"])
        #expect(html.contains("Run it with Python 3.10 or later:") && html.contains("Then read on."))
        let concise = try #require(html.range(of: "print(&quot;concise&quot;)"))
        let details = try #require(html.range(of: "<details"))
        let after = try #require(html.range(of: "Then read on."))
        #expect(concise.upperBound < details.lowerBound && details.upperBound < after.lowerBound)
        #expect(!html.contains("samples/python"))
        let xml = try Self.confluence(guide)
        #expect(try Self.expands(xml).map(\.code) == [Self.dropLastLineBreak(Self.requestProgram)])
        #expect(xml.contains("Then read on.") && !xml.contains("samples/python"))
    }

    @Test(arguments: [labels, mkdocs, myst])
    func withoutALinkLineNothingIsAdded(_ linked: String) throws {
        // gen.yml's complete_program: none, or form: complete: the blocks carry no link line.
        let guide = linked.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("Complete program") }.joined(separator: "\n")
        let html = try Self.site(guide)
        #expect(!html.contains("<details") && !html.contains("programs/"))
        #expect(try TabSetPublishingTests.sets(html).allSatisfy { $0.allSatisfy { $0.code != nil } })
        let xml = try Self.confluence(guide)
        #expect(!xml.contains("expand") && !xml.contains("Complete program"))
    }

    /// A paragraph that starts as gen's line does, but is not right under a block gen wrote, is
    /// the writer's: it stays on both pages as written, and nothing is added.
    @Test(arguments: [
        // After a heading, after prose.
        "## Complete\n\nComplete program, with retries and outage handling: [`x.py`](x.py)\n",
        // After a code block the writer wrote (no gen=).
        "Python code:\n\n```python\nprint(1)\n```\n\nComplete program, with retries and outage handling: [`x.py`](x.py)\n",
        // After a gen block, but with the writer's paragraph between.
        "```python gen=token-request digest=0\nprint(1)\n```\n\nSee below.\n\nComplete program, with retries and outage handling: [`x.py`](x.py)\n",
        // Right after a gen block, but over two lines: not gen's one line.
        "```python gen=token-request digest=0\nprint(1)\n```\n\nComplete program, with retries\nand outage handling: [`x.py`](x.py)\n",
        // Right after a gen block, but inside a list item below it.
        "```python gen=token-request digest=0\nprint(1)\n```\n\n- Complete program, with retries and outage handling: [`x.py`](x.py)\n",
        // In a tab, after the writer's text rather than the block.
        "=== \"Python\"\n\n    ```python gen=token-request digest=0\n    print(1)\n    ```\n\n    Note.\n\n    Complete program, with retries and outage handling: [`x.py`](x.py)\n",
        // A writer's "Complete program" heading and quote right after a gen block.
        "```python gen=token-request digest=0\nprint(1)\n```\n\n## Complete program, with retries\n",
        "```python gen=token-request digest=0\nprint(1)\n```\n\n> Complete program, with retries and outage handling: [`x.py`](x.py)\n",
    ])
    func aWritersParagraphThatOnlyStartsLikeTheLinkStays(_ guide: String) throws {
        let html = try Self.site(guide)
        #expect(!html.contains("<details"), "\(guide.debugDescription)")
        #expect(html.contains("Complete program, with retries"), "\(guide.debugDescription)")
        let xml = try Self.confluence(guide)
        #expect(!xml.contains("expand"), "\(guide.debugDescription)")
        #expect(xml.contains("Complete program, with retries"), "\(guide.debugDescription)")
        _ = try PageElement.parse(xml)
    }

    /// The download link and the files `gen site` writes come from the language and the file name
    /// its descriptor gives the snippet, whatever the guide's line says.
    @Test(arguments: [
        "../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/etc/passwd",
        "samples/../../../../tmp/x.py", "https://evil.example/x.py", "javascript:alert(1)", "..%2f..%2fx",
        "samples/python/..%252f..%252fx",
    ])
    func aLinkLinesAddressIsNeverAPathOfThePage(_ path: String) throws {
        let guide = """
            Python code:

            ```python gen=token-request digest=0
            print("concise")
            ```

            \(Self.link("../../\(path)", path))

            """
        let html = try Self.site(guide)
        let programs = try Self.sitePrograms(html)
        #expect(programs.map(\.href) == ["programs/python/token_request.py"], "\(path)")
        #expect(programs.map(\.download) == ["token_request.py"])
        for address in PublishingHardeningTests.addresses(html) where !address.hasPrefix("assets/") {
            #expect(address == "data:," || address == "programs/python/token_request.py", "\(path) → \(address)")
        }
        #expect(!html.contains("passwd") && !html.contains("evil") && !html.contains("%2"), "\(path)")
        let xml = try Self.confluence(guide)
        #expect(!xml.contains("passwd") && !xml.contains("evil") && !xml.contains("href"), "\(path)")
        // What gen site writes does not depend on the guide at all.
        #expect(Self.programs.siteFiles.keys.sorted() == Self.siteFileNames)
    }

    static let siteFileNames = [
        "php/README.md", "php/token_request.php", "python/README.md", "python/token_manager.py",
        "python/token_request.py",
    ]

    @Test func theSitesProgramFilesAreOnlyPlainNamesInTheirLanguagesFolder() throws {
        #expect(Self.programs.siteFiles.keys.sorted() == Self.siteFileNames)
        #expect(Self.programs.siteFiles["python/token_request.py"] == Self.requestProgram)
        let hostile = LinkedPrograms([
            .python: [
                "../escape.py": "x", "a/b.py": "x", "..": "x", ".": "x", "": "x", "/etc/passwd": "x", "a\\b": "x",
                "nul\0.py": "x", "token_request.py": "ok",
            ]
        ])
        #expect(hostile.siteFiles == ["python/token_request.py": "ok"])
        #expect(LinkedPrograms.none.siteFiles.isEmpty)
    }

    @Test func aProgramTheRunDoesNotHaveLeavesOnlyTheSample() throws {
        // No programs at all, and programs without the sample's language or file.
        let partial = LinkedPrograms([.python: ["README.md": "# Python\n"], .ruby: ["token_request.rb": "x\n"]])
        for programs in [LinkedPrograms.none, partial] {
            for guide in [Self.labels, Self.mkdocs, Self.myst] {
                let html = try Self.site(guide, programs: programs)
                #expect(!html.contains("<details") && !html.contains("Complete program"))
                #expect(html.contains("print(&quot;concise&quot;)"))
                #expect(try TabSetPublishingTests.sets(html).allSatisfy { $0.allSatisfy { $0.code != nil } })
                let xml = try Self.confluence(guide, programs: programs)
                #expect(!xml.contains("expand") && !xml.contains("Complete program") && xml.contains("concise"))
            }
        }
    }

    @Test func everyProgramsIdIsUniqueOnThePage() throws {
        // The same snippet twice, and headings that slug to a program's id.
        let guide =
            "# Complete python token request\n\n" + Self.labels + "\n## Again\n\n" + Self.labels
            + "\n## Complete python token request 2\n\n## complete-php-token-request\n"
        let html = try Self.site(guide)
        let programs = try Self.sitePrograms(html)
        #expect(
            programs.map(\.id) == [
                "complete-python-token-request", "complete-php-token-request", "complete-python-token-refresh",
                "complete-python-token-request-2", "complete-php-token-request-2", "complete-python-token-refresh-2",
            ])
        let ids = PublishingHardeningTests.ids(html)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
    }

    // MARK: Confluence

    /// Each `expand` macro: its title, and the code macro inside.
    static func expands(_ xml: String) throws -> [(title: String?, codeTitle: String?, language: String?, code: String)]
    {
        try PageElement.parse(xml).all("ac:structured-macro").filter { $0.attributes["ac:name"] == "expand" }.map {
            expand in
            let code = expand.all("ac:structured-macro").first { $0.attributes["ac:name"] == "code" }
            return (
                expand.parameter("title"), code?.parameter("title"), code?.parameter("language"),
                code?.all("ac:plain-text-body").first?.allText ?? ""
            )
        }
    }

    @Test(arguments: [("labels", labels), ("mkdocs", mkdocs), ("myst", myst)])
    func confluenceExpandsTheCompleteProgramAfterTheConciseCode(_ form: String, _ guide: String) throws {
        let xml = try Self.confluence(guide)
        let page = try PageElement.parse(xml)
        // In document order: the concise code macro, then the expand holding the complete one.
        let macros = page.all("ac:structured-macro").map { macro in
            (macro.attributes["ac:name"] ?? "", macro.children.first { $0.name == "ac:plain-text-body" }?.allText)
        }
        let python = Self.dropLastLineBreak(Self.requestProgram)
        let php = Self.dropLastLineBreak(Self.phpProgram)
        let expected: [(String, String?)] = [
            ("code", "print(\"concise\")"), ("expand", nil), ("code", python),
            ("code", "<?php echo \"concise\";"), ("expand", nil), ("code", php),
        ]
        #expect(macros.prefix(6).map(\.0) == expected.map(\.0), "\(form)")
        #expect(macros.prefix(6).map(\.1) == expected.map(\.1), "\(form)")
        let expands = try Self.expands(xml)
        #expect(expands.map(\.title).allSatisfy { $0 == "Complete program" }, "\(form)")
        #expect(expands.prefix(2).map(\.codeTitle) == ["token_request.py", "token_request.php"], "\(form)")
        #expect(expands.prefix(2).map(\.language) == ["python", "php"], "\(form)")
        // The program holds "]]>": split across CDATA sections, read back whole.
        #expect(expands.first?.code == python)
        #expect(!xml.contains("retries and outage handling") && !xml.contains("samples/"), "\(form): no link line")
        // The expand is the concise macro's next sibling: nothing between them.
        let concise = try #require(xml.range(of: "print(\"concise\")]]></ac:plain-text-body></ac:structured-macro>\n"))
        #expect(xml[concise.upperBound...].hasPrefix("<ac:structured-macro ac:name=\"expand\">"), "\(form)")
    }

    @Test func theSiteAndConfluenceShowTheSamePrograms() throws {
        for guide in [Self.labels, Self.mkdocs, Self.myst] {
            let site = try Self.sitePrograms(try Self.site(guide)).map(\.code)
            let confluence = try Self.expands(try Self.confluence(guide)).map(\.code)
            #expect(site == confluence)
        }
    }
}

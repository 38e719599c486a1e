import Foundation
import GuidePublishing
import SampleModel
import TestSupport
import Testing

/// Guides written in MkDocs content tabs or MyST tab sets, published (issue 18, item 10): every tab
/// set is a set of tabs on the site (each code tab a sample whose text is exactly the code, each
/// other tab a panel of its content) and in Confluence a run of titled macros — never the markup's
/// text, and never a fence line inside the code.
@Suite struct TabSetPublishingTests {
    static func site(_ text: String) throws -> String {
        try SitePage(linksHighlighter: false).render(Array(text.utf8))
    }

    static func confluence(_ text: String) throws -> String {
        try ConfluencePage().render(Array(text.utf8))
    }

    /// One panel of a set on the site.
    struct Panel: Equatable, CustomStringConvertible {
        let key: String
        let label: String
        /// The code of a sample; nil for a panel of text.
        let code: String?
        let text: String

        var description: String { "\(key)[\(label)]" + (code == nil ? " text: \(text)" : " code: \(code!)") }
    }

    /// The page's sets of panels in document order, read from the page as XML.
    static func sets(_ html: String) throws -> [[Panel]] {
        let body = try PageElement.parseSiteBody(html)
        return body.all("div").filter { $0.attributes["class"] == "samples" }.map { set in
            set.children.filter { $0.attributes["class"]?.hasPrefix("sample") == true }.map { panel in
                let isText = panel.attributes["class"] == "sample sample-text"
                let code = isText ? nil : panel.children.first { $0.name == "pre" }?.children.first?.allText
                return Panel(
                    key: panel.attributes["data-lang"] ?? "", label: panel.attributes["data-label"] ?? "", code: code,
                    text: panel.allText)
            }
        }
    }

    /// Confluence's code macros: title, language, code.
    static func codeMacros(_ xml: String) throws -> [(title: String?, language: String?, code: String)] {
        try PageElement.parse(xml).all("ac:structured-macro").filter { $0.attributes["ac:name"] == "code" }.map {
            macro in
            (
                macro.parameter("title"), macro.parameter("language"),
                macro.children.first { $0.name == "ac:plain-text-body" }?.allText ?? ""
            )
        }
    }

    /// The concise form's golden file: what the pages show (the complete program is one click away).
    static func golden(_ language: Language, _ snippet: String) throws -> String {
        let path = RepositoryPaths.path(
            "Tests/GuideFillingTests/Golden/\(language.rawValue)/\(snippet).concise.\(language.fileExtension)")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    // MARK: The docs-site guides

    /// Each tab's title and snippet, read from the guide's text with a pattern (not by gen).
    static func tabs(of guide: String) -> [(title: String, snippet: String)] {
        var tabs: [(title: String, snippet: String)] = []
        var title: String?
        for line in guide.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = line.wholeMatch(of: /=== "(.+)"|:::\{tab-item\} (.+)/) {
                title = String(match.output.1 ?? match.output.2!)
            } else if let current = title, let match = line.firstMatch(of: /^\s*```+\w+ gen=([a-z-]+)/) {
                tabs.append((current, String(match.output.1)))
                title = nil
            }
        }
        return tabs
    }

    @Test(arguments: ["docs-site/mkdocs/docs/index.md", "docs-site/sphinx/index.md"])
    func theDocsPlatformGuidesShowEachTabAsASampleOfExactlyItsCode(_ path: String) throws {
        let guide = try String(contentsOfFile: RepositoryPaths.path(path), encoding: .utf8)
        let expected = Self.tabs(of: guide)
        try #require(expected.count == 15, "the guide has 15 samples: \(expected.map(\.title))")

        let html = try Self.site(guide)
        let sets = try Self.sets(html)
        #expect(sets.map(\.count) == [8, 7])
        let panels = sets.flatMap { $0 }
        #expect(panels.map(\.label) == expected.map(\.title))
        for (panel, tab) in zip(panels, expected) {
            let language = try #require(Language(name: tab.title))
            #expect(panel.key == language.rawValue)
            #expect(panel.code == (try Self.golden(language, tab.snippet)), "\(tab.title) \(tab.snippet)")
        }
        // The page outside its code (JavaScript's `===` is code).
        let prose = html.replacing(/<pre>[\s\S]*?<\/pre>/, with: "")
        for markup in ["```", "===", "{tab-item}", "{tab-set}", ":sync:", "digest="] {
            #expect(!prose.contains(markup), "the page shows \(markup)")
        }

        let xml = try Self.confluence(guide)
        let macros = try Self.codeMacros(xml)
        #expect(macros.map(\.title) == expected.map(\.title))
        for (macro, tab) in zip(macros, expected) {
            let language = try #require(Language(name: tab.title))
            #expect(macro.language == language.confluenceLanguage)
            #expect(macro.code == (try Self.golden(language, tab.snippet)), "\(tab.title) \(tab.snippet)")
        }
        let text = xml.replacing(/<!\[CDATA\[[\s\S]*?\]\]>/, with: "")
        for markup in ["```", "===", "{tab-item}", "{tab-set}", ":sync:"] {
            #expect(!text.contains(markup), "Confluence shows \(markup)")
        }
    }

    @Test func theSameGuideInEitherTabFormPublishesTheSamePages() throws {
        let mkdocs = try String(contentsOfFile: RepositoryPaths.path("docs-site/mkdocs/docs/index.md"), encoding: .utf8)
        let sphinx = try String(contentsOfFile: RepositoryPaths.path("docs-site/sphinx/index.md"), encoding: .utf8)
        #expect(try Self.site(mkdocs) == Self.site(sphinx))
        #expect(try Self.confluence(mkdocs) == Self.confluence(sphinx))
    }

    // MARK: What a tab may hold

    static let withOutput = """
        ## Get a token

        === "Python"

            ```python gen=token-request
            print("a & b")
            ```

        === "Output"

            The script prints the token's type:

            ```text
            Got a Bearer token
            ```

            > Never print the client secret.

        ::::{tab-set}
        :::{tab-item} Python
        :sync: python

        ```python
        print(2)
        ```
        :::
        :::{tab-item} Output
        Prints **2**.

        > The client secret stays in the environment.
        :::
        ::::

        """

    @Test func aTabOfTextKeepsItsTextAndNoteOnBothPages() throws {
        let html = try Self.site(Self.withOutput)
        let sets = try Self.sets(html)
        try #require(sets.count == 2)
        #expect(sets[0].map(\.key) == ["python", "output"])
        #expect(sets[0][0].code == "print(\"a & b\")")
        #expect(sets[0][1].code == nil)
        #expect(sets[0][1].text.contains("The script prints the token's type:"))
        #expect(sets[0][1].text.contains("Got a Bearer token"))
        #expect(sets[0][1].text.contains("Never print the client secret."))
        #expect(sets[1].map(\.key) == ["python", "output"])
        #expect(sets[1][0].code == "print(2)")
        #expect(sets[1][1].text.contains("Prints 2."))
        // The note is a callout inside the tab, as it would be outside.
        #expect(html.components(separatedBy: "<p class=\"callout-title\">Security</p>").count == 3)

        let page = try PageElement.parse(try Self.confluence(Self.withOutput))
        let macros = page.all("ac:structured-macro")
        let panels = macros.filter { $0.attributes["ac:name"] == "panel" }
        #expect(panels.map { $0.parameter("title") } == ["Output", "Output"])
        #expect(panels[0].allText.contains("The script prints the token's type:"))
        #expect(panels[0].all("ac:structured-macro").map { $0.attributes["ac:name"] } == ["code", "warning"])
        #expect(panels[1].all("strong").first?.allText == "2")
        #expect(panels[1].all("ac:structured-macro").map { $0.attributes["ac:name"] } == ["warning"])
        #expect(
            try Self.codeMacros(try Self.confluence(Self.withOutput)).map(\.code) == [
                "print(\"a & b\")", "Got a Bearer token", "print(2)",
            ])
    }

    @Test func aCommentBesideATabsBlockLeavesItACodeTab() throws {
        let guide =
            "=== \"Python\"\n\n    <!-- checked by CI -->\n    ```python\n    print(1)\n    ```\n\n    <!-- end -->\n"
        #expect(try Self.sets(try Self.site(guide)).first?.map(\.code) == ["print(1)"])
        let xml = try Self.confluence(guide)
        #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)"])
        #expect(!xml.contains("checked by CI") && !xml.contains("panel"))
    }

    @Test func aSetOfTextTabsOnlyIsTabsOfText() throws {
        let guide = "=== \"Linux\"\n\n    Run `make`.\n\n=== \"macOS\"\n\n    Run `xcodebuild`.\n"
        let html = try Self.site(guide)
        #expect(try Self.sets(html).map { $0.map(\.key) } == [["linux", "macos"]])
        #expect(html.contains("data-tabs-label=\"Tabs\""))
        #expect(!html.contains("<pre>"), "the tabs' text is not code")
        let xml = try Self.confluence(guide)
        #expect(xml.contains("<code>make</code>") && xml.contains("<code>xcodebuild</code>"))
        #expect(try PageElement.parse(xml).all("ac:structured-macro").count == 2)
    }

    @Test func aTabWithNothingToShowIsLeftOutAsAnEmptyLabelIs() throws {
        let guide = """
            === "Python"

                ```python gen=token-request
                print(1)
                ```

            === "Ruby"

                ```ruby
                ```

            === "Notes"

            After.

            """
        #expect(try Self.sets(try Self.site(guide)).map { $0.map(\.key) } == [["python"]])
        let xml = try Self.confluence(guide)
        #expect(try Self.codeMacros(xml).map(\.title) == ["Python"])
        #expect(!xml.contains("Ruby") && !xml.contains("Notes") && xml.contains("<p>After.</p>"))
        let empty = "=== \"Ruby\"\n\n    ```ruby\n    ```\n"
        #expect(try !Self.site(empty).contains("class=\"samples\""))
        #expect(try !Self.confluence(empty).contains("structured-macro"))
    }

    // MARK: Where a tab set may be

    @Test(arguments: [
        // MkDocs tabs inside list items, one level and two.
        "1. Step one\n\n    === \"Python\"\n\n        ```python\n        print(1)\n        ```\n\n    === \"PHP\"\n\n        ```php\n        <?php echo 1;\n        ```\n\n2. Step two\n",
        "- Step one\n\n    - b\n\n        === \"Python\"\n\n            ```python\n            print(1)\n            ```\n\n        === \"PHP\"\n\n            ```php\n            <?php echo 1;\n            ```\n\n- Step two\n",
        // A MyST tab set in a list item.
        "1. Step one\n\n   ::::{tab-set}\n   :::{tab-item} Python\n   ```python\n   print(1)\n   ```\n   :::\n   :::{tab-item} PHP\n   ```php\n   <?php echo 1;\n   ```\n   :::\n   ::::\n\n2. Step two\n",
        // Text right before and after, no blank line between.
        "Step one\n::::{tab-set}\n:::{tab-item} Python\n```python\nprint(1)\n```\n:::\n:::{tab-item} PHP\n```php\n<?php echo 1;\n```\n:::\n::::\nStep two\n",
        "Step one\n\n=== \"Python\"\n    ```python\n    print(1)\n    ```\n=== \"PHP\"\n    ```php\n    <?php echo 1;\n    ```\nStep two\n",
        // Content indented with tab characters (Python-Markdown counts one to the next multiple of four).
        "Step one\n\n=== \"Python\"\n\n\t```python\n\tprint(1)\n\t```\n\n=== \"PHP\"\n\n\t```php\n\t<?php echo 1;\n\t```\n\nStep two\n",
    ])
    func aTabSetInAListOrAmongParagraphsIsTabsAndTheTextAroundItStays(_ guide: String) throws {
        for text in [guide, guide.replacing("\n", with: "\r\n")] {
            let html = try Self.site(text)
            let sets = try Self.sets(html)
            #expect(sets.map { $0.map(\.key) } == [["python", "php"]], "\(text.debugDescription)")
            #expect(sets.first?.map(\.code) == ["print(1)", "<?php echo 1;"])
            #expect(html.contains("Step one") && html.contains("Step two"))
            for markup in ["```", "===", "tab-item", "tab-set", "\r"] { #expect(!html.contains(markup)) }

            let xml = try Self.confluence(text)
            #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)", "<?php echo 1;"])
            #expect(try Self.codeMacros(xml).map(\.language) == ["python", "php"])
            for markup in ["```", "===", "tab-item", "tab-set"] { #expect(!xml.contains(markup)) }
        }
    }

    @Test(arguments: [
        // MkDocs tabs in a quote, in a quote in a quote, in a quote in a list item.
        "> Pick one:\n>\n> === \"Python\"\n>\n>     ```python\n>     print(1)\n>     ```\n>\n> === \"PHP\"\n>\n>     ```php\n>     <?php echo 1;\n>     ```\n",
        "> > Pick one:\n> >\n> > === \"Python\"\n> >\n> >     ```python\n> >     print(1)\n> >     ```\n> >\n> > === \"PHP\"\n> >\n> >     ```php\n> >     <?php echo 1;\n> >     ```\n",
        "- Pick one:\n\n  > === \"Python\"\n  >\n  >     ```python\n  >     print(1)\n  >     ```\n  >\n  > === \"PHP\"\n  >\n  >     ```php\n  >     <?php echo 1;\n  >     ```\n",
        // A MyST tab set in a quote, markers written without a space.
        ">Pick one:\n>\n>::::{tab-set}\n>:::{tab-item} Python\n>```python\n>print(1)\n>```\n>:::\n>:::{tab-item} PHP\n>```php\n><?php echo 1;\n>```\n>:::\n>::::\n",
    ])
    func aTabSetInABlockQuoteIsTabsInsideTheQuote(_ guide: String) throws {
        for text in [guide, guide.replacing("\n", with: "\r\n")] {
            let html = try Self.site(text)
            let sets = try Self.sets(html)
            #expect(sets.map { $0.map(\.key) } == [["python", "php"]], "\(text.debugDescription)")
            #expect(sets.first?.map(\.code) == ["print(1)", "<?php echo 1;"])
            let body = try PageElement.parseSiteBody(html)
            let set = try #require(body.all("div").first { $0.attributes["class"] == "samples" })
            #expect(set.parent?.name == "blockquote", "the set stays in its quote")
            #expect(body.all("p").contains { $0.allText == "Pick one:" })
            for markup in ["```", "===", "tab-item", "tab-set"] { #expect(!html.contains(markup)) }

            let xml = try Self.confluence(text)
            let page = try PageElement.parse(xml)
            #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)", "<?php echo 1;"])
            let code = try #require(page.all("ac:structured-macro").first { $0.attributes["ac:name"] == "code" })
            #expect(code.parent?.name == "ac:rich-text-body", "the code sits in the quote's panel")
            for markup in ["```", "===", "tab-item", "tab-set"] { #expect(!xml.contains(markup)) }
        }
    }

    @Test func quotesWithoutTabsArePublishedAsBefore() throws {
        let guide = "> Keep the client secret safe.\n>\n> > a = 1\n>\n>     code\n"
        let html = try Self.site(guide)
        #expect(html.contains("<blockquote>\n<p>a = 1</p>\n</blockquote>"))
        #expect(html.contains("<pre><code>code\n</code></pre>"))
        #expect(html.components(separatedBy: "callout-title").count == 3)
    }

    /// The same two tabs (a Python sample, an "Output" tab of text) in each other platform's
    /// markup `gen` fills.
    static let otherForms: [(name: String, guide: String)] = [
        (
            "Docusaurus",
            "## A\n\n<Tabs>\n<TabItem value=\"python\" label=\"Python\">\n\n```python\nprint(1)\n```\n\n</TabItem>\n<TabItem value=\"output\" label=\"Output\">\n\nPrints **1**.\n\n</TabItem>\n</Tabs>\n\nAfter.\n"
        ),
        (
            "GitBook",
            "## A\n\n{% tabs %}\n{% tab title=\"Python\" %}\n```python\nprint(1)\n```\n{% endtab %}\n\n{% tab title=\"Output\" %}\nPrints **1**.\n{% endtab %}\n{% endtabs %}\n\nAfter.\n"
        ),
    ]

    @Test(arguments: otherForms)
    func everyTabFormGenFillsIsPublishedAsTabs(_ name: String, _ guide: String) throws {
        for text in [guide, guide.replacing("\n", with: "\r\n")] {
            let html = try Self.site(text)
            let sets = try Self.sets(html)
            #expect(sets.map { $0.map(\.key) } == [["python", "output"]], "\(name)")
            #expect(sets.first?.first?.code == "print(1)")
            #expect(sets.first?.last?.text.contains("Prints 1.") == true)
            #expect(html.contains("<p>After.</p>"))
            for markup in ["Tabs", "TabItem", "{%", "```"] { #expect(!html.contains(markup), "\(name): \(markup)") }

            let xml = try Self.confluence(text)
            #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)"])
            #expect(
                try PageElement.parse(xml).all("ac:structured-macro").map { $0.parameter("title") } == [
                    "Python", "Output",
                ])
            for markup in ["Tabs", "TabItem", "{%", "```"] { #expect(!xml.contains(markup), "\(name): \(markup)") }
        }
    }

    @Test(arguments: otherForms)
    func everyTabFormInABlockQuoteIsTabsInTheQuote(_ name: String, _ guide: String) throws {
        let quoted = guide.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
            .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        let body = try PageElement.parseSiteBody(try Self.site(quoted))
        let set = try #require(body.all("div").first { $0.attributes["class"] == "samples" }, "\(name)")
        #expect(set.parent?.name == "blockquote")
        #expect(try Self.sets(try Self.site(quoted)).map { $0.map(\.key) } == [["python", "output"]])
        #expect(try Self.codeMacros(try Self.confluence(quoted)).map(\.code) == ["print(1)"])
    }

    @Test(arguments: [
        "---\ntitle: Tokens\ntags:\n  - oauth\n- x\n# a comment\n\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from \"@theme/TabItem\"\n\n# T\n\nPython code:\n\n```python\nprint(1)\n```\n",
        "\u{FEFF}---\r\ntitle: Tokens\r\n...\r\n\r\n# T\r\n\r\nPython code:\r\n\r\n```python\r\nprint(1)\r\n```\r\n",
        "import Tabs from '@theme/Tabs';\n\n# T\n\nPython code:\n\n```python\nprint(1)\n```\n",
    ])
    func aPagesSettingsAreNotItsText(_ guide: String) throws {
        let html = try Self.site(guide)
        let xml = try Self.confluence(guide)
        for page in [html, xml] {
            #expect(
                !page.contains("title:") && !page.contains("import") && !page.contains("oauth") && !page.contains("<hr")
            )
            #expect(page.contains("T</h1>"))
        }
        #expect(try Self.sets(html).map { $0.map(\.code) } == [["print(1)"]])
        #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)"])
    }

    @Test(arguments: [
        "---\n\nIntro text.\n\nTitle\n---\n",
        "---\ntitle: x\n",
        "Intro.\n\nimport Tabs from '@theme/Tabs';\n",
        "import the samples from your guide.\n",
    ])
    func aPageThatOnlyLooksLikeSettingsKeepsItsText(_ guide: String) throws {
        let html = try Self.site(guide)
        let xml = try Self.confluence(guide)
        for word in ["Intro", "Title", "title: x", "import"] where guide.contains(word) {
            #expect(html.contains(word) && xml.contains(word), "\(word)")
        }
    }

    @Test func aMintlifyCodeGroupIsTabsOfItsFencesWithoutGensComments() throws {
        let guide = """
            ## A

            <CodeGroup>

            {/* gen=token-request digest=0123456789ab */}
            ```python Python
            print(1)
            ```

            ```php PHP
            <?php echo 1;
            ```

            </CodeGroup>

            After.

            """
        let html = try Self.site(guide)
        #expect(try Self.sets(html).map { $0.map(\.code) } == [["print(1)", "<?php echo 1;"]])
        #expect(try Self.sets(html).map { $0.map(\.label) } == [["Python", "PHP"]])
        let xml = try Self.confluence(guide)
        #expect(try Self.codeMacros(xml).map(\.title) == ["Python", "PHP"])
        for page in [html, xml] {
            #expect(!page.contains("gen=") && !page.contains("CodeGroup") && page.contains("After."))
        }
    }

    @Test func aVitePressCodeGroupIsTabsOfItsFences() throws {
        let guide =
            "## A\n\n::: code-group\n\n```python [Python]\nprint(1)\n```\n\n```php [PHP]\n<?php echo 1;\n```\n\n:::\n\nAfter.\n"
        let sets = try Self.sets(try Self.site(guide))
        #expect(sets.map { $0.map(\.key) } == [["python", "php"]])
        #expect(sets.first?.map(\.code) == ["print(1)", "<?php echo 1;"])
        let xml = try Self.confluence(guide)
        #expect(try Self.codeMacros(xml).map(\.title) == ["Python", "PHP"])
        #expect(!xml.contains("code-group") && xml.contains("<p>After.</p>"))
    }

    @Test func aTabSetInAListStaysInItsItem() throws {
        let guide =
            "1. Step one\n\n    === \"Python\"\n\n        ```python\n        print(1)\n        ```\n\n2. Step two\n"
        let body = try PageElement.parseSiteBody(try Self.site(guide))
        let set = try #require(body.all("div").first { $0.attributes["class"] == "samples" })
        #expect(set.parent?.name == "li")
        #expect(body.all("li").count == 2)
        let page = try PageElement.parse(try Self.confluence(guide))
        #expect(page.all("ac:structured-macro").first?.parent?.name == "li")
    }

    @Test func aTabSetNestedInATabIsTabsInsideTheTab() throws {
        let guide = """
            === "Linux"

                === "Python"

                    ```python
                    print(1)
                    ```

                === "Go"

                    ```go
                    fmt.Println(1)
                    ```

            === "Python"

                ```python
                print(2)
                ```

            """
        let sets = try Self.sets(try Self.site(guide))
        #expect(sets.map { $0.map(\.key) } == [["linux", "python"], ["python", "go"]])
        #expect(sets[1].map(\.code) == ["print(1)", "fmt.Println(1)"])
        let xml = try Self.confluence(guide)
        #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)", "fmt.Println(1)", "print(2)"])
        #expect(try PageElement.parse(xml).all("ac:structured-macro").first?.parameter("title") == "Linux")
    }

    @Test func aMySTTabSetNestedInATabItemIsTabsInsideTheTab() throws {
        let guide = """
            ::::::{tab-set}
            :::::{tab-item} Linux
            :selected:

            Install it, then:

            ::::{tab-set}
            :::{tab-item} Python
            ```python
            print(1)
            ```
            :::
            ::::
            :::::
            :::::{tab-item} Go
            :sync: go

            ```go
            fmt.Println(2)
            ```
            :::::
            ::::::

            """
        let sets = try Self.sets(try Self.site(guide))
        #expect(sets.map { $0.map(\.key) } == [["linux", "go"], ["python"]])
        #expect(sets[0][0].text.contains("Install it, then:") && sets[0][1].code == "fmt.Println(2)")
        #expect(sets[1].map(\.code) == ["print(1)"])
        let xml = try Self.confluence(guide)
        #expect(try Self.codeMacros(xml).map(\.code) == ["print(1)", "fmt.Println(2)"])
        #expect(!xml.contains(":selected:") && !xml.contains("tab-item"))
    }

    /// `levels` tab sets, each inside the one before (four more spaces a level), the last holding text.
    static func nested(_ levels: Int) -> String {
        var guide = ""
        for depth in 0..<levels {
            guide += String(repeating: " ", count: depth * 4) + "=== \"Level \(depth)\"\n\n"
        }
        return guide + String(repeating: " ", count: levels * 4) + "deepest\n"
    }

    @Test func deeplyNestedTabSetsCostLinearlyAndLoseNothing() throws {
        // Each level is read again on its own; past `maximumDepth` levels the rest is left as
        // Markdown reads it. Four times the levels is sixteen times the text (each line is
        // indented as deep as its level): read again at every level, it would cost 64 times.
        let (small, large) = (Self.nested(50), Self.nested(200))
        for guide in [small, large] {
            #expect(try Self.site(guide).contains("deepest"))
            let xml = try Self.confluence(guide)
            #expect(xml.contains("deepest"))
            _ = try PageElement.parse(xml)
        }
        let ratio = try Linearity.ratio({ _ = try Self.site(small) }, to: { _ = try Self.site(large) })
        #expect(ratio < 32, "200 levels took \(ratio) times as long as 50")
    }

    @Test func manyTabSetsCostLinearly() throws {
        func guide(_ sets: Int) -> String {
            String(
                repeating:
                    "Step:\n\n=== \"Python\"\n\n    ```python\n    print(1)\n    ```\n\n=== \"Output\"\n\n    1\n\n",
                count: sets)
        }
        let (small, large) = (guide(250), guide(1_000))
        #expect(try Self.sets(try Self.site(large)).count == 1_000)
        let site = try Linearity.ratio({ _ = try Self.site(small) }, to: { _ = try Self.site(large) })
        let confluence = try Linearity.ratio({ _ = try Self.confluence(small) }, to: { _ = try Self.confluence(large) })
        #expect(
            site < 8 && confluence < 8,
            "4 times the tab sets: \(site) times the site's time, \(confluence) Confluence's")
    }

    // MARK: What a writer may put in a tab's title or content

    @Test func titlesAndContentAreEscapedAndFilteredAsTheRestOfThePage() throws {
        let guide = """
            === "<script>alert(1)</script> & "x""

                [a](javascript:alert(1)) <b onclick="x">raw</b>

            === ""

                ```python
                print("]]>")
                ```

            """
        let html = try Self.site(guide)
        #expect(!html.contains("<script>alert") && !html.contains("onclick") && !html.contains("javascript:"))
        let sets = try Self.sets(html)
        #expect(sets.map { $0.map(\.label) } == [[#"<script>alert(1)</script> & "x""#, "Python"]])
        let xml = try Self.confluence(guide)
        let page = try PageElement.parse(xml)
        #expect(page.all("ac:structured-macro").first?.parameter("title") == #"<script>alert(1)</script> & "x""#)
        #expect(try Self.codeMacros(xml).map(\.code) == ["print(\"]]>\")"])
        #expect(!xml.contains("javascript:"))
    }

    @Test func headingsInTabsGetAnchorsUniqueOnThePage() throws {
        let guide = """
            ## Setup

            === "Linux"

                ## Setup

                Run it.

            === "Python"

                ```python
                print(1)
                ```

            ## Setup

            ## Samples 1 Linux

            """
        let html = try Self.site(guide)
        let ids = html.matches(of: /id="([^"]*)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(ids.filter { $0.hasPrefix("setup") } == ["setup", "setup-1", "setup-2"])
        #expect(ids.contains("samples-1-linux") && !ids.contains("samples-1-linux-tab"))
        #expect(ids.contains("samples-1-linux-1"), "the heading steps past the panel's id")
    }

    @Test func repeatedTitlesInASetGetKeysOfTheirOwn() throws {
        let guide = "=== \"Notes\"\n\n    a\n\n=== \"Notes\"\n\n    b\n\n=== \"Notes-tab\"\n\n    c\n"
        let keys = try Self.sets(try Self.site(guide)).flatMap { $0.map(\.key) }
        #expect(keys == ["notes", "notes-2", "notes-tab-2"], "a key is never another's key-tab (a tab's id)")
        let ids = try Self.site(guide).matches(of: /id="([^"]*)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count)
    }
}

import GuideDocument
import SampleModel
import Testing

/// Tabs, labels and fences that spell a language another way (`Node.js`, `js`, `golang`) are
/// that language's sections: filled in place, the writer's title kept, the fence tagged with the
/// language's own tag, and no second tab or label added for it (issue 18, item 16).
@Suite struct LanguageSpellingFillTests {
    @Test(arguments: ["Node.js", "node", "NodeJS", "JS", "js", "Javascript"])
    func anMkDocsTabTitledWithAnotherSpellingIsFilledAndNoSecondTabIsAdded(_ title: String) throws {
        for tag in ["", "js", "javascript", "node"] {
            let guide = """
                ## Postman guide

                === "Python"

                    ```python
                    ```

                === "\(title)"

                    ```\(tag)
                    ```

                """
            #expect(
                try GuideFixture(guide).filledText([.python, .javascript]) == """
                    ## Postman guide

                    === "Python"

                        ```python gen=token-request
                        python sample
                        ```

                    === "\(title)"

                        ```javascript gen=token-request
                        javascript sample
                        ```

                    """, "\(title) / \(tag)")
            let filled = try GuideFixture(guide).filled([.python, .javascript])
            #expect(try GuideFixture(bytes: filled).filled([.python, .javascript]) == filled)
        }
    }

    @Test(arguments: [("Node.js", "javascript"), ("Node.js", "node"), ("JS", "js"), ("Node.js", nil)])
    func aMySTTabItemTitledWithAnotherSpellingIsFilledAndNoSecondTabIsAdded(_ title: String, _ sync: String?)
        throws
    {
        let syncLine = sync.map { ":sync: \($0)\n" } ?? ""
        let guide = """
            ## Postman guide

            ::::{tab-set}
            :::{tab-item} Python
            :sync: python

            ```python
            ```
            :::
            :::{tab-item} \(title)
            \(syncLine)
            ```js
            ```
            :::
            ::::

            """
        #expect(
            try GuideFixture(guide).filledText([.python, .javascript]) == """
                ## Postman guide

                ::::{tab-set}
                :::{tab-item} Python
                :sync: python

                ```python gen=token-request
                python sample
                ```
                :::
                :::{tab-item} \(title)
                \(syncLine)
                ```javascript gen=token-request
                javascript sample
                ```
                :::
                ::::

                """)
    }

    /// A `:sync:` key alone names the language when the title is the writer's own words.
    @Test func aSyncKeyInAnotherSpellingNamesTheLanguage() throws {
        let guide = "## Postman guide\n\n::::{tab-set}\n:::{tab-item} Using fetch\n:sync: node\n\n```\n```\n:::\n::::\n"
        let groups = try GuideFixture(guide).groups()
        #expect(groups.map(\.languages) == [[.javascript]])
    }

    @Test(arguments: [
        ("Node.js code:", Language.javascript), ("JS code:", .javascript), ("node code:", .javascript),
        ("Python 3 code:", .python), ("py code:", .python), ("golang code:", .go), ("RB code:", .ruby),
        ("Shell code:", .curl), ("cURL code:", .curl),
    ])
    func aLabelInAnotherSpellingIsFilledAndNoSecondLabelIsAdded(_ label: String, _ language: Language) throws {
        let guide = "## Postman guide\n\n\(label)\n\nAfter.\n"
        #expect(
            try GuideFixture(guide).filledText([language])
                == "## Postman guide\n\n\(label)\n\n```\(language.fenceTag) gen=token-request\n\(language.rawValue) sample\n```\n\nAfter.\n"
        )
        // Next to the language's own label, it is the same language twice.
        #expect(throws: GuideError.self) {
            try GuideFixture("\(language.displayName) code:\n\n\(label)\n").groups()
        }
    }

    /// A generated block gen reads in another spelling gets the language's own tag back.
    @Test func aGeneratedBlockTaggedInAnotherSpellingGetsTheCanonicalTag() throws {
        for tag in ["js", "node", "Node.js", "JS"] {
            let guide = "## Postman guide\n\nNode.js code:\n\n```\(tag) gen=token-request\nold\n```\n"
            #expect(
                try GuideFixture(guide).filledText([.javascript])
                    == "## Postman guide\n\nNode.js code:\n\n```javascript gen=token-request\njavascript sample\n```\n")
        }
    }

    /// A tab whose title spells a language holding the writer's own code is theirs: left alone,
    /// and the language counts as present (no second tab for it).
    @Test func anAliasTitledTabHoldingTheWritersCodeIsLeftAlone() throws {
        let guide = """
            ## Postman guide

            === "Python"

                ```python
                ```

            === "Node.js"

                ```js
                const token = await getToken();
                ```

            === "Shell"

                ```bash
                curl -u "$ID:$SECRET" https://auth.example.com/token
                ```

            """
        #expect(
            try GuideFixture(guide).filledText([.curl, .python, .javascript]) == """
                ## Postman guide

                === "Python"

                    ```python gen=token-request
                    python sample
                    ```

                === "Node.js"

                    ```js
                    const token = await getToken();
                    ```

                === "Shell"

                    ```bash
                    curl -u "$ID:$SECRET" https://auth.example.com/token
                    ```

                """)
        let languages = try GuideFixture(guide).groups().map(\.languages)
        #expect(languages == [[.python, .javascript, .curl]])
    }

    /// A fence tagged `bash` or `sh` holding the writer's code is never taken over: after a label
    /// it is the label's hand-written block; without one it is not a code section at all.
    @Test func aBashBlockOfTheWritersIsNeverTakenOver() throws {
        let guide = """
            ## Postman guide

            Shell code:

            ```bash
            curl https://auth.example.com/token
            ```

            Python code:

            Run it:

            ```sh
            python3 token_request.py
            ```

            """
        let filled = try GuideFixture(guide).filledText([.curl, .python])
        #expect(filled.contains("Shell code:\n\n```bash\ncurl https://auth.example.com/token\n```\n"))
        #expect(filled.contains("Run it:\n\n```sh\npython3 token_request.py\n```\n"))
        #expect(!filled.contains("curl sample"))
        #expect(filled.contains("Python code:\n\n```python gen=token-request\npython sample\n```\n"))
    }

    /// A neighbouring language is not ours: its tab is not filled, and ours gets its own tab.
    @Test(arguments: [("TypeScript", "ts"), ("Kotlin", "kotlin"), ("C#", "csharp"), ("Console", "console")])
    func aTabOfANeighbouringLanguageIsNotOurs(_ title: String, _ tag: String) throws {
        let guide =
            "## Postman guide\n\n=== \"\(title)\"\n\n    ```\(tag)\n    ```\n\n=== \"Python\"\n\n    ```python\n    ```\n"
        let filled = try GuideFixture(guide).filledText([.python, .javascript, .java, .curl])
        #expect(filled.hasPrefix("## Postman guide\n\n=== \"\(title)\"\n\n    ```\(tag)\n    ```\n\n"), "\(filled)")
        #expect(filled.contains("=== \"JavaScript\"") && filled.contains("=== \"Java\""))
        #expect(filled.contains("=== \"curl\""))
    }
}

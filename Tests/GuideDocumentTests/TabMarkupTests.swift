import GuideDocument
import SampleModel
import Testing

/// Code sections written as MkDocs Material content tabs and as MyST tab sets: found, filled,
/// extended with the missing languages, and read back as written.
@Suite struct TabMarkupTests {
    static let mkdocs = """
        ## Postman guide

        === "Python"

            ```python
            ```

        === "PHP"

            ```php
            echo "mine";
            ```

        === "Output"

            Some prose.

        After.

        """

    @Test func anMkDocsPlaceholderIsFilledAHandWrittenTabKeptAndAMissingLanguageAddedAfterTheLastTab() throws {
        let filled = try GuideFixture(Self.mkdocs).filledText([.python, .php, .ruby])
        #expect(
            filled == """
                ## Postman guide

                === "Python"

                    ```python gen=token-request
                    python sample
                    ```

                === "PHP"

                    ```php
                    echo "mine";
                    ```

                === "Output"

                    Some prose.

                === "Ruby"

                    ```ruby gen=token-request
                    ruby sample
                    ```

                After.

                """)
        let groups = try GuideFixture(Self.mkdocs).groups()
        #expect(groups.count == 1)
        #expect(groups.first?.languages == [.python, .php])
        #expect(groups.first?.heading == "Postman guide")
    }

    @Test func multiLineCodeKeepsTheTabsIndentationAndReadsBackAsWritten() throws {
        let code = "def f():\n\treturn 1\n\n    x = \"```\""
        for guide in [Self.mkdocs, "- item\n\n    === \"Python\"\n\n        ```python\n        ```\n"] {
            let once = try GuideFixture(guide).filled([.python]) { _ in code }
            let again = try GuideFixture(bytes: once).filled([.python]) { _ in code }
            #expect(again == once, "a second run changes nothing")
            let section = try #require(try GuideFixture(bytes: once).groups().first?.sections.first)
            guard case .generated(let block) = section.content else {
                Issue.record("not read back as generated: \(String(decoding: once, as: UTF8.self))")
                continue
            }
            #expect(!block.isEditedByHand && block.recordedDigest == SampleDigest.of(code))
        }
        let nested = try GuideFixture("- item\n\n    === \"Python\"\n\n        ```python\n        ```\n").filledText(
            [.python]) { _ in "a\n\nb" }
        #expect(
            nested
                == "- item\n\n    === \"Python\"\n\n        ```python gen=token-request\n        a\n\n        b\n        ```\n"
        )
    }

    static let myst = """
        ## Handling expiry

        ::::{tab-set}
        :::{tab-item} Python
        :sync: python

        ```python
        ```
        :::
        :::{tab-item} Node.js
        :sync: javascript

        ```javascript
        ```
        :::
        ::::

        """

    @Test func aMySTTabSetIsFilledAndAMissingLanguageGetsATabItemWithItsSyncKey() throws {
        let filled = try GuideFixture(Self.myst).filledText([.python, .javascript, .go])
        #expect(
            filled == """
                ## Handling expiry

                ::::{tab-set}
                :::{tab-item} Python
                :sync: python

                ```python gen=token-request
                python sample
                ```
                :::
                :::{tab-item} Node.js
                :sync: javascript

                ```javascript gen=token-request
                javascript sample
                ```
                :::
                :::{tab-item} Go
                :sync: go

                ```go gen=token-request
                go sample
                ```
                :::
                ::::

                """)
        let filledBytes = try GuideFixture(Self.myst).filled([.python, .javascript, .go])
        #expect(try GuideFixture(bytes: filledBytes).filled([.python, .javascript, .go]) == filledBytes)
        #expect(try GuideFixture(bytes: filledBytes).groups().map(\.languages) == [[.python, .javascript, .go]])
    }

    @Test func tabLinesInsideACodeBlockAreCodeNotTabs() throws {
        let guide = "````markdown\n=== \"Python\"\n\n    ```python\n    ```\n````\n\n```markdown\n::::{tab-set}\n```\n"
        #expect(try GuideFixture(guide).groups().isEmpty)
    }

    @Test func anUnclosedTabSetOrTabItemIsAnErrorAtItsLine() {
        #expect(throws: GuideError.self) {
            try GuideFixture("Intro\n\n::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n").groups()
        }
        #expect(throws: GuideError.self) {
            try GuideFixture("::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n").groups()
        }
        do {
            _ = try GuideFixture("Intro\n\n::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n").groups()
        } catch let error as GuideError {
            #expect(error.position?.line == 3)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aTabWhoseBlockIsTaggedForAnotherLanguageIsAnError() {
        #expect(throws: GuideError.self) {
            try GuideFixture("=== \"Python\"\n\n    ```php gen=token-request\n    x\n    ```\n").groups()
        }
    }

    @Test func aTabWithoutALanguageIsNotACodeSectionAndTextBesideAPlaceholderStays() throws {
        let guide =
            "=== \"Notes\"\n\n    ```text\n    ```\n\n=== \"Python\"\n\n    Text first.\n\n    ```python\n    ```\n"
        #expect(try GuideFixture(guide).groups().map(\.languages) == [[.python]])
        #expect(
            try GuideFixture(guide).filledText([.python])
                == "=== \"Notes\"\n\n    ```text\n    ```\n\n=== \"Python\"\n\n    Text first.\n\n    ```python gen=token-request\n    python sample\n    ```\n"
        )
    }
}

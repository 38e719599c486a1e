import GuideDocument
import SampleModel
import Testing

/// VitePress `::: code-group` containers (issue 22, item 3): a tab is a fence titled `[Title]`;
/// gen's words stand in an HTML comment on the line before the fence, never in the info string
/// VitePress reads the title from.
@Suite struct VitePressCodeGroupTests {
    /// VitePress' own example (guide/markdown "Code Groups"), with a Python placeholder added.
    static let documented = """
        ## Get a token

        ::: code-group

        ```js [config.js]
        /**
         * @type {import('vitepress').UserConfig}
         */
        const config = {
          // ...
        }

        export default config
        ```

        ```ts [config.ts]
        import type { UserConfig } from 'vitepress'

        const config: UserConfig = {
          // ...
        }

        export default config
        ```

        ```py [Python]
        ```

        :::

        After.

        """

    static func filled(_ text: String, _ languages: [Language] = [.python], force: Bool = false) throws -> String {
        String(decoding: try GuideFixture(text).filled(languages, replacingHandEdits: force), as: UTF8.self)
    }

    @Test func thePlaceholderOfVitePressOwnExampleIsFilledWithTheMarkerInACommentAndTheOtherTabsKept() throws {
        let filled = try Self.filled(Self.documented)
        let digest = SampleDigest.of("python sample")
        #expect(
            filled
                == Self.documented.replacing(
                    "```py [Python]\n```",
                    with: "<!-- gen=token-request digest=\(digest) -->\n```py [Python]\npython sample\n```"))
        // No gen word in any fence's info string: VitePress titles tabs from it.
        for line in filled.split(separator: "\n") where line.hasPrefix("```") {
            #expect(!line.contains("gen=") && !line.contains("digest="), "\(line)")
        }
        let groups = try GuideFixture(filled).groups()
        #expect(groups.count == 1)
        #expect(groups[0].languages == [.python])
        guard case .generated(let block) = groups[0].sections[0].content else {
            Issue.record("the filled tab reads back as gen's")
            return
        }
        #expect(block.recordedDigest == digest && block.contentDigest == digest && !block.isEditedByHand)
    }

    @Test(arguments: ["\n", "\r\n"])
    func aFilledGroupIsFilledAgainByteForByteAndItsLineBreaksKept(_ lineBreak: String) throws {
        let text = Self.documented.replacing("\n", with: lineBreak)
        let once = try Self.filled(text, [.python, .go, .curl])
        let twice = try Self.filled(once, [.python, .go, .curl])
        #expect(once == twice)
        let bytes = Array(once.utf8)
        let lineFeeds = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
        let afterReturn = lineFeeds.filter { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\r") }
        #expect(
            afterReturn.count == (lineBreak == "\r\n" ? lineFeeds.count : 0), "every new line breaks as the guide's")
        #expect(
            once.contains("<!-- gen=token-request digest=\(SampleDigest.of("go sample")) -->\(lineBreak)```go [Go]"))
    }

    @Test func missingLanguagesAreAddedAfterTheLastTabInTheConfiguredOrderAndTheNewTabsReadBack() throws {
        let filled = GuideFixture.withoutDigests(try Self.filled(Self.documented, [.curl, .python, .ruby]))
        #expect(
            filled.contains(
                """
                ```py [Python]
                python sample
                ```

                <!-- gen=token-request -->
                ```bash [curl]
                curl sample
                ```

                <!-- gen=token-request -->
                ```ruby [Ruby]
                ruby sample
                ```

                :::
                """))
        let groups = try GuideFixture(try Self.filled(Self.documented, [.curl, .python, .ruby])).groups()
        #expect(groups.map(\.languages) == [[.python, .curl, .ruby]])
    }

    @Test func aHandEditIsRefusedAndForceReplacesIt() throws {
        let filled = try Self.filled(Self.documented, [.python, .go])
        let edited = filled.replacing("python sample", with: "python sample  # mine")
        let groups = try GuideFixture(edited).groups()
        guard case .generated(let block) = groups[0].sections.first(where: { $0.language == .python })?.content else {
            Issue.record("the edited tab is still gen's")
            return
        }
        #expect(block.isEditedByHand)
        #expect(try Self.filled(edited, [.python, .go]) == edited, "left alone")
        #expect(try Self.filled(edited, [.python, .go], force: true) == filled, "--force restores it")
    }

    @Test func aTabOfTheWritersOwnAndATabNamingNoLanguageAreLeftAlone() throws {
        let text = """
            ::: code-group

            ```sh [npm]
            npm add -D vitepress
            ```

            ```python [Python]
            print("mine")
            ```

            :::

            """
        let filled = try Self.filled(text, [.python, .curl])
        #expect(filled.contains("```sh [npm]\nnpm add -D vitepress\n```"))
        #expect(filled.contains("```python [Python]\nprint(\"mine\")\n```"))
        #expect(filled.split(separator: "[Python]").count == 2, "no second Python tab")
        #expect(filled.contains("```bash [curl]"), "npm is no curl tab: curl is added")
    }

    @Test func aGroupNestedInAListKeepsItsIndentationAndReadsBack() throws {
        let text = """
            1. Request a token:

               :::: code-group

               ```python [Python]
               ```

               ::::

            2. Use it.

            """
        let filled = GuideFixture.withoutDigests(try Self.filled(text, [.python, .php]))
        #expect(
            filled == """
                1. Request a token:

                   :::: code-group

                   <!-- gen=token-request -->
                   ```python [Python]
                   python sample
                   ```

                   <!-- gen=token-request -->
                   ```php [PHP]
                   php sample
                   ```

                   ::::

                2. Use it.

                """)
        let again = try Self.filled(try Self.filled(text, [.python, .php]), [.python, .php])
        #expect(again == (try Self.filled(text, [.python, .php])))
    }

    @Test(arguments: [
        "```python [Python] gen=token-request\n```",
        "```python gen=token-request digest=0123456789ab\nx\n```",
    ])
    func gensWordsInAFencesInfoStringInAGroupAreAnErrorAtTheirLine(_ fence: String) throws {
        let text = "# T\n\n::: code-group\n\n\(fence)\n\n:::\n"
        #expect(throws: GuideError.self) { try GuideFixture(text).groups() }
        do {
            _ = try GuideFixture(text).groups()
        } catch let error as GuideError {
            #expect(error.position?.line == 5)
            #expect(error.message.contains("comment on the line before the fence (<!-- gen="))
        }
    }

    @Test func anUnclosedGroupAndAMarkerOnATabNamingNoLanguageAreErrors() throws {
        #expect(throws: GuideError.self) { try GuideFixture("::: code-group\n\n```py [Python]\n```\n").groups() }
        #expect(throws: GuideError.self) {
            try GuideFixture(
                "::: code-group\n\n<!-- gen=token-request digest=0123456789ab -->\n```sh [npm]\nx\n```\n\n:::\n"
            ).groups()
        }
    }

    @Test func codeGroupMarkupInsideCodeIsNoGroup() throws {
        let text = "````md\n::: code-group\n\n```py [Python]\n```\n\n:::\n````\n"
        #expect(try GuideFixture(text).groups().isEmpty)
        #expect(try Self.filled(text) == text)
    }

    @Test(arguments: [
        "<!-- gen=token-request digest=0123456789ab -->\n```python [Python]\nx\n```\n",
        "{/* gen=token-request digest=0123456789ab */}\n```python Python\nx\n```\n",
        "- item\n\n  <!-- gen=token-request -->\n  ```python\n  x\n  ```\n",
    ])
    func aMarkerCommentBeforeAFenceOutsideAnyCodeGroupIsAnErrorAtItsLine(_ block: String) throws {
        do {
            _ = try GuideFixture("# Guide\n\nText.\n\n" + block).groups()
            Issue.record("a generated block no section holds is refused")
        } catch let error as GuideError {
            #expect(error.position?.line == (block.hasPrefix("-") ? 7 : 5))
            #expect(error.message.contains("in no VitePress ::: code-group or Mintlify <CodeGroup>"))
        }
    }

    @Test func aCommentNotBeforeAFenceOrWithoutGenWordsIsTheWriters() throws {
        let text = "<!-- gen=token-request -->\n\nText.\n\n<!-- a note -->\n```python\nx\n```\n"
        #expect(try GuideFixture(text).groups().isEmpty)
    }
}

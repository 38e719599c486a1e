import GuideDocument
import SampleModel
import Testing

/// Docusaurus MDX tabs (issue 22, item 3): `<TabItem value=… label=…>` holding a fence, gen's
/// words in its info string (Docusaurus reads only `title=` and line ranges from it), the
/// `import` lines added once when the page lacks them.
@Suite struct DocusaurusTabsTests {
    /// Docusaurus' documented multi-language code block (guides/markdown-features/tabs), its
    /// Python tab emptied to be filled.
    static let documented = """
        ---
        title: Tokens
        ---

        import Tabs from '@theme/Tabs';
        import TabItem from '@theme/TabItem';

        ## Get a token

        <Tabs groupId="language">
        <TabItem value="js" label="JavaScript">

        ```js
        function helloWorld() {
          console.log('Hello, world!');
        }
        ```

        </TabItem>
        <TabItem value="py" label="Python">

        ```py
        ```

        </TabItem>
        <TabItem value="java" label="Java">

        ```java
        class HelloWorld {
          public static void main(String args[]) {
            System.out.println("Hello, World");
          }
        }
        ```

        </TabItem>
        </Tabs>

        """

    static func filled(_ text: String, _ languages: [Language] = [.python], force: Bool = false) throws -> String {
        String(decoding: try GuideFixture(text).filled(languages, replacingHandEdits: force), as: UTF8.self)
    }

    @Test func theEmptyTabIsFilledTheWritersTabsKeptAndTheGroupReadBack() throws {
        let filled = try Self.filled(Self.documented)
        let digest = SampleDigest.of("python sample")
        #expect(
            filled
                == Self.documented.replacing(
                    "```py\n```", with: "```python gen=token-request digest=\(digest)\npython sample\n```"))
        let groups = try GuideFixture(filled).groups()
        #expect(groups.map(\.languages) == [[.javascript, .python, .java]])
        #expect(try Self.filled(filled) == filled, "idempotent")
    }

    @Test(arguments: ["\n", "\r\n"])
    func missingLanguagesGetTabItemsBeforeTheClosingTagInOrderWithTheGuidesLineBreaks(_ lineBreak: String) throws {
        let text = Self.documented.replacing("\n", with: lineBreak)
        let once = try Self.filled(text, [.curl, .python, .go])
        #expect(try Self.filled(once, [.curl, .python, .go]) == once)
        let bytes = Array(once.utf8)
        let lineFeeds = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
        let afterReturn = lineFeeds.filter { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\r") }
        #expect(afterReturn.count == (lineBreak == "\r\n" ? lineFeeds.count : 0))
        #expect(
            GuideFixture.withoutDigests(once).replacing("\r\n", with: "\n").contains(
                """
                </TabItem>
                <TabItem value="curl" label="curl">

                ```bash gen=token-request
                curl sample
                ```

                </TabItem>
                <TabItem value="go" label="Go">

                ```go gen=token-request
                go sample
                ```

                </TabItem>
                </Tabs>
                """))
        #expect(try GuideFixture(once).groups().map(\.languages) == [[.javascript, .python, .java, .curl, .go]])
    }

    @Test func aHandEditIsRefusedAndForceReplacesIt() throws {
        let filled = try Self.filled(Self.documented)
        let edited = filled.replacing("python sample", with: "python sample  # mine")
        #expect(try Self.filled(edited) == edited)
        #expect(try Self.filled(edited, force: true) == filled)
    }

    @Test func theImportsAreAddedOnceAfterTheFrontMatterWhenMissing() throws {
        let withoutImports = Self.documented.replacing(
            "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n", with: "")
        let twoGroups = withoutImports + "\n## Again\n\n" + withoutImports.split(separator: "## Get a token\n")[1]
        let filled = try Self.filled(twoGroups)
        #expect(filled.split(separator: "import Tabs from '@theme/Tabs';").count == 2, "once")
        #expect(
            filled.hasPrefix(
                "---\ntitle: Tokens\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"))
        #expect(try Self.filled(filled) == filled)
        let noFrontMatter =
            "<Tabs>\n<TabItem value=\"python\" label=\"Python\">\n\n```python\n```\n\n</TabItem>\n</Tabs>\n"
        let filledAlone = try Self.filled(noFrontMatter)
        #expect(
            filledAlone.hasPrefix("import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n<Tabs>"))
    }

    @Test func aGroupNestedInAListKeepsItsIndentation() throws {
        let text = """
            1. Request a token:

               <Tabs groupId="language">
                 <TabItem value="python" label="Python">

               ```python
               ```

                 </TabItem>
               </Tabs>

            2. Use it.

            """
        let filled = GuideFixture.withoutDigests(try Self.filled(text, [.python, .php]))
        #expect(
            filled.hasSuffix(
                """
                1. Request a token:

                   <Tabs groupId="language">
                     <TabItem value="python" label="Python">

                   ```python gen=token-request
                   python sample
                   ```

                     </TabItem>
                     <TabItem value="php" label="PHP">

                   ```php gen=token-request
                   php sample
                   ```

                     </TabItem>
                   </Tabs>

                2. Use it.

                """))
        let once = try Self.filled(text, [.python, .php])
        #expect(try Self.filled(once, [.python, .php]) == once)
    }

    @Test func aTabOfTheWritersOwnAndMarkupInCodeAreLeftAlone() throws {
        let text = """
            import Tabs from '@theme/Tabs';
            import TabItem from '@theme/TabItem';

            <Tabs>
            <TabItem value="npm" label="npm">

            ```bash
            npm install
            ```

            </TabItem>
            </Tabs>

            ````mdx
            <Tabs>
            <TabItem value="python" label="Python">

            ```python
            ```

            </TabItem>
            </Tabs>
            ````

            """
        let filled = try Self.filled(text, [.python])
        #expect(filled.contains("```bash\nnpm install\n```"))
        #expect(filled.contains("````mdx\n<Tabs>\n<TabItem value=\"python\" label=\"Python\">\n\n```python\n```\n"))
        // As in an MkDocs tab, a tab naming no language is its sole block's (bash: curl), the
        // writer's; Python is added to that group, none to the example in code.
        let groups = try GuideFixture(filled).groups().map(\.languages)
        #expect(groups == [[.curl, .python]], "\(groups)")
    }

    @Test func anUnclosedTabItemAndAGeneratedBlockOutsideAnyTabItemAreErrors() throws {
        #expect(throws: GuideError.self) {
            try GuideFixture("<Tabs>\n<TabItem value=\"python\">\n\n```python\n```\n\n</Tabs>\n").groups()
        }
        #expect(throws: GuideError.self) {
            try GuideFixture("<Tabs>\n\n```python gen=token-request\nx\n```\n\n</Tabs>\n").groups()
        }
    }
}

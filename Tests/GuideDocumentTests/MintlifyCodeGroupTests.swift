import GuideDocument
import SampleModel
import Testing

/// Mintlify `<CodeGroup>` (issue 22, item 3): a tab is a fence titled by the words after its
/// language; gen's words stand in an MDX comment on the line before the fence, never in the
/// info string Mintlify titles the tab from.
@Suite struct MintlifyCodeGroupTests {
    /// Mintlify's documented code group (components/code-groups), with a Python placeholder.
    static let documented = """
        ## Get a token

        <CodeGroup>

        ```javascript helloWorld.js
        console.log("Hello World");
        ```

        ```python Python
        ```

        ```java HelloWorld.java
        class HelloWorld {
            public static void main(String[] args) {
                System.out.println("Hello, World!");
            }
        }
        ```

        </CodeGroup>

        """

    static func filled(_ text: String, _ languages: [Language] = [.python], force: Bool = false) throws -> String {
        String(decoding: try GuideFixture(text).filled(languages, replacingHandEdits: force), as: UTF8.self)
    }

    @Test func thePlaceholderIsFilledWithTheMarkerInAnMDXCommentAndReadBack() throws {
        let filled = try Self.filled(Self.documented)
        let digest = SampleDigest.of("python sample")
        #expect(
            filled
                == Self.documented.replacing(
                    "```python Python\n```",
                    with: "{/* gen=token-request digest=\(digest) */}\n```python Python\npython sample\n```"))
        for line in filled.split(separator: "\n") where line.hasPrefix("```") {
            #expect(!line.contains("gen=") && !line.contains("digest="), "\(line)")
        }
        let groups = try GuideFixture(filled).groups()
        #expect(groups.map(\.languages) == [[.python]])
        guard case .generated(let block) = groups.first?.sections.first?.content else {
            Issue.record("the filled tab reads back as gen's")
            return
        }
        #expect(block.recordedDigest == digest && block.contentDigest == digest)
        #expect(try Self.filled(filled) == filled, "idempotent")
    }

    @Test(arguments: ["\n", "\r\n"])
    func missingLanguagesAreAddedAfterTheLastTabWithTheGuidesLineBreaks(_ lineBreak: String) throws {
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
                }
                ```

                {/* gen=token-request */}
                ```bash curl
                curl sample
                ```

                {/* gen=token-request */}
                ```go Go
                go sample
                ```

                </CodeGroup>
                """))
        #expect(try GuideFixture(once).groups().map(\.languages) == [[.python, .curl, .go]])
    }

    @Test func aHandEditIsRefusedAndForceReplacesIt() throws {
        let filled = try Self.filled(Self.documented)
        let edited = filled.replacing("python sample", with: "python sample  # mine")
        #expect(try Self.filled(edited) == edited)
        #expect(try Self.filled(edited, force: true) == filled)
    }

    @Test func aGroupNestedInAListKeepsItsIndentation() throws {
        let text = """
            1. Request a token:

               <CodeGroup>

               ```python
               ```

               </CodeGroup>

            2. Use it.

            """
        let filled = GuideFixture.withoutDigests(try Self.filled(text, [.python, .php]))
        #expect(
            filled == """
                1. Request a token:

                   <CodeGroup>

                   {/* gen=token-request */}
                   ```python Python
                   python sample
                   ```

                   {/* gen=token-request */}
                   ```php PHP
                   php sample
                   ```

                   </CodeGroup>

                2. Use it.

                """)
        let once = try Self.filled(text, [.python, .php])
        #expect(try Self.filled(once, [.python, .php]) == once)
    }

    @Test func gensWordsInAFencesInfoStringAndAnUnclosedGroupAreErrors() throws {
        #expect(throws: GuideError.self) {
            try GuideFixture("<CodeGroup>\n\n```python gen=token-request\n```\n\n</CodeGroup>\n").groups()
        }
        #expect(throws: GuideError.self) { try GuideFixture("<CodeGroup>\n\n```python Python\n```\n").groups() }
    }
}

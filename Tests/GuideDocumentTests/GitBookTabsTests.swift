import GuideDocument
import SampleModel
import Testing

/// GitBook tabs (issue 22, item 3): `{% tab title="…" %}` … `{% endtab %}` holding a fence,
/// gen's words in its info string.
@Suite struct GitBookTabsTests {
    /// GitBook's documented tabs block (content/blocks/tabs, as Git Sync writes it), its
    /// second tab's content a Python placeholder.
    static let documented = """
        ## Get a token

        {% tabs %}
        {% tab title="Windows" %}
        Here are the instructions for Windows
        {% endtab %}

        {% tab title="Python" %}
        ```python
        ```
        {% endtab %}
        {% endtabs %}

        After.

        """

    static func filled(_ text: String, _ languages: [Language] = [.python], force: Bool = false) throws -> String {
        String(decoding: try GuideFixture(text).filled(languages, replacingHandEdits: force), as: UTF8.self)
    }

    @Test func theEmptyTabIsFilledAProseTabKeptAndTheGroupReadBack() throws {
        let filled = try Self.filled(Self.documented)
        let digest = SampleDigest.of("python sample")
        #expect(
            filled
                == Self.documented.replacing(
                    "```python\n```", with: "```python gen=token-request digest=\(digest)\npython sample\n```"))
        #expect(try GuideFixture(filled).groups().map(\.languages) == [[.python]])
        #expect(try Self.filled(filled) == filled, "idempotent")
    }

    @Test(arguments: ["\n", "\r\n"])
    func missingLanguagesGetTabsBeforeEndtabsInOrderWithTheGuidesLineBreaks(_ lineBreak: String) throws {
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
                python sample
                ```
                {% endtab %}

                {% tab title="curl" %}
                ```bash gen=token-request
                curl sample
                ```
                {% endtab %}

                {% tab title="Go" %}
                ```go gen=token-request
                go sample
                ```
                {% endtab %}
                {% endtabs %}
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
            - Request a token:

              {%tabs%}
              {% tab title="Python" %}
              ```python
              ```
              {% endtab %}
              {%endtabs%}

            - Use it.

            """
        let filled = GuideFixture.withoutDigests(try Self.filled(text, [.python, .php]))
        #expect(
            filled == """
                - Request a token:

                  {%tabs%}
                  {% tab title="Python" %}
                  ```python gen=token-request
                  python sample
                  ```
                  {% endtab %}

                  {% tab title="PHP" %}
                  ```php gen=token-request
                  php sample
                  ```
                  {% endtab %}
                  {%endtabs%}

                - Use it.

                """)
        let once = try Self.filled(text, [.python, .php])
        #expect(try Self.filled(once, [.python, .php]) == once)
    }

    @Test func markupInCodeIsNoGroupAndAnUnclosedTabIsAnError() throws {
        let example =
            "````md\n{% tabs %}\n{% tab title=\"Python\" %}\n```python\n```\n{% endtab %}\n{% endtabs %}\n````\n"
        #expect(try GuideFixture(example).groups().isEmpty)
        #expect(try Self.filled(example) == example)
        #expect(throws: GuideError.self) {
            try GuideFixture("{% tabs %}\n{% tab title=\"Python\" %}\n```python\n```\n{% endtabs %}\n").groups()
        }
    }
}

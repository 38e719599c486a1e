import GuideDocument
import SampleModel
import Testing

/// Tab markup is a tab set only where the docs platform reads it as one: not when a guide shows
/// it as an example in code, a comment or HTML (issue 18, item 12); and an MkDocs tab indented
/// with tab characters, which Python-Markdown reads as four columns each, stays one tab with its
/// content when gen fills it or adds a tab after it (item 13).
@Suite struct TabDetectionTests {
    static let mkdocs = "=== \"Python\"\n\n    ```python\n    ```\n"
    static let myst = "::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n::::\n"

    /// A tab set in a container, and whether the platform reads it as tabs there (checked against
    /// Python-Markdown and MyST's parser in `TabFormCommandTests`).
    static func containers(_ tabs: String) -> [(name: String, text: String, isTabs: Bool)] {
        let indented = tabs.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.isEmpty ? "" : "    " + $0
        }.joined(separator: "\n")
        return [
            ("an indented code block", "Example:\n\n" + indented, false),
            ("a backtick fence", "````markdown\n" + tabs + "````\n", false),
            ("a tilde fence", "~~~\n" + tabs + "~~~\n", false),
            ("a comment over several lines", "<!--\nAn example:\n\n" + tabs + "\n-->\n", false),
            ("an HTML block", "<details>\n<summary>Example</summary>\n" + tabs + "</details>\n", false),
            ("a bare fence", "```\n" + tabs + "```\n", false),
            ("the guide itself", tabs, true),
        ]
    }

    @Test func tabMarkupShownAsCodeCommentOrHTMLIsNotFilled() throws {
        for (form, tabs) in [("MkDocs", Self.mkdocs), ("MyST", Self.myst)] {
            for (name, text, isTabs) in Self.containers(tabs) {
                let guide = "## Postman guide\n\n" + text + "\nAfter.\n"
                let filled = try GuideFixture(guide).filledText([.python])
                #expect((filled != guide) == isTabs, "\(form) in \(name):\n\(filled)")
                #expect(try GuideFixture(guide).groups().isEmpty == !isTabs, "\(form) in \(name)")
            }
        }
    }

    @Test func aBlankLineEndsAnHTMLBlockForMySTButNotForPythonMarkdown() throws {
        // CommonMark (cmark-gfm, MyST) ends `<details>` at the blank line: MyST reads the tab set.
        // Python-Markdown keeps everything to `</details>` as HTML: MkDocs shows the markup as text.
        func inDetails(_ tabs: String) -> String {
            "## Postman guide\n\n<details>\n<summary>Example</summary>\n\n" + tabs + "\n</details>\n"
        }
        #expect(try GuideFixture(inDetails(Self.myst)).groups().map(\.languages) == [[.python]])
        #expect(try GuideFixture(inDetails(Self.mkdocs)).groups().isEmpty)
        for opening in ["<div>", "<DIV class=\"x\">", "  <section>", "<div><div></div>"] {
            let guide = "## Postman guide\n\n\(opening)\n\n" + Self.mkdocs + "\n</div>\n</section>\n"
            #expect(try GuideFixture(guide).groups().isEmpty, "\(opening)")
        }
        // Markdown in HTML (`md_in_html`), a closed element, a tag further in: tabs again.
        for html in ["<div markdown>\n\n", "<div markdown=\"1\">\n\n", "<div>x</div>\n\n", "Text <div>\n\n"] {
            let guide = "## Postman guide\n\n\(html)" + Self.mkdocs + "\n</div>\n"
            #expect(try GuideFixture(guide).groups().map(\.languages) == [[.python]], "\(html)")
        }
    }

    @Test func anMkDocsTabLineIsReadAtPythonMarkdownsIndentationOnly() throws {
        // In a list item, four columns in: a tab. Two in, or one to three at the top level: text.
        let item = "- item\n\n    === \"Python\"\n\n        ```python\n        ```\n"
        #expect(try GuideFixture(item).groups().map(\.languages) == [[.python]])
        for guide in [
            "- item\n\n  === \"Python\"\n\n      ```python\n      ```\n",
            "   === \"Python\"\n\n       ```python\n       ```\n",
        ] {
            #expect(try GuideFixture(guide).groups().isEmpty, "\(guide)")
        }
        // `===+!` and `===!+` (selected, and a new set) are tab lines too.
        let markers = "=== \"Python\"\n\n    ```python\n    ```\n\n===+! \"Ruby\"\n\n    ```ruby\n    ```\n"
        #expect(try GuideFixture(markers).groups().map(\.languages) == [[.python], [.ruby]])
    }

    /// MkDocs tabs whose content is indented with tab characters (or tabs and spaces), and what
    /// gen writes into them: the first line of a block keeps the tab's own indentation, the
    /// others and a new tab are indented with spaces, which Python-Markdown reads the same.
    static let tabIndented: [(name: String, guide: String, filled: String)] = [
        (
            "a tab character",
            "=== \"Python\"\n\n\t```python\n\t```\n\nAfter.\n",
            "=== \"Python\"\n\n\t```python gen=token-request\n    python sample\n    ```\n\n=== \"Ruby\"\n\n    ```ruby gen=token-request\n    ruby sample\n    ```\n\nAfter.\n"
        ),
        (
            "spaces then a tab",
            "=== \"Python\"\n\n  \t```python\n  \t```\n",
            "=== \"Python\"\n\n  \t```python gen=token-request\n    python sample\n    ```\n\n=== \"Ruby\"\n\n    ```ruby gen=token-request\n    ruby sample\n    ```\n"
        ),
        (
            "a tab, then spaces, in a list item",
            "- item\n\n\t=== \"Python\"\n\n\t    ```python\n\t\t```\n",
            "- item\n\n\t=== \"Python\"\n\n\t    ```python gen=token-request\n        python sample\n        ```\n\n    === \"Ruby\"\n\n        ```ruby gen=token-request\n        ruby sample\n        ```\n"
        ),
        (
            "a hand-written tab, then a placeholder",
            "=== \"PHP\"\n\n\t```php\n\techo 1;\n\n\t\tindented();\n\t```\n\n=== \"Python\"\n\n\t```python\n\t```\n",
            "=== \"PHP\"\n\n\t```php\n\techo 1;\n\n\t\tindented();\n\t```\n\n=== \"Python\"\n\n\t```python gen=token-request\n    python sample\n    ```\n\n=== \"Ruby\"\n\n    ```ruby gen=token-request\n    ruby sample\n    ```\n"
        ),
    ]

    @Test func anMkDocsTabIndentedWithTabCharactersStaysOneTabWhenFilled() throws {
        for (name, guide, expected) in Self.tabIndented {
            let languages: [Language] = [.python, .ruby]
            let filled = try GuideFixture(guide).filledText(languages)
            #expect(filled == expected, "\(name)")
            let bytes = try GuideFixture(guide).filled(languages)
            #expect(try GuideFixture(bytes: bytes).filled(languages) == bytes, "\(name): a second run")
            let groups = try GuideFixture(bytes: bytes).groups()
            #expect(groups.count == 1, "\(name)")
            for section in groups.first?.sections ?? [] where section.language != .php {
                guard case .generated(let block) = section.content else {
                    Issue.record("\(name): \(section.language) not read back as gen's")
                    continue
                }
                #expect(!block.isEditedByHand, "\(name)")
            }
        }
    }

    @Test func codeReindentedWithTabCharactersIsNotAHandEdit() throws {
        // Code with tabs of its own (Go's), in a tab indented with a tab character.
        let code = "func main() {\n\tif ok {\n\t\treturn\n\t}\n\n}"
        let guide = "=== \"Go\"\n\n\t```go\n\t```\n"
        let filled = try GuideFixture(guide).filled([.go]) { _ in code }
        #expect(try GuideFixture(bytes: filled).filled([.go]) { _ in code } == filled)
        // An editor turns each line's four spaces of tab indentation into a tab character.
        let retabbed = String(decoding: filled, as: UTF8.self).replacing("\n    ", with: "\n\t")
        #expect(retabbed != String(decoding: filled, as: UTF8.self))
        let section = try #require(try GuideFixture(retabbed).groups().first?.sections.first)
        guard case .generated(let block) = section.content else {
            Issue.record("not read back as gen's")
            return
        }
        #expect(!block.isEditedByHand && block.recordedDigest == SampleDigest.of(code))
    }
}

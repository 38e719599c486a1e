import GuideDocument
import SampleModel
import Testing

/// A language tab is more than its block: a writer's note, a second block, a list beside the
/// block gen wrote are theirs. gen fills, regenerates, protects and (with `--force`) replaces
/// only its block, and a `gen=` block it cannot refresh is an error, never a sample left to go
/// stale (issue 18, items 1, 11 and 18).
@Suite struct TabContentTests {
    /// What a writer put in the Python tab around its block: lines before it and after it.
    static let writersContent: [(name: String, before: [String], after: [String])] = [
        ("a note after", [], ["", "Note: needs Python 3.9."]),
        ("a note right under the closing fence", [], ["Note: right under the fence."]),
        ("a paragraph before", ["Install requests first.", ""], []),
        ("a second fence", [], ["", "```text", "Bearer 3600", "```"]),
        ("a second fence right under", [], ["```text", "Bearer 3600", "```"]),
        ("a list after", [], ["", "- one", "- two"]),
        ("a paragraph before and a quote after", ["Before.", ""], ["", "> Quoted."]),
        ("an indented block after", [], ["", "    indented, as code or an admonition's content"]),
    ]

    enum Form: CaseIterable { case mkdocs, myst }

    /// The guide: a Python tab holding `python` between the writer's lines, and a Ruby tab.
    static func guide(_ form: Form, before: [String], after: [String], python: [String], ruby: [String]) -> String {
        switch form {
        case .mkdocs:
            let tab = (before + python + after).map { $0.isEmpty ? "" : "    " + $0 }
            return
                (["## Postman guide", "", "=== \"Python\"", ""] + tab + ["", "=== \"Ruby\"", ""]
                + ruby.map { "    " + $0 } + ["", "After.", ""]).joined(separator: "\n")
        case .myst:
            return
                (["## Postman guide", "", "::::{tab-set}", ":::{tab-item} Python", ":sync: python", ""] + before
                + python + after + [":::", ":::{tab-item} Ruby", ""] + ruby + [":::", "::::", "", "After.", ""])
                .joined(separator: "\n")
        }
    }

    static let placeholder = ["```python", "```"]

    /// A block as gen writes it for `code`, its digest that of `digested`.
    static func block(_ language: Language, _ code: String, digested: String? = nil) -> [String] {
        ["```\(language.fenceTag) gen=token-request digest=\(SampleDigest.of(digested ?? code))"]
            + code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + ["```"]
    }

    static func pythonSection(_ text: String) throws -> CodeSection {
        let groups = try GuideFixture(text).groups()
        #expect(groups.map(\.languages) == [[.python, .ruby]], "\(text)")
        return try #require(groups.first?.sections.first)
    }

    @Test(arguments: Form.allCases)
    func aTabsOtherContentIsKeptByteForByteWhileItsBlockIsFilledRegeneratedAndProtected(_ form: Form) throws {
        for (name, before, after) in Self.writersContent {
            func guide(python: [String], ruby: [String] = Self.placeholder.map { $0.replacing("python", with: "ruby") })
                -> String
            {
                Self.guide(form, before: before, after: after, python: python, ruby: ruby)
            }
            let languages: [Language] = [.python, .ruby]
            let code: (Language) -> String = { "\($0.rawValue) sample" }
            let filled = guide(python: Self.block(.python, "python sample"), ruby: Self.block(.ruby, "ruby sample"))

            // The placeholder is filled; nothing else changes.
            let once = String(
                decoding: try GuideFixture(guide(python: Self.placeholder)).filled(languages), as: UTF8.self)
            #expect(once == filled, "\(form) \(name)")

            // Read back: gen's block, not a hand edit, and the tab holds more than it.
            let section = try Self.pythonSection(filled)
            guard case .generated(let generated) = section.content else {
                Issue.record("\(form) \(name): the block is not read as gen's: \(section.content)")
                continue
            }
            #expect(!generated.isEditedByHand, "\(form) \(name)")
            #expect(section.tab?.holdsOtherContent == true, "\(form) \(name)")
            #expect(try GuideFixture(filled).filled(languages) == Array(filled.utf8), "\(form) \(name): a second run")
            #expect(
                try GuideFixture(filled).filled(languages, replacingHandEdits: true) == Array(filled.utf8),
                "\(form) \(name): --force on an unedited block")

            // A new sample replaces the block's code, and only that.
            let newer = try GuideFixture(filled).filled(languages) { "\($0.rawValue) sample\nsecond line" }
            #expect(
                String(decoding: newer, as: UTF8.self)
                    == guide(
                        python: Self.block(.python, "python sample\nsecond line"),
                        ruby: Self.block(.ruby, "ruby sample\nsecond line")), "\(form) \(name)")

            // A hand edit is kept without --force, and --force replaces the code alone.
            let edited = guide(
                python: Self.block(.python, "python sample # mine", digested: "python sample"),
                ruby: Self.block(.ruby, "ruby sample"))
            guard case .generated(let editedBlock) = try Self.pythonSection(edited).content else {
                Issue.record("\(form) \(name): the edited block is not read as gen's")
                continue
            }
            #expect(editedBlock.isEditedByHand, "\(form) \(name)")
            #expect(try GuideFixture(edited).filled(languages, code: code) == Array(edited.utf8), "\(form) \(name)")
            #expect(
                String(
                    decoding: try GuideFixture(edited).filled(languages, replacingHandEdits: true, code: code),
                    as: UTF8.self)
                    == filled, "\(form) \(name): --force")
        }
    }

    @Test(arguments: Form.allCases)
    func aTabOfTheWritersOwnCountsAsItsLanguageSoNoSecondTabIsAdded(_ form: Form) throws {
        let guide = Self.guide(
            form, before: ["Install requests first.", ""], after: ["", "```python", "print('mine')", "```"],
            python: ["```sh", "pip install requests", "```"], ruby: ["```ruby", "```"])
        let section = try Self.pythonSection(guide)
        guard case .handWritten = section.content else {
            Issue.record("expected the writer's tab: \(section.content)")
            return
        }
        let filled = try GuideFixture(guide).filledText([.python, .ruby])
        #expect(filled.ranges(of: "Python").count == guide.ranges(of: "Python").count)
        let indent = form == .mkdocs ? "    " : ""
        #expect(
            filled
                == guide.replacing(
                    "```ruby\n\(indent)```", with: "```ruby gen=token-request\n\(indent)ruby sample\n\(indent)```"))
    }

    @Test func theOnlyEmptyBlockOfATabIsItsPlaceholderWhenUntaggedOrTaggedWithTheLanguage() throws {
        for (python, filled) in [
            (["```sh", "pip install requests", "```", "", "```python", "```"], true),
            (["```", "```", "", "Then run it."], true),
            (["```text", "```", "", "Then run it."], false),
            (["```python", "```", "", "```python", "```"], false),
        ] {
            let guide = Self.guide(
                .mkdocs, before: ["Intro."], after: [], python: [""] + python, ruby: ["```ruby", "```"])
            let text = try GuideFixture(guide).filledText([.python, .ruby])
            #expect(text.contains("python sample") == filled, "\(python)")
            #expect(text.contains("Intro.") && text.contains("ruby sample"))
        }
    }

    @Test(arguments: [
        // A lazy line right under the closing fence ends the MkDocs tab; the block is the tab's.
        "## Postman guide\n\n=== \"Python\"\n\n    ```python gen=token-request\n    old\n    ```\nLazy line.\n",
        // A tab titled with no language holding only gen's block: the block's tag names it.
        "## Postman guide\n\n=== \"Output\"\n\n    ```python gen=token-request\n    old\n    ```\n",
        "## Postman guide\n\n::::{tab-set}\n:::{tab-item} Example\n\n```python gen=token-request\nold\n```\n:::\n::::\n",
        // A second block after gen's, right under its fence.
        "## Postman guide\n\n=== \"Python\"\n\n    ```python gen=token-request\n    old\n    ```\n    ```text\n    x\n    ```\n",
    ])
    func aGeneratedBlockInATabIsRegenerated(_ guide: String) throws {
        let filled = try GuideFixture(guide).filledText([.python])
        #expect(filled.contains("python sample") && !filled.contains("old"), "\(filled)")
        #expect(try GuideFixture(guide).groups().map(\.languages) == [[.python]])
    }

    /// A `gen=` block no code section holds, and the line gen names for it.
    static let unfillable: [(name: String, guide: String, line: Int)] = [
        (
            "in a list in an MkDocs tab",
            "## A\n\n=== \"Python\"\n\n    - item\n\n        ```python gen=token-request\n        x\n        ```\n", 7
        ),
        (
            "in a quote in a MyST tab",
            "## A\n\n::::{tab-set}\n:::{tab-item} Python\n\n> ```python gen=token-request\n> x\n> ```\n:::\n::::\n", 6
        ),
        (
            "a second one in a tab",
            "## A\n\n=== \"Python\"\n\n    ```python gen=token-request\n    x\n    ```\n\n    ```python gen=token-request\n    y\n    ```\n",
            9
        ),
        (
            "two in a tab that names no language",
            "## A\n\n=== \"Output\"\n\n    ```python gen=token-request\n    x\n    ```\n\n    ```ruby gen=token-request\n    y\n    ```\n",
            9
        ),
        ("in an MkDocs admonition", "## A\n\n!!! note\n\n    ```python gen=token-request\n    x\n    ```\n", 5),
        (
            "in an admonition with no blank line",
            "## A\n\n!!! note\n    ```python gen=token-request\n    x\n    ```\n", 4
        ),
        (
            "in an admonition in a tab",
            "## A\n\n=== \"Python\"\n\n    !!! note\n\n        ```python gen=token-request\n        x\n        ```\n", 7
        ),
        (
            "in tabs nested in an admonition",
            "## A\n\n!!! example\n\n    === \"Python\"\n\n        ```python gen=token-request\n        x\n        ```\n",
            7
        ),
        ("in an HTML block", "## A\n\n<div>\n```python gen=token-request\nx\n```\n</div>\n", 4),
        ("in an indented code block", "## A\n\nExample:\n\n    ```python gen=token-request\n    x\n    ```\n", 5),
        (
            "in a quote's indented block",
            "## A\n\n> !!! note\n>\n>     ```python gen=token-request\n>     x\n>     ```\n", 5
        ),
        (
            "in a MyST tab set but no tab item",
            "## A\n\n::::{tab-set}\n\n```python gen=token-request\nx\n```\n:::{tab-item} Python\n\n```python\n```\n:::\n::::\n",
            5
        ),
        (
            "in tabs Python-Markdown reads as raw HTML",
            "## A\n\n<details>\n\n=== \"Python\"\n\n    ```python gen=token-request\n    x\n    ```\n\n</details>\n", 7
        ),
    ]

    @Test func aGeneratedBlockGenCannotRefreshIsAnErrorAtItsLine() {
        for (name, guide, line) in Self.unfillable {
            do {
                let groups = try GuideFixture(guide).groups()
                Issue.record("\(name): not reported; groups \(groups.map(\.languages))")
            } catch let error as GuideError {
                #expect(error.position?.line == line, "\(name): \(error)")
                #expect(
                    error.message.contains("gen does not fill") || error.message.contains("a second generated block"),
                    "\(name): \(error.message)")
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    @Test(arguments: [
        "## A\n\n````markdown\n```python gen=token-request\nx\n```\n````\n\nPython code:\n",
        "## A\n\n~~~\n    ```python gen=token-request\n    x\n    ```\n~~~\n\nPython code:\n",
        "## A\n\n<!--\n```python gen=token-request\nx\n```\n\n    ```ruby gen=token-request\n    y\n    ```\n-->\n\nPython code:\n",
        "## A\n\nInline: ```python gen=token-request``` is what gen writes.\n\nPython code:\n",
    ])
    func aGenFenceShownAsCodeOrCommentedOutIsText(_ guide: String) throws {
        #expect(try GuideFixture(guide).groups().map(\.languages) == [[.python]])
        let filled = try GuideFixture(guide).filledText([.python])
        #expect(filled.hasPrefix(String(guide.dropLast("Python code:\n".count))), "only the label is filled")
    }

    /// The same language twice in one tab set, however it is named: refused as a label group
    /// refuses it, at the second tab.
    static let duplicates: [(name: String, guide: String, line: Int, first: Int)] = [
        (
            "MkDocs titles",
            "## A\n\n=== \"Python\"\n\n    ```python\n    ```\n\n=== \"Python\"\n\n    ```python\n    ```\n", 8, 3
        ),
        (
            "MkDocs title and another spelling",
            "## A\n\n=== \"Python\"\n\n    ```python\n    ```\n\n=== \"python\"\n\n    Text.\n", 8, 3
        ),
        (
            "MkDocs title and a block's tag",
            "## A\n\n=== \"Python\"\n\n    ```python\n    ```\n\n=== \"Example\"\n\n    ```python gen=token-request\n    x\n    ```\n",
            8, 3
        ),
        (
            "MyST titles",
            "## A\n\n::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n:::{tab-item} Python\n\n```python\n```\n:::\n::::\n",
            9, 4
        ),
        (
            "MyST title and a sync key",
            "## A\n\n::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n:::{tab-item} Py 3\n:sync: python\n\n```python\n```\n:::\n::::\n",
            9, 4
        ),
        (
            "MyST sync keys",
            "## A\n\n::::{tab-set}\n:::{tab-item} One\n:sync: ruby\n\n```ruby\n```\n:::\n:::{tab-item} Two\n:sync: ruby\n\nMine.\n:::\n::::\n",
            10, 4
        ),
    ]

    @Test func aLanguageTwiceInATabSetIsRefusedAsInALabelGroup() throws {
        for (name, guide, line, first) in Self.duplicates {
            do {
                _ = try GuideFixture(guide).groups()
                Issue.record("\(name): not refused")
            } catch let error as GuideError {
                #expect(error.position == SourcePosition(line: line, column: 1), "\(name): \(error)")
                #expect(
                    error.message.hasPrefix("a second ")
                        && error.message.hasSuffix(
                            " tab in this tab set (the first is at line \(first)); keep one"),
                    "\(name): \(error.message)")
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
        // Separate sets may each have the language (`===!` starts a new MkDocs set).
        let separate = "## A\n\n=== \"Python\"\n\n    ```python\n    ```\n\n===! \"Python\"\n\n    ```python\n    ```\n"
        #expect(try GuideFixture(separate).groups().map(\.languages) == [[.python], [.python]])
    }
}

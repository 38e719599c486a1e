import Foundation
import TestSupport
import Testing

/// Guides written in docs-platform tabs, run through the built `gen` and read back by the
/// platforms' own Markdown parsers (Python-Markdown with pymdownx, as MkDocs Material renders;
/// MyST's markdown-it parser): a writer's text beside gen's block survives every run, a block
/// gen cannot refresh fails the run, and gen fills exactly the tab sets the platform shows as
/// tabs (issue 18, items 1, 11, 12 and 13).
@Suite struct TabFormCommandTests {
    let commands = GenCommandTests()

    /// docs-site/gen.yml without the token-refresh group, for guides with one group.
    static func postmanOnlyConfiguration() throws -> String {
        try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            .replacingOccurrences(
                of: "  Handling Access Token Expiration in the Client Application: token-refresh\n", with: "")
    }

    /// The committed tab guide with the writer's lines right under the first Python tab's closing
    /// fence (no blank line between), and the line number of that tab's opening fence.
    static func withNoteUnderThePythonBlock(_ guide: String) throws -> (text: String, note: [String], fence: Int) {
        let text = try String(contentsOfFile: RepositoryPaths.path("docs-site/\(guide)"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let indent = guide.hasPrefix("mkdocs") ? "    " : ""
        let fence = try #require(lines.firstIndex { $0.hasPrefix(indent + "```python gen=token-request") })
        let close = try #require(lines[fence...].firstIndex { $0 == indent + "```" })
        let note = [
            indent + "Run it with Python 3.9 or later.", "", indent + "```text",
            indent + "Got a Bearer token that expires in 3600 seconds.", indent + "```",
        ]
        lines.insert(contentsOf: note, at: close + 1)
        return (lines.joined(separator: "\n"), note, fence + 1)
    }

    @Test(arguments: ["mkdocs/docs/index.md", "sphinx/index.md"])
    func aWritersLinesUnderAGeneratedBlockInATabSurviveRegenerationCheckAndForce(_ guide: String) throws {
        let (text, note, fence) = try Self.withNoteUnderThePythonBlock(guide)
        let noted = note.joined(separator: "\n")
        // The sample changes (another token endpoint): the block is out of date, not left stale.
        let config = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            .replacingOccurrences(
                of: "token_url: https://auth.example.com/oauth2/token",
                with: "token_url: https://login.example.org/oauth2/token")
        let directory = try commands.workspace(guide: Array(text.utf8), config: config)
        let check = try commands.run(["--check"], in: directory)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("TOKEN_URL = \"https://login.example.org/oauth2/token\""), "\(check.stdout)")
        #expect(!check.stderr.contains("edited by hand"), "not a hand edit: \(check.stderr)")

        let fill = try commands.run([], in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try String(contentsOfFile: directory + "/guide.md", encoding: .utf8)
        #expect(filled.contains(noted), "the writer's lines stay, byte for byte")
        #expect(!filled.contains("auth.example.com"), "every sample is regenerated")
        #expect(filled.components(separatedBy: "\n").count == text.components(separatedBy: "\n").count)
        #expect(try commands.run(["--check"], in: directory).status == 0)

        // A hand edit of the block is refused and named; --force replaces the code alone.
        let edited = filled.replacingOccurrences(of: "import os\n", with: "import os  # mine\n")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: directory + "/guide.md"))
        let refused = try commands.run(["--check"], in: directory)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("guide.md:\(fence): error: the Python sample was edited by hand"),
            "\(refused.stderr)")
        #expect(try commands.run(["--force"], in: directory).status == 0)
        #expect(try String(contentsOfFile: directory + "/guide.md", encoding: .utf8) == filled)
    }

    /// gen= blocks that no code section holds, and the line each run names.
    static let unfillable: [(name: String, text: String, line: Int)] = [
        ("an admonition", "!!! note\n\n    ```python gen=token-request\n    x\n    ```\n", 5),
        (
            "a list in a tab",
            "=== \"Python\"\n\n    - Run:\n\n        ```python gen=token-request\n        x\n        ```\n", 7
        ),
        (
            "a second block in a tab",
            "=== \"Python\"\n\n    ```python gen=token-request\n    x\n    ```\n    ```python gen=token-request\n    y\n    ```\n",
            8
        ),
        ("an HTML block", "<div>\n```python gen=token-request\nx\n```\n</div>\n", 4),
    ]

    @Test func aGeneratedBlockGenCannotRefreshFailsCheckAndFillWithItsLine() throws {
        for (name, text, line) in Self.unfillable {
            let guide = "## Postman guide\n\n" + text
            let directory = try commands.workspace(
                guide: Array(guide.utf8), config: try Self.postmanOnlyConfiguration())
            for arguments in [["--check"], [], ["--force"]] {
                let result = try commands.run(arguments, in: directory)
                #expect(result.status == 1, "\(name) \(arguments)")
                #expect(result.stderr.hasPrefix("guide.md:\(line):"), "\(name) \(arguments): \(result.stderr)")
            }
            #expect(try commands.guide(in: directory) == Data(guide.utf8), "\(name): nothing written")
        }
    }

    // MARK: Read back by the platforms' parsers

    /// Renders Markdown files as MkDocs Material does (pymdownx.superfences with relaxed headers,
    /// pymdownx.tabbed in the alternate style, and md_in_html) and prints, for each file, its tab
    /// sets: each tab's label and the text of the code blocks in it.
    static let pythonMarkdownTabs = """
        import json, sys
        from html.parser import HTMLParser
        import markdown

        class Tabs(HTMLParser):
            def __init__(self):
                super().__init__()
                self.sets, self.label, self.code = [], None, None
            def handle_starttag(self, tag, attrs):
                cls = dict(attrs).get("class") or ""
                if tag == "div" and cls.startswith("tabbed-set"):
                    self.sets.append({"labels": [], "codes": []})
                elif tag == "label" and self.sets:
                    self.label = ""
                elif tag == "div" and cls == "tabbed-block":
                    self.sets[-1]["codes"].append([])
                elif tag == "code" and self.sets and self.sets[-1]["codes"]:
                    self.code = ""
            def handle_endtag(self, tag):
                if tag == "label" and self.label is not None:
                    self.sets[-1]["labels"].append(self.label)
                    self.label = None
                elif tag == "code" and self.code is not None:
                    self.sets[-1]["codes"][-1].append(self.code)
                    self.code = None
            def handle_data(self, data):
                if self.label is not None:
                    self.label += data
                if self.code is not None:
                    self.code += data

        result = []
        for path in sys.argv[1:]:
            md = markdown.Markdown(
                extensions=["pymdownx.superfences", "pymdownx.tabbed", "md_in_html"],
                extension_configs={
                    "pymdownx.superfences": {"relaxed_headers": True},
                    "pymdownx.tabbed": {"alternate_style": True},
                })
            parser = Tabs()
            parser.feed(md.convert(open(path, encoding="utf-8").read()))
            result.append(parser.sets)
        print(json.dumps(result))
        """

    /// How many tab sets MyST's parser (markdown-it with colon fences, as myst_parser configures
    /// it) finds in each file.
    static let mystTabSets = """
        import json, sys
        from markdown_it.renderer import RendererHTML
        from myst_parser.config.main import MdParserConfig
        from myst_parser.parsers.mdit import create_md_parser

        md = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)
        print(json.dumps([
            len([t for t in md.parse(open(path, encoding="utf-8").read())
                 if t.type == "colon_fence" and t.info.strip() == "{tab-set}"])
            for path in sys.argv[1:]
        ]))
        """

    struct TabSet: Decodable {
        let labels: [String]
        let codes: [[String]]
    }

    func python(_ script: String, _ files: [String]) throws -> Data {
        let result = try ProcessResult.run(try Interpreters.require("python3"), ["-c", script] + files, timeout: 120)
        #expect(result.status == 0, "\(result.stderr) (\(Interpreters.installHint))")
        return Data(result.stdout.utf8)
    }

    /// MkDocs tab sets in the places item 12 names and indented as item 13 does: whether gen
    /// fills one must be whether Python-Markdown renders it as tabs.
    static let mkdocsGuides: [(name: String, text: String)] = [
        ("spaces", "=== \"Python\"\n\n    ```python\n    ```\n"),
        ("a tab character", "=== \"Python\"\n\n\t```python\n\t```\n"),
        ("spaces and a tab", "=== \"Python\"\n\n  \t```python\n\t```\n"),
        ("a tab in a list item", "- Step\n\n\t=== \"Python\"\n\n\t\t```python\n\t    ```\n"),
        ("a writer's note under the block", "=== \"Python\"\n\n\t```python\n\t```\n\tRun it.\n"),
        ("an indented code block", "Example:\n\n    === \"Python\"\n\n        ```python\n        ```\n"),
        ("a backtick fence", "````markdown\n=== \"Python\"\n\n    ```python\n    ```\n````\n"),
        ("a tilde fence", "~~~\n=== \"Python\"\n\n    ```python\n    ```\n~~~\n"),
        ("a comment", "<!--\nExample:\n\n=== \"Python\"\n\n    ```python\n    ```\n\n-->\n"),
        (
            "an HTML block",
            "<details>\n<summary>Example</summary>\n=== \"Python\"\n\n    ```python\n    ```\n</details>\n"
        ),
        ("HTML with blank lines", "<details>\n\n=== \"Python\"\n\n    ```python\n    ```\n\n</details>\n"),
        ("markdown in HTML", "<div markdown>\n\n=== \"Python\"\n\n    ```python\n    ```\n\n</div>\n"),
        ("a list item two columns in", "- Step\n\n  === \"Python\"\n\n      ```python\n      ```\n"),
    ]

    @Test func genFillsExactlyTheMkDocsTabSetsPythonMarkdownRendersAndTheyReadBackAsTheSamples() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(try Self.postmanOnlyConfiguration().utf8).write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        var originals: [String] = []
        var filled: [String] = []
        for (index, guide) in Self.mkdocsGuides.enumerated() {
            let text = "## Postman guide\n\nIntro.\n\n" + guide.text + "\nAfter.\n"
            let original = "\(directory)/original-\(index).md"
            let result = "\(directory)/filled-\(index).md"
            try Data(text.utf8).write(to: URL(fileURLWithPath: original))
            try Data(text.utf8).write(to: URL(fileURLWithPath: result))
            originals.append(original)
            filled.append(result)
        }
        let fill = try commands.run(filled.map { ($0 as NSString).lastPathComponent }, in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let decoder = JSONDecoder()
        let before = try decoder.decode([[TabSet]].self, from: try python(Self.pythonMarkdownTabs, originals))
        let after = try decoder.decode([[TabSet]].self, from: try python(Self.pythonMarkdownTabs, filled))
        // Each language's sample as gen prints it; Python-Markdown expands tab characters.
        var samples: [String: String] = [:]
        for (label, language) in [
            ("Python", "python"), ("curl", "curl"), ("JavaScript", "javascript"), ("PHP", "php"), ("Ruby", "ruby"),
            ("Go", "go"), ("Java", "java"), ("Swift", "swift"),
        ] {
            let printed = try commands.run(["--lang", language, "--snippet", "token-request"], in: directory)
            samples[label] = Self.expandingTabs(printed.stdout)
        }
        for (index, guide) in Self.mkdocsGuides.enumerated() {
            let wasFilled =
                try String(contentsOfFile: filled[index], encoding: .utf8)
                != String(contentsOfFile: originals[index], encoding: .utf8)
            #expect(wasFilled == !before[index].isEmpty, "\(guide.name): gen and Python-Markdown disagree")
            guard wasFilled else {
                #expect(after[index].isEmpty, "\(guide.name)")
                continue
            }
            #expect(after[index].count == 1, "\(guide.name): the set stays one set")
            let set = try #require(after[index].first)
            #expect(
                set.labels == ["Python", "curl", "JavaScript", "PHP", "Ruby", "Go", "Java", "Swift"], "\(guide.name)")
            for (label, codes) in zip(set.labels, set.codes) {
                #expect(
                    codes.first.map(Self.trimmingFinalLineBreaks) == samples[label].map(Self.trimmingFinalLineBreaks),
                    "\(guide.name): the \(label) tab")
            }
        }
    }

    @Test func genFillsExactlyTheMySTTabSetsMySTsParserReads() throws {
        let tabs = "::::{tab-set}\n:::{tab-item} Python\n:sync: python\n\n```python\n```\n:::\n::::\n"
        let indented = tabs.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.isEmpty ? "" : "    " + $0
        }.joined(separator: "\n")
        let guides = [
            tabs,
            "- Step\n\n"
                + tabs.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
                .joined(separator: "\n"),
            "Example:\n\n" + indented, "````markdown\n" + tabs + "````\n", "~~~\n" + tabs + "~~~\n",
            "<!--\nExample:\n\n" + tabs + "\n-->\n", "<details>\n<summary>Example</summary>\n" + tabs + "</details>\n",
            "<details>\n\n" + tabs + "\n</details>\n",
        ]
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(try Self.postmanOnlyConfiguration().utf8).write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        var files: [String] = []
        for (index, guide) in guides.enumerated() {
            let path = "\(directory)/guide-\(index).md"
            try Data(("## Postman guide\n\n" + guide + "\nAfter.\n").utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let sets = try JSONDecoder().decode([Int].self, from: try python(Self.mystTabSets, files))
        let originals = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let fill = try commands.run(files.map { ($0 as NSString).lastPathComponent }, in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        for (index, file) in files.enumerated() {
            let wasFilled = try String(contentsOfFile: file, encoding: .utf8) != originals[index]
            #expect(wasFilled == (sets[index] > 0), "guide \(index): gen and MyST disagree\n\(originals[index])")
        }
    }

    static func expandingTabs(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            var expanded = ""
            for character in line {
                if character == "\t" {
                    expanded += String(repeating: " ", count: 4 - expanded.count % 4)
                } else {
                    expanded.append(character)
                }
            }
            return expanded
        }.joined(separator: "\n")
    }

    static func trimmingFinalLineBreaks(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

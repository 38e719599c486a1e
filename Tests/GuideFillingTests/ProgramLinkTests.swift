import GenConfig
import GuideDocument
import GuideFilling
import SampleModel
import SampleRendering
import Testing

/// The line under each concise sample that links to its complete program (issue #19): written in
/// every form that holds Markdown paragraphs, gen's like the block (regenerated, a hand edit to it
/// is a hand edit to the block, removed with its language), and never mistaken for the writer's.
@Suite struct ProgramLinkTests {
    static let pragma = TemplateFile.textPragma + "\n"

    /// One line per form and snippet, so a test sees which form the guide holds.
    static func filler() throws -> GuideFiller {
        var files: [TemplateFile] = []
        for language in Language.allCases {
            for snippet in Snippet.allCases {
                let name = "\(language.rawValue)/\(snippet.rawValue)"
                files.append(TemplateFile(name: name, path: "T", text: pragma + "\(name) complete\n"))
                files.append(TemplateFile(name: name + ".concise", path: "T", text: pragma + "\(name) concise\n"))
            }
        }
        return GuideFiller(renderer: SampleRenderer(templates: try TemplateSet(files)))
    }

    static func configuration(
        _ languages: [Language] = [.python, .go], form: SampleForm = .concise, linked: Bool = true
    ) -> GenConfiguration {
        GenConfiguration(
            languages: languages,
            groups: [
                GroupRule(heading: "A", snippet: .tokenRequest, form: form, linksCompleteProgram: linked),
                GroupRule(heading: "B", snippet: .tokenRefresh, form: form, linksCompleteProgram: linked),
            ])
    }

    static let links = ProgramLinks(folder: "samples")

    static func fill(
        _ text: String, _ configuration: GenConfiguration = configuration(), force: Bool = false,
        links: ProgramLinks? = links
    ) throws -> FilledGuide {
        var filler = try filler()
        return try filler.fill(Array(text.utf8), configuration: configuration, replacingHandEdits: force, links: links)
    }

    static func text(_ guide: FilledGuide) -> String { String(decoding: guide.bytes, as: UTF8.self) }

    static let labels = "## A\n\nPython code:\n\nText.\n\n## B\n\nPython code:\n"
    static let mkdocs = "## A\n\n=== \"Python\"\n\n    ```python\n    ```\n\nAfter.\n"
    static let myst = "## A\n\n::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n::::\n\nAfter.\n"

    static let pythonLink =
        "Complete program, with retries and outage handling: [`token_request.py`](samples/python/token_request.py)"

    @Test func aConciseSampleUnderALabelIsFollowedByItsLinkAndASecondRunChangesNothing() throws {
        let filled = try Self.fill(Self.labels)
        let text = Self.text(filled)
        #expect(text.contains("python/token-request concise\n```\n\n\(Self.pythonLink)\n\nGo code:"), "\(text)")
        #expect(
            text.contains(
                "go/token-refresh concise\n```\n\nComplete program, with retries and outage handling: [`token_manager.go`](samples/go/token_manager.go)"
            ))
        #expect(
            filled.groups.map(\.languages) == [[.python, .go], [.python, .go]], "one group each: the line is gen's")
        #expect(try Self.fill(text).bytes == filled.bytes)
    }

    @Test(arguments: [mkdocs, myst])
    func aTabsLinkSitsInTheTabAndReadsBack(_ guide: String) throws {
        let filled = try Self.fill(guide)
        let text = Self.text(filled)
        let indent = guide == Self.mkdocs ? "    " : ""
        #expect(text.contains("concise\n\(indent)```\n\n\(indent)\(Self.pythonLink)\n"), "\(text)")
        #expect(try Self.fill(text).bytes == filled.bytes, "a second run changes nothing")
        // Dropping the language takes the whole tab, link included: the link is not the writer's text.
        let dropped = Self.text(try Self.fill(text, Self.configuration([.go])))
        #expect(!dropped.contains("python") && !dropped.contains("Python"), "\(dropped)")
        #expect(dropped.contains("[`token_request.go`](samples/go/token_request.go)"), "\(dropped)")
    }

    @Test(arguments: [
        ("> Python code:\n", "> "), ("- Python code:\n", "  "), ("1. > Python code:\n", "   > "),
    ])
    func aLinkInAContainerCarriesTheContainersPrefix(_ label: String, _ prefix: String) throws {
        let filled = try Self.fill("## A\n\n" + label, Self.configuration([.python]))
        let text = Self.text(filled)
        #expect(text.contains("\n\(prefix)\(Self.pythonLink)"), "\(text)")
        #expect(try Self.fill(text, Self.configuration([.python])).bytes == filled.bytes)
    }

    @Test func aCRLFGuideGetsACRLFLink() throws {
        let filled = Self.text(try Self.fill("## A\r\n\r\nPython code:\r\n", Self.configuration([.python])))
        #expect(
            filled.contains("```\r\n\r\n\(Self.pythonLink)\r\n") || filled.hasSuffix("```\r\n\r\n\(Self.pythonLink)"))
        #expect(!filled.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    static func edit(_ name: String, _ text: String) -> String {
        switch name {
        case "reworded": text.replacingOccurrences(of: "with retries", with: "with all the retries")
        case "retargeted": text.replacingOccurrences(of: "(samples/python/token_request.py)", with: "(elsewhere.py)")
        default: text.replacingOccurrences(of: "\n\n" + pythonLink, with: "")
        }
    }

    @Test(arguments: ["reworded", "retargeted", "removed"])
    func aHandEditToTheLinkIsAHandEditToTheBlockAndForceRestoresIt(_ name: String) throws {
        let change = { Self.edit(name, $0) }
        let filled = Self.text(try Self.fill(Self.labels, Self.configuration([.python])))
        let edited = change(filled)
        try #require(edited != filled)
        let kept = try Self.fill(edited, Self.configuration([.python]))
        #expect(!kept.editedByHand.isEmpty && kept.editedByHand.allSatisfy { $0.language == .python }, "\(name)")
        #expect(Self.text(kept) == edited, "\(name): a hand edit is left as it is")
        let forced = try Self.fill(edited, Self.configuration([.python]), force: true)
        #expect(Self.text(forced) == filled, "\(name): --force restores the block and its line")
    }

    @Test func theCompleteFormAndCompleteProgramNoneWriteNoLineAndTakeAnOldOneAway() throws {
        let linked = Self.text(try Self.fill(Self.labels, Self.configuration([.python])))
        for configuration in [
            Self.configuration([.python], form: .complete), Self.configuration([.python], linked: false),
        ] {
            let text = Self.text(try Self.fill(linked, configuration))
            #expect(!text.contains("Complete program"), "\(text)")
            #expect(text == Self.text(try Self.fill(Self.labels, configuration)), "as if never linked")
        }
        #expect(Self.text(try Self.fill(Self.labels, links: nil)).contains("Complete program") == false)
        #expect(Self.text(try Self.fill(Self.labels, Self.configuration(form: .complete))).contains("complete\n```"))
    }

    /// A paragraph that merely starts like gen's line is the writer's unless it sits right under
    /// a block gen wrote.
    @Test func aWritersParagraphThatStartsLikeTheLinkIsLeftAlone() throws {
        let writers = "Complete program, with retries and outage handling: see the appendix."
        for guide in [
            "## A\n\n\(writers)\n\nPython code:\n", "## A\n\nText.\n\n\(writers)\n",
            "## A\n\n```python\nhand()\n```\n\n\(writers)\n",
        ] {
            let text = Self.text(try Self.fill(guide, Self.configuration([.python])))
            #expect(text.contains(writers), "\(text)")
        }
    }

    @Test(arguments: [
        ("my samples", "my%20samples/python/token_request.py"), ("a(b)", "a%28b%29/python/token_request.py"),
        ("../shared/progs", "../shared/progs/python/token_request.py"), ("ü", "%C3%BC/python/token_request.py"),
    ])
    func theLinksPathIsOneMarkdownDestinationWhateverTheFoldersName(_ folder: String, _ href: String) throws {
        let text = Self.text(
            try Self.fill("## A\n\nPython code:\n", Self.configuration([.python]), links: ProgramLinks(folder: folder)))
        #expect(text.contains("](\(href))"), "\(text)")
        let document = MarkdownDocument(parsing: try SourceText(Array(text.utf8)))
        #expect(document.html().contains("href=\"\(href)\""), "cmark reads it as one link")
    }
}

extension ProgramLinkTests {
    /// The writer's lines between gen's block and its link line, in a tab: both stay gen's, the
    /// writer's lines stay theirs, through regeneration, a check, a dropped link and a dropped language.
    @Test(arguments: [true, false])
    func aWritersLinesBetweenTheBlockAndItsLinkInATabStayTheirs(_ mkdocs: Bool) throws {
        let guide = mkdocs ? Self.mkdocs : Self.myst
        let indent = mkdocs ? "    " : ""
        let filled = Self.text(try Self.fill(guide, Self.configuration([.python, .go])))
        let note = "\(indent)Run it with Python 3.9 or later."
        let noted = filled.replacingOccurrences(
            of: "concise\n\(indent)```\n\n\(indent)\(Self.pythonLink)",
            with: "concise\n\(indent)```\n\n\(note)\n\n\(indent)\(Self.pythonLink)")
        try #require(noted != filled)
        let again = try Self.fill(noted, Self.configuration([.python, .go]))
        #expect(again.editedByHand.isEmpty, "the writer's lines are not a hand edit of the block")
        #expect(Self.text(again) == noted, "nothing to do")
        // Another model: the block is regenerated, the writer's lines and the link stay put.
        var other = Self.configuration([.python, .go])
        other.model.tokenRequest.timeoutSeconds = 7
        let changed = try Self.fill(noted, other, links: ProgramLinks(folder: "programs"))
        let text = Self.text(changed)
        #expect(
            text.contains(
                "\(note)\n\n\(indent)Complete program, with retries and outage handling: [`token_request.py`](programs/python/token_request.py)"
            ), "\(text)")
        #expect(!text.contains("samples/python"), "\(text)")
        #expect(try Self.fill(text, other, links: ProgramLinks(folder: "programs")).bytes == changed.bytes)
        // No link any more: the line goes, the writer's stays.
        let unlinked = Self.text(try Self.fill(noted, Self.configuration([.python, .go], linked: false)))
        #expect(unlinked.contains(note) && !unlinked.contains("token_request.py"), "\(unlinked)")
        // Python dropped: its block and its link go, the writer's lines stay in the tab.
        let dropped = Self.text(try Self.fill(noted, Self.configuration([.go])))
        #expect(dropped.contains(note) && !dropped.contains("python"), "\(dropped)")
    }
}

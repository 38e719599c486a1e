import GuideDocument
import SampleModel
import Testing

/// Words a writer adds to a generated block's info string survive every run, in labels, MkDocs
/// tabs and MyST tabs, under `--force` too; hand-edit detection still reads only the code
/// (issue 18, item 14).
@Suite struct WritersInfoWordsTests {
    static let old = "old code"
    static let new = "print(\"new\")\nprint(2)"
    static var oldDigest: String { SampleDigest.of(old) }
    static var newDigest: String { SampleDigest.of(new) }

    /// The guide filled with `code` for Python (and whatever else `languages` lists), the group's
    /// snippet token-request.
    static func fill(
        _ text: String, languages: [Language] = [.python], force: Bool = false,
        code: (Language) -> String = { _ in new }
    ) throws -> String {
        let source = try SourceText(Array(text.utf8))
        let groups = try SectionFinder().groups(in: MarkdownDocument(parsing: source))
        let splicer = GuideSplicer(source: source)
        var blocks = FencedBlockCache()
        let edits = groups.flatMap {
            splicer.edits(
                filling: $0, with: .tokenRequest, languages: languages, blocks: &blocks, replacingHandEdits: force,
                code: code)
        }
        return String(decoding: GuideEdit.apply(edits, to: source.bytes), as: UTF8.self)
    }

    /// The first generated block of a guide.
    static func generated(_ text: String) throws -> GeneratedBlock? {
        let groups = try GuideFixture(text).groups()
        for section in groups.flatMap(\.sections) {
            if case .generated(let block) = section.content { return block }
        }
        return nil
    }

    /// Writers' words, each as one info string around gen's words.
    static let words: [(before: String, after: String)] = [
        ("", #" title="token_request.py" linenums="1" hl_lines="3 4""#),
        (#" title="token request.py""#, #" hl_lines="3 4""#),
        ("", " {.numberLines startFrom=\"10\"}"),
        ("", " {1, 3-4} caption='Get a token'"),
        ("", "  \t linenums=\"1\""),
    ]

    /// Each layout's guide with a generated Python block whose info string is
    /// `python<before> gen=token-request digest=…<after>`, holding `code`.
    static func layouts(before: String, after: String, digest: String, code: String) -> [String] {
        let info = "python\(before) gen=token-request digest=\(digest)\(after)"
        func block(_ prefix: String) -> String {
            "```\(info)\n" + code.split(separator: "\n").map { prefix + $0 + "\n" }.joined() + prefix + "```\n"
        }
        return [
            "## Postman guide\n\nPython code:\n\n\(block(""))\nAfter.\n",
            "## Postman guide\n\n> Python code:\n>\n> \(block("> "))",
            "## Postman guide\n\n- Python code:\n\n  \(block("  "))",
            "## Postman guide\n\n\(block(""))",
            "## Postman guide\n\n=== \"Python\"\n\n    \(block("    "))\nAfter.\n",
            "## Postman guide\n\n::::{tab-set}\n:::{tab-item} Python\n:sync: python\n\n\(block("")):::\n::::\n",
        ]
    }

    @Test func aRegeneratedBlockKeepsTheWritersWordsInEveryLayout() throws {
        for (before, after) in Self.words {
            let stale = Self.layouts(before: before, after: after, digest: Self.oldDigest, code: Self.old)
            let current = Self.layouts(before: before, after: after, digest: Self.newDigest, code: Self.new)
            for (guide, expected) in zip(stale, current) {
                let filled = try Self.fill(guide)
                #expect(filled == expected, "\(guide)")
                #expect(try Self.fill(filled) == filled, "a second run changes nothing: \(filled)")
                let block = try #require(try Self.generated(filled))
                #expect(block.recordedDigest == Self.newDigest && !block.isEditedByHand, "\(filled)")
            }
        }
    }

    @Test func theWordsAreKeptAndTheCodeReplacedByteForByte() throws {
        let guide = """
            ## Postman guide

            Python code:

            ```python title="token_request.py" gen=token-request digest=\(Self.oldDigest) linenums="1" hl_lines="3 4"
            \(Self.old)
            ```

            """
        #expect(
            try Self.fill(guide) == """
                ## Postman guide

                Python code:

                ```python title="token_request.py" gen=token-request digest=\(Self.newDigest) linenums="1" hl_lines="3 4"
                \(Self.new)
                ```

                """)
    }

    /// Only the code tells a hand edit: a writer's words added to the info string are not one,
    /// and a block whose code changed is kept, words and all, until `--force` replaces its code.
    @Test func handEditDetectionReadsOnlyTheCode() throws {
        for (before, after) in Self.words {
            let current = Self.layouts(before: before, after: after, digest: Self.newDigest, code: Self.new)
            for guide in current {
                #expect(try Self.generated(guide)?.isEditedByHand == false, "\(guide)")
                #expect(try Self.fill(guide) == guide, "\(guide)")
            }
            let edited = Self.layouts(before: before, after: after, digest: Self.oldDigest, code: "mine")
            let forcedExpected = Self.layouts(before: before, after: after, digest: Self.newDigest, code: Self.new)
            for (guide, expected) in zip(edited, forcedExpected) {
                #expect(try Self.generated(guide)?.isEditedByHand == true, "\(guide)")
                #expect(try Self.fill(guide) == guide, "left as it is: \(guide)")
                #expect(try Self.fill(guide, force: true) == expected, "\(guide)")
            }
        }
    }

    /// A placeholder's own words (the tab's empty block) are kept when gen fills it, after gen's.
    @Test func aPlaceholdersWordsAreKeptWhenItIsFilled() throws {
        let mkdocs = "=== \"Python\"\n\n    ```py title=\"token_request.py\" linenums=\"1\"\n    ```\n"
        let myst = "::::{tab-set}\n:::{tab-item} Python\n\n```{.python .numberLines}\n```\n:::\n::::\n"
        for (guide, info) in [
            (mkdocs, "python gen=token-request digest=\(Self.newDigest) title=\"token_request.py\" linenums=\"1\""),
            (myst, "{.python gen=token-request digest=\(Self.newDigest) .numberLines}"),
        ] {
            let text = "## Postman guide\n\n" + guide
            let filled = try Self.fill(text)
            #expect(filled.contains("```\(info)\n"), "\(filled)")
            #expect(try Self.fill(filled) == filled)
            #expect(try Self.generated(filled)?.isEditedByHand == false)
        }
    }

    /// A word holding a backtick can only stand after tildes: the block is written with a tilde
    /// fence, longer than any run of tildes in the code.
    @Test func aWordWithABacktickKeepsTheBlockATildeFence() throws {
        let guide =
            "## Postman guide\n\nPython code:\n\n~~~python gen=token-request digest=\(Self.oldDigest) title=`a`\n\(Self.old)\n~~~\n"
        let code = "x = 1\n~~~~\ny = '```'"
        let filled = try Self.fill(guide) { _ in code }
        #expect(
            filled
                == "## Postman guide\n\nPython code:\n\n~~~~~python gen=token-request digest=\(SampleDigest.of(code)) title=`a`\n\(code)\n~~~~~\n"
        )
        #expect(try Self.fill(filled) { _ in code } == filled)
        let block = try #require(try Self.generated(filled))
        #expect(block.recordedDigest == SampleDigest.of(code) && !block.isEditedByHand)
    }

    /// Escapes and entities in a writer's word are kept as written, not as cmark-gfm decodes them.
    @Test func escapesInAWordAreKeptAsWritten() throws {
        let guide =
            "## Postman guide\n\nPython code:\n\n```python gen=token-request digest=\(Self.oldDigest) title=\"a\\_b &amp; c\"\n\(Self.old)\n```\n"
        let filled = try Self.fill(guide)
        #expect(filled.contains(#"digest=\#(Self.newDigest) title="a\_b &amp; c""#), "\(filled)")
    }

    /// gen's words in any order among the writer's: read, kept where they stand, and the code's
    /// digest read too (a digest gone unread would make the block count as edited by hand).
    @Test func gensWordsAreFoundInAnyOrder() throws {
        func permutations(_ words: [String]) -> [[String]] {
            guard words.count > 1 else { return [words] }
            return words.indices.flatMap { index in
                var rest = words
                let first = rest.remove(at: index)
                return permutations(rest).map { [first] + $0 }
            }
        }
        let gens = ["gen=token-request", "digest=\(Self.newDigest)", #"title="a b""#, "linenums=\"1\""]
        var infos = permutations(gens).map { "python " + $0.joined(separator: " ") }
        infos += permutations(gens + [".python"]).map { "{" + $0.joined(separator: " ") + "}" }
        for info in infos {
            let guide = "## Postman guide\n\nPython code:\n\n```\(info)\n\(Self.new)\n```\n"
            let block = try #require(try Self.generated(guide), "\(info)")
            #expect(!block.isEditedByHand && block.recordedDigest == Self.newDigest, "\(info)")
            #expect(try Self.fill(guide) == guide, "\(info)")
            let stale = guide.replacing(Self.new, with: Self.old).replacing(Self.newDigest, with: Self.oldDigest)
            #expect(try Self.fill(stale) == guide, "\(info)")
        }
    }
}

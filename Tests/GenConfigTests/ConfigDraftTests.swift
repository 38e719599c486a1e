import Foundation
import GenConfig
import SampleModel
import TestSupport
import Testing

/// The gen.yml `gen init` drafts (issue 22, item 1): whatever it writes reads back through gen's
/// own reader as the configuration it describes — the guide, the languages found, one group per
/// heading gen matches, and the model's defaults.
@Suite struct ConfigDraftTests {
    func parse(_ text: String) throws -> GenConfiguration {
        try ConfigFile.parse(text, path: "gen.yml")
    }

    static let seedGroups = [
        ConfigDraft.Group(heading: "Postman guide", line: 38, languages: [.python, .javascript, .php], form: .labels),
        ConfigDraft.Group(
            heading: "Handling Access Token Expiration in the Client Application", line: 51,
            languages: [.python, .javascript, .php], form: .labels),
    ]

    @Test func theSeedGuidesDraftReadsBackAsItsGroupsLanguagesAndTheDefaults() throws {
        let draft = ConfigDraft(guidePath: "guide.md", groups: Self.seedGroups)
        let read = try parse(draft.text)
        #expect(read == draft.configuration)
        #expect(
            read
                == GenConfiguration(
                    guidePath: "guide.md", languages: [.python, .javascript, .php], groups: GroupRule.guideDefaults,
                    model: .guideDefault))
        #expect(read.templatesPath == nil && read.openAPIPath == nil && read.securityScheme == nil)
    }

    @Test func theModelsValuesAreTheShippedGenYmlsDefaults() throws {
        let shipped = try parse(String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8))
        let draft = try parse(ConfigDraft(guidePath: "guide.md", groups: Self.seedGroups).text)
        #expect(draft.model == shipped.model)
        #expect(draft.model == ClientModel.guideDefault)
        #expect(draft.groups == shipped.groups)
    }

    @Test func everyKeyOfTheTableIsWrittenSetOrCommentedOut() throws {
        let lines = ConfigDraft(guidePath: "guide.md", groups: Self.seedGroups).text.split(separator: "\n")
        let set = Set(lines.compactMap { $0.wholeMatch(of: /\s*([a-z_]+):.*/)?.output.1 }.map(String.init))
        let commented = Set(
            lines.compactMap { $0.wholeMatch(of: /# ([a-z_]+): .*/)?.output.1 }.map(String.init).filter {
                ConfigKey(rawValue: $0) != nil
            })
        for key in ConfigKey.allCases {
            #expect(set.contains(key.name) != commented.contains(key.name), "\(key.name)")
        }
        #expect(commented == [ConfigKey.templates.name, ConfigKey.openAPI.name, ConfigKey.securityScheme.name])
        // Uncommented, the optional keys read too (as a writer would fill them in).
        let uncommented = lines.map { line in
            line.wholeMatch(of: /# ((templates|openapi|security_scheme): .*)/).map { String($0.output.1) }
                ?? String(line)
        }.joined(separator: "\n")
        let read = try parse(uncommented)
        #expect(
            read.templatesPath == "templates" && read.openAPIPath == "openapi.yaml" && read.securityScheme == "oauth")
    }

    @Test func theLanguagesFoundComeFirstInOrderAndTheOthersCommentedOut() throws {
        let groups = [
            ConfigDraft.Group(heading: "B", line: 9, languages: [.go, .python], form: .mkdocsTabs),
            ConfigDraft.Group(heading: "A", line: 3, languages: [.ruby, .python], form: .labels),
        ]
        let text = ConfigDraft(guidePath: "guide.md", groups: groups).text
        #expect(try parse(text).languages == [.ruby, .python, .go])
        #expect(text.contains("languages:\n  - ruby\n  - python\n  - go\n  # - curl\n  # - javascript\n  # - php\n"))
        // Each commented language, uncommented, is added in the place it is listed.
        let all = text.replacing("  # - ", with: "  - ")
        #expect(try parse(all).languages == [.ruby, .python, .go, .curl, .javascript, .php, .java, .swift])
    }

    @Test func aGuideWithoutCodeSectionsGetsEveryLanguageAndNoGroups() throws {
        let draft = ConfigDraft(guidePath: "notes.md", groups: [])
        let read = try parse(draft.text)
        #expect(read.languages == Language.allCases)
        #expect(read.groups.isEmpty, "not the seed guide's defaults, which a --check would miss")
        #expect(draft.text.contains("#     Postman guide: token-request\n"))
        #expect(read == draft.configuration)
    }

    /// Headings as a guide may have them: every one reads back as a heading gen matches with the
    /// guide's own.
    @Test(arguments: [
        "Step 1: get a token", "Step 1:get a token", "Ends with a colon:", "C# and F#", "Token #2", "#hashtag",
        "\"Quoted\" title", "'Single' quotes", "It's a token", "- leading dash", "-dash", "? question", "Why? Because",
        "[brackets]", "{braces}", "a, b and c", "null", "Null", "~", "true", "Yes", "no", "on", "y", "123", "1.5",
        "0x1F", "1e3", ".inf", ".nan", "<<", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "|pipe",
        ">folded", "Gérer l’expiration du jeton", "トークンの更新", "Ключ доступа", "emoji 🔑 refresh", "Ñ", "e\u{301}",
        "back\\slash \\n", "zero\u{200B}width", "\u{FEFF}byte order mark first", "bidi \u{202E}override",
        "nonchar \u{FFFE}", "private \u{E000}", "astral \u{1F600}", "tab\tinside", "two  spaces",
        "  surrounded  ", "line\u{2028}separator", "nbsp\u{00A0}inside", "a: b: c", "key: ", "x #y",
        String(repeating: "long heading ", count: 160), "",
    ])
    func aHeadingReadsBackAsTheHeadingGenMatches(_ heading: String) throws {
        let draft = ConfigDraft(
            guidePath: "guide.md",
            groups: [.init(heading: heading, line: 5, languages: [.python], form: .labels)])
        let read = try parse(draft.text)
        #expect(read == draft.configuration)
        #expect(read.groups.count == 1)
        #expect(read.groups.map { GroupRule.normalized($0.heading) } == [GroupRule.normalized(heading)])
        #expect(read.snippetsByHeading[GroupRule.normalized(heading)] != nil)
    }

    @Test func sectionsBeforeAnyHeadingAreTheEmptyHeading() throws {
        let draft = ConfigDraft(
            guidePath: "guide.md", groups: [.init(heading: nil, line: 1, languages: [.php], form: .labels)])
        #expect(try parse(draft.text).groups == [GroupRule(heading: "", snippet: .tokenRequest)])
        #expect(draft.text.contains("\n  \"\": token-request\n"))
    }

    @Test func headingsGenMatchesAsOneAreOneEntryWithEveryLanguage() throws {
        let groups = [
            ConfigDraft.Group(heading: "Set up", line: 3, languages: [.python], form: .labels),
            ConfigDraft.Group(heading: "SET   UP", line: 20, languages: [.curl, .python], form: .labels),
            ConfigDraft.Group(heading: "Other", line: 30, languages: [.python], form: .labels),
        ]
        let draft = ConfigDraft(guidePath: "guide.md", groups: groups)
        #expect(draft.headings.map(\.key) == ["Set up", "Other"])
        #expect(draft.headings[0].groups.count == 2)
        // curl under the second spelling: token-request for both, which share one entry.
        #expect(try parse(draft.text).groups.map(\.snippet) == [.tokenRequest, .tokenRefresh])
    }

    @Test(arguments: ["\u{7}bell", "escape \u{1B}[31m", "del\u{7F}", "c1 \u{85}\u{9B}"])
    func aHeadingWithAControlCharacterIsLeftOutAndSaysWhy(_ heading: String) throws {
        let draft = ConfigDraft(
            guidePath: "guide.md",
            groups: [
                .init(heading: heading, line: 4, languages: [.python], form: .labels),
                .init(heading: "Fine", line: 9, languages: [.python], form: .labels),
            ])
        let read = try parse(draft.text)
        #expect(read.groups.map(\.heading) == ["Fine"])
        #expect(draft.headings[0].problem?.contains("a control character gen.yml cannot name") == true)
        #expect(draft.text.contains("Not mapped: the heading holds U+"))
        #expect(!draft.text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }

    @Test(arguments: [
        "guide.md", "my guide.md", "a: b.md", "#guide.md", "- x.md", "null", "true.md", "é.md", "\"q\".md", "x #y.md",
        "ü\u{200B}.md",
    ])
    func aGuidesNameReadsBackAsItIs(_ name: String) throws {
        let read = try parse(ConfigDraft(guidePath: name, groups: Self.seedGroups).text)
        #expect(read.guidePath == name)
    }

    /// Text from an alphabet of what YAML reads specially, in a fixed pseudo-random sequence:
    /// every string written as a value reads back as itself.
    @Test func arbitraryTextReadsBackAsItself() throws {
        let alphabet = Array(
            "aZ09 :#-?,[]{}&*!|>'\"%@`\\~.<=+_/\u{A0}\u{2028}\u{200B}\u{FEFF}\u{202E}é🔑ト\u{301}\u{FFFE}\u{E000}"
                .unicodeScalars)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + next(12)) { text.append(alphabet[next(alphabet.count)]) }
            let value = String(text)
            let read = try parse(
                "guide: \(YAMLScalar.written(value))\ngroups:\n  \(YAMLScalar.written(value)): token-refresh\n")
            #expect(read.guidePath == value, "\(value.debugDescription) as \(YAMLScalar.written(value))")
            #expect(read.groups.map(\.heading) == [value], "\(value.debugDescription) as \(YAMLScalar.written(value))")
        }
    }

    @Test func plainTextStaysPlain() {
        for text in [
            "Postman guide", "https://auth.example.com/oauth2/token", "guide.md", "Gérer l'accès", "a:b", "C#",
        ] {
            #expect(YAMLScalar.written(text) == text)
        }
    }
}

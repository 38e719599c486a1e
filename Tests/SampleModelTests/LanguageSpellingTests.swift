import SampleModel
import Testing

/// The one alias table: every place a language is read (labels, tab titles, `:sync:` keys, fence
/// tags, `--lang`, gen.yml) goes through `Language(name:)` (issue 18, item 16).
@Suite struct LanguageSpellingTests {
    /// Spellings writers use, each with the language it must name.
    static let spellings: [(String, Language)] = [
        ("curl", .curl), ("cURL", .curl), ("CURL", .curl), ("bash", .curl), ("Bash", .curl), ("sh", .curl),
        ("shell", .curl), ("Shell", .curl),
        ("python", .python), ("Python", .python), ("py", .python), ("PY", .python), ("python3", .python),
        ("Python3", .python), ("py3", .python), ("Python 3", .python), ("python\t 3", .python),
        ("javascript", .javascript), ("JavaScript", .javascript), ("Javascript", .javascript), ("js", .javascript),
        ("JS", .javascript), ("node", .javascript), ("Node", .javascript), ("Node.js", .javascript),
        ("node.JS", .javascript), ("NodeJS", .javascript), ("nodejs", .javascript), ("mjs", .javascript),
        ("php", .php), ("PHP", .php),
        ("ruby", .ruby), ("Ruby", .ruby), ("rb", .ruby), ("RB", .ruby),
        ("go", .go), ("Go", .go), ("golang", .go), ("GoLang", .go),
        ("java", .java), ("Java", .java), ("JAVA", .java),
        ("swift", .swift), ("Swift", .swift),
    ]

    @Test func everyUsualSpellingNamesItsLanguageInAnyCase() {
        for (spelling, language) in Self.spellings {
            #expect(Language(name: spelling) == language, "\(spelling)")
            #expect(Language(name: spelling.uppercased()) == language, "\(spelling.uppercased())")
        }
    }

    @Test func blanksAroundOrInsideANameAreNotPartOfIt() {
        #expect(Language(name: "  Node.js ") == .javascript)
        #expect(Language(name: "\tpy\t") == .python)
        #expect(Language(name: "Python   3") == .python)
        #expect(Language(name: " golang\n") == .go)
        // Blanks do not join words: "node js" and "java script" are not spellings.
        #expect(Language(name: "java script") == nil)
        #expect(Language(name: "py thon") == nil)
    }

    /// Neighbours are not guessed: a tab or label in one of these stays the writer's.
    @Test func aNeighbouringLanguageIsNotOurs() {
        for name in [
            "kt", "kotlin", "Kotlin", "ts", "TypeScript", "tsx", "jsx", "cjs", "c#", "C#", "csharp", "cs", ".NET",
            "console", "shell-session", "zsh", "fish", "powershell", "ps1", "python2", "py2", "scala", "groovy",
            "objective-c", "c", "c++", "rust", "text", "json", "http", "", "  ", "code", "javascript:",
        ] {
            #expect(Language(name: name) == nil, "\(name)")
        }
    }

    /// One table, no overlaps: a spelling names one language, and each descriptor's spellings
    /// are stored as the table compares them (lower case, single blanks).
    @Test func theTableIsUnambiguousAndNormalised() {
        var owner: [String: Language] = [:]
        for language in Language.allCases {
            #expect(language.spellings.first == language.rawValue)
            #expect(language.spellings.contains(language.fenceTag))
            for spelling in language.spellings {
                #expect(LanguageDescriptor.normalised(spelling) == spelling, "\(spelling)")
                #expect(owner[spelling] == nil, "\(spelling) names \(owner[spelling]!) and \(language)")
                owner[spelling] = language
                #expect(Language(name: spelling) == language)
            }
        }
        // The display name and the fence tag read back too: what gen writes, it reads.
        for language in Language.allCases {
            #expect(Language(name: language.displayName) == language)
            #expect(Language(name: language.fenceTag) == language)
        }
    }

    /// The rows the README's table shows, pinned so that a change to the table is a change to
    /// the README too.
    @Test func theDocumentedTable() {
        #expect(Language.curl.spellings == ["curl", "bash", "shell", "sh"])
        #expect(Language.python.spellings == ["python", "py", "python3", "py3", "python 3"])
        #expect(Language.javascript.spellings == ["javascript", "js", "node", "node.js", "nodejs", "mjs"])
        #expect(Language.php.spellings == ["php"])
        #expect(Language.ruby.spellings == ["ruby", "rb"])
        #expect(Language.go.spellings == ["go", "golang"])
        #expect(Language.java.spellings == ["java"])
        #expect(Language.swift.spellings == ["swift"])
    }
}

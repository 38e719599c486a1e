import Foundation
import GenConfig
import GuideDocument
import GuideFilling
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// A `gen=` block the configuration no longer produces is removed by `gen`, so `--check`
/// reports it as a difference (issue 10, item 7): a language dropped from `languages:` loses its
/// block (and its label when the label reads as `gen` inserts it); a heading dropped from
/// `groups:` loses its whole group of generated sections.
@Suite struct StaleSampleTests {
    static let pragma = TemplateFile.textPragma + "\n"

    /// The languages "every language" means here: four, so expected guides can be spelled out.
    static let original: [Language] = [.python, .javascript, .php, .swift]

    /// One-line samples, so expected guides can be spelled out.
    static func filler() throws -> GuideFiller {
        var files: [TemplateFile] = []
        for language in Language.allCases {
            for snippet in Snippet.allCases {
                files.append(
                    TemplateFile(
                        name: "\(language.rawValue)/\(snippet.rawValue)", path: "T",
                        text: pragma + "\(language.rawValue) \(snippet.rawValue)\n"))
            }
        }
        return GuideFiller(renderer: SampleRenderer(templates: try TemplateSet(files)))
    }

    static func configuration(
        _ languages: [Language] = StaleSampleTests.original,
        groups: [GroupRule] = [
            GroupRule(heading: "A", snippet: .tokenRequest), GroupRule(heading: "B", snippet: .tokenRefresh),
        ]
    ) -> GenConfiguration {
        GenConfiguration(languages: languages, groups: groups)
    }

    static func fill(_ text: String, _ configuration: GenConfiguration) throws -> FilledGuide {
        var filler = try filler()
        return try filler.fill(Array(text.utf8), configuration: configuration)
    }

    static func text(_ guide: FilledGuide) -> String { String(decoding: guide.bytes, as: UTF8.self) }

    static let guide = "## A\n\nPython code:\n\nJavascript code:\n\nText.\n\n## B\n\nPython code:\n"

    @Test func droppingALanguageRemovesItsBlocksAndTheLabelsGenInserted() throws {
        let all = try Self.fill(Self.guide, Self.configuration())
        #expect(Self.text(all).contains("Swift code:"))
        let fewer = try Self.fill(Self.text(all), Self.configuration([.python, .php]))
        // As if JavaScript and Swift had never been configured: "Javascript code:" is the
        // guide's own label (gen writes "JavaScript"), so it stays, empty; "Swift code:" goes.
        #expect(Self.text(fewer) == Self.text(try Self.fill(Self.guide, Self.configuration([.python, .php]))))
        #expect(!Self.text(fewer).contains("javascript token-request") && !Self.text(fewer).contains("swift"))
        #expect(Self.text(fewer).contains("Javascript code:\n\nPHP code:"))
        #expect(fewer.removed.map(\.language) == [.javascript, .swift, .javascript, .swift])
        #expect(
            try Self.fill(Self.text(fewer), Self.configuration([.python, .php])).bytes == fewer.bytes,
            "a second run changes nothing")
        // Configured again, every group has every language again.
        let again = try Self.fill(Self.text(fewer), Self.configuration())
        #expect(again.groups.allSatisfy { Set($0.languages) == Set(Self.original) })
    }

    @Test(arguments: [Language.python, .javascript, .php, .swift])
    func droppingAnyOneLanguageIsReportedByCheck(_ dropped: Language) throws {
        let all = try Self.fill(Self.guide, Self.configuration())
        let languages = Self.original.filter { $0 != dropped }
        let fewer = try Self.fill(Self.text(all), Self.configuration(languages))
        #expect(fewer.bytes != all.bytes, "--check compares these: it must see a difference")
        #expect(!Self.text(fewer).contains("```\(dropped.rawValue) gen="))
        #expect(try Self.fill(Self.text(fewer), Self.configuration(languages)).bytes == fewer.bytes)
    }

    @Test func droppingAGroupRemovesItsGeneratedSections() throws {
        let all = try Self.fill(Self.guide, Self.configuration())
        let fewer = try Self.fill(
            Self.text(all), Self.configuration(groups: [GroupRule(heading: "A", snippet: .tokenRequest)]))
        #expect(Self.text(fewer).hasSuffix("Text.\n\n## B\n"), "\(Self.text(fewer))")
        #expect(!Self.text(fewer).contains("refresh"))
        #expect(fewer.removed.count == 4 && fewer.groups.count == 1)
        #expect(
            try Self.fill(
                Self.text(fewer), Self.configuration(groups: [GroupRule(heading: "A", snippet: .tokenRequest)])
            ).bytes == fewer.bytes)
    }

    @Test(arguments: ["> ", "- ", "1. ", "> - "])
    func staleSectionsInContainersGoCleanly(_ prefix: String) throws {
        let continuation = String(prefix.map { $0 == ">" || $0 == " " ? $0 : " " })
        let blank = continuation.hasPrefix(">") ? ">" : ""
        let guide = "## A\n\n\(prefix)Python code:\n\(blank)\n\(continuation)PHP code:\n\nAfter.\n"
        let all = try Self.fill(guide, Self.configuration())
        let fewer = try Self.fill(Self.text(all), Self.configuration([.python, .php]))
        #expect(
            Self.text(fewer) == Self.text(try Self.fill(guide, Self.configuration([.python, .php]))),
            "\(Self.text(fewer))")
        let none = try Self.fill(Self.text(all), Self.configuration(groups: []))
        #expect(Self.text(none) == "## A\n\nAfter.\n" || !Self.text(none).contains("gen="), "\(Self.text(none))")
        #expect(try Self.fill(Self.text(none), Self.configuration(groups: [])).bytes == none.bytes)
    }

    @Test func aBlockWithoutALabelGoesToo() throws {
        let guide = "## A\n\nIntro.\n\n```cobol\nx\n```\n\n```swift gen=token-request\nold\n```\n\nAfter.\n"
        let filled = try Self.fill(guide, Self.configuration([.python]))
        #expect(!Self.text(filled).contains("old") && !Self.text(filled).contains("swift"))
        #expect(Self.text(filled).contains("```cobol\nx\n```"))
    }

    @Test func aDroppedGroupWithTheWritersOwnCodeIsAnErrorNotALoss() throws {
        let guide =
            "## Gone\n\nPython code:\n\n```python gen=token-request\nold\n```\n\nPHP code:\n\n```php\nmine\n```\n"
        #expect(throws: Diagnostic.self) { try Self.fill(guide, Self.configuration()) }
    }

    @Test func theUnfilledFixtureLosesAnUnconfiguredLanguageAsIfItWasNeverThere() throws {
        let unfilled = try String(
            contentsOfFile: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"), encoding: .utf8)
        var filler = GuideFiller(renderer: SampleRenderer(templates: try TemplateSet(TemplateDirectory.files())))
        let all = try filler.fill(Array(unfilled.utf8), configuration: GenConfiguration())
        for languages in [[Language.python, .php], [.python, .javascript, .php], [.python, .php, .swift]] {
            let configuration = GenConfiguration(languages: languages)
            let fewer = try filler.fill(all.bytes, configuration: configuration)
            #expect(
                fewer.bytes == (try filler.fill(Array(unfilled.utf8), configuration: configuration)).bytes,
                "\(languages)")
        }
    }
}

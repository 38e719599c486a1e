import Foundation
import GenConfig
import GuideFilling
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Every language × snippet rendered from the default model, and the guide filled from its
/// unfilled conversion, compared whole with the files under Golden/.
/// `RECORD_GOLDEN=1 swift test` re-records; read the diff before committing.
@Suite struct GoldenSampleTests {
    static let golden = "Tests/GuideFillingTests/Golden"

    static func filler() throws -> GuideFiller {
        GuideFiller(renderer: SampleRenderer(templates: try TemplateSet(TemplateDirectory.files())))
    }

    static var cases: [(Language, Snippet)] {
        Language.offeredPairs
    }

    @Test(arguments: cases)
    func sampleMatchesItsGoldenFile(_ language: Language, _ snippet: Snippet) throws {
        var filler = try Self.filler()
        let sample = try filler.sample(snippet, in: language, model: .guideDefault)
        let path = "\(Self.golden)/\(language.rawValue)/\(snippet.rawValue).\(language.fileExtension)"
        if let mismatch = try GoldenFile.mismatch(sample.fileText, against: path) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    /// The variants whose samples differ in shape, not only in values: `client_secret_post` (no Basic
    /// code) and `max_attempts: 1` (no retry or backoff code).
    static var variantCases: [(String, Language, Snippet)] {
        ["post-scope-extras", "no-retries"].flatMap { variant in cases.map { (variant, $0.0, $0.1) } }
    }

    @Test(arguments: variantCases)
    func variantSampleMatchesItsGoldenFile(_ variant: String, _ language: Language, _ snippet: Snippet) throws {
        let model = try #require(SampleModelVariants.all.first { $0.0 == variant }?.1)
        var filler = try Self.filler()
        let sample = try filler.sample(snippet, in: language, model: model)
        let path =
            "\(Self.golden)/variants/\(variant)/\(language.rawValue)/\(snippet.rawValue).\(language.fileExtension)"
        if let mismatch = try GoldenFile.mismatch(sample.fileText, against: path) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test func filledGuideMatchesItsGoldenFile() throws {
        var filler = try Self.filler()
        let unfilled = try Data(
            contentsOf: URL(fileURLWithPath: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"))
        )
        let filled = try filler.fill(Array(unfilled), configuration: GenConfiguration())
        if let mismatch = try GoldenFile.mismatch(
            String(decoding: filled.bytes, as: UTF8.self), against: "\(Self.golden)/guide.md")
        {
            Issue.record(Comment(rawValue: mismatch))
        }
        #expect(filled.groups.map(\.languages) == [Language.offering(.tokenRequest), Language.offering(.tokenRefresh)])
        #expect(filled.groups.map(\.inserted) == [[.curl, .ruby, .go, .java, .swift], [.ruby, .go, .java, .swift]])
    }

    @Test func committedGuideIsWhatGenWrites() throws {
        let committed = try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path("docs-site/guide.md")))
        let configText = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
        var filler = try Self.filler()
        let filled = try filler.fill(
            Array(committed), configuration: ConfigFile.parse(configText, path: "docs-site/gen.yml"))
        let upToDate = filled.bytes == Array(committed)
        #expect(upToDate, "docs-site/guide.md is out of date; run `make gen`")
    }

    @Test func theFilledGuideDiffersFromTheExportOnlyByGeneratedSections() throws {
        let unfilled = try String(
            contentsOfFile: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"), encoding: .utf8)
        let filled = try String(contentsOfFile: RepositoryPaths.path("docs-site/guide.md"), encoding: .utf8)
        // The export has Python, Javascript and PHP labels; gen inserts the other languages' labels.
        let blocks = try Regex(
            #"\n\n((curl|Ruby|Go|Java|Swift) code:\n\n)?```+[a-z]+ gen=[a-z-]+ digest=[0-9a-f]{12}\n(?s:.*?)\n```+"#)
        #expect(filled.matches(of: blocks).count == 15)
        #expect(filled.replacing(blocks, with: "") == unfilled)
    }
}

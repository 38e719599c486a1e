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

    static var formCases: [(Language, Snippet, SampleForm)] {
        cases.flatMap { language, snippet in SampleForm.allCases.map { (language, snippet, $0) } }
    }

    /// `Golden/<language>/<snippet>.<extension>`, the concise form as `<snippet>.concise.<extension>`.
    @Test(arguments: formCases)
    func sampleMatchesItsGoldenFile(_ language: Language, _ snippet: Snippet, _ form: SampleForm) throws {
        var filler = try Self.filler()
        let sample = try filler.sample(snippet, in: language, model: .guideDefault, form: form)
        let name = form == .complete ? snippet.rawValue : "\(snippet.rawValue).\(form.rawValue)"
        let path = "\(Self.golden)/\(language.rawValue)/\(name).\(language.fileExtension)"
        if let mismatch = try GoldenFile.mismatch(sample.fileText, against: path) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    /// The model variants, pinned by what they change rather than by whole files (the default
    /// model's files pin the rest): every form of every sample carries the variant's values as
    /// the language's literals, and a model without retries renders no retry code.
    @Test(arguments: formCases)
    func variantsCarryTheirValues(_ language: Language, _ snippet: Snippet, _ form: SampleForm) throws {
        var filler = try Self.filler()
        let variants = Dictionary(uniqueKeysWithValues: SampleModelVariants.all)
        let encoder = language.literalEncoder
        let post = try filler.sample(
            snippet, in: language, model: try #require(variants["post-scope-extras"]), form: form)
        for value in ["read write", "audience", "https://api.example.com", "resource", "r\"$1\\"] {
            #expect(post.code.contains(encoder.stringLiteral(value)), "\(value) as \(encoder.stringLiteral(value))")
        }
        #expect(post.code.contains("client_secret"), "client_secret_post sends the secret in the body")
        let raw = try filler.sample(snippet, in: language, model: try #require(variants["raw-basic"]), form: form)
        #expect(raw.code.contains(encoder.stringLiteral("a")), "the scope \"a\"")
        if form == .complete, snippet == .tokenRefresh {  // only the complete manager retries
            let tiny = try filler.sample(
                snippet, in: language, model: try #require(variants["no-retries"]), form: form)
            let guide = try filler.sample(snippet, in: language, model: .guideDefault, form: form)
            #expect(guide.code.contains("429") && !tiny.code.contains("429"), "no retry statuses without retries")
        }
    }

    @Test func filledGuideMatchesItsGoldenFile() throws {
        var filler = try Self.filler()
        let unfilled = try Data(
            contentsOf: URL(fileURLWithPath: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"))
        )
        let filled = try filler.fill(
            Array(unfilled), configuration: GenConfiguration(), links: ProgramLinks(folder: "samples"))
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
        let configuration = try ConfigFile.parse(configText, path: "docs-site/gen.yml")
        let filled = try filler.fill(
            Array(committed), configuration: configuration,
            links: configuration.completeProgramsPath.map(ProgramLinks.init(folder:)))
        let upToDate = filled.bytes == Array(committed)
        #expect(upToDate, "docs-site/guide.md is out of date; run `make gen`")
    }

    /// Issue #19: a guide people can read — both of the seed's groups in every language, in at
    /// most 1,000 lines, in each form the docs build publishes.
    @Test(arguments: ["docs-site/guide.md", "docs-site/mkdocs/docs/index.md", "docs-site/sphinx/index.md"])
    func theCommittedGuideIsAtMostAThousandLines(_ path: String) throws {
        let text = try String(contentsOfFile: RepositoryPaths.path(path), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(lines <= 1000, "\(path): \(lines) lines")
        #expect(text.components(separatedBy: " gen=token-request ").count - 1 == 8, "every language's token request")
        #expect(text.components(separatedBy: " gen=token-refresh ").count - 1 == 7, "every manager (curl has none)")
    }

    @Test func theFilledGuideDiffersFromTheExportOnlyByGeneratedSections() throws {
        let unfilled = try String(
            contentsOfFile: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"), encoding: .utf8)
        let filled = try String(contentsOfFile: RepositoryPaths.path("docs-site/guide.md"), encoding: .utf8)
        // The export has Python, Javascript and PHP labels; gen inserts the other languages' labels.
        let blocks = try Regex(
            #"\n\n((curl|Ruby|Go|Java|Swift) code:\n\n)?```+[a-z]+ gen=[a-z-]+ digest=[0-9a-f]{12}\n(?s:.*?)\n```+(\n\nComplete program, [^\n]*)?"#
        )
        #expect(filled.matches(of: blocks).count == 15)
        #expect(filled.replacing(blocks, with: "") == unfilled)
    }
}

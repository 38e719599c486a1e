import BundledTemplates
import Mustache
import SampleModel
import TestSupport
import Testing

@testable import SampleRendering

@Suite struct TemplateCompactionTests {
    @Test func runsOfTagFreeLinesBecomeOnePlaceholderLine() {
        let compaction = TemplateCompaction("{{% CONTENT_TYPE: TEXT }}\na\nb\nc\n{{x}}\nd\n{{#s}}\ne\nf\n{{/s}}\nlast")
        #expect(
            compaction.text
                == "{{% CONTENT_TYPE: TEXT }}\n{{{__text_0}}}\n{{x}}\nd\n{{#s}}\n{{{__text_1}}}\n{{/s}}\nlast")
        #expect(compaction.runs == ["__text_0": "a\nb\nc", "__text_1": "e\nf"])
        #expect((1...8).map(compaction.originalLine) == [1, 2, 5, 6, 7, 8, 10, 11])
    }

    @Test func closingBracesOfCodeAreNotATag() {
        let compaction = TemplateCompaction("{{x}}\n  }}\n}}\n{{y}}\n")
        #expect(compaction.text == "{{x}}\n{{{__text_0}}}\n{{y}}\n")
        #expect(compaction.runs == ["__text_0": "  }}\n}}"])
    }

    @Test func aTagSpanningLinesKeepsItsLines() {
        let compaction = TemplateCompaction("a\nb\n{{! one\ntwo }}\nc\nd\n")
        #expect(compaction.text == "{{{__text_0}}}\n{{! one\ntwo }}\n{{{__text_1}}}\n")
    }

    /// The reference: each bundled template parsed whole, with no compaction and no pieces, by
    /// swift-mustache itself. Compaction is a speed-up only; it must render the same bytes.
    @Test(arguments: SampleModelVariants.all.map(\.0))
    func everyBundledTemplateRendersAsSwiftMustacheRendersItWhole(_ variant: String) throws {
        let model = try #require(SampleModelVariants.all.first { $0.0 == variant }?.1)
        let set = try TemplateSet(BundledTemplates.files)
        let renderer = SampleRenderer(templates: set)
        for language in Language.allCases {
            for snippet in language.snippets {
                let file = try #require(set.file(for: snippet, in: language))
                let whole = try MustacheTemplate(string: file.text)
                    .render(ReferenceContext(context: SampleContext(model: model, encoder: language.literalEncoder)))
                var expected = Substring(whole)
                while expected.last?.isNewline == true { expected.removeLast() }
                #expect(
                    try renderer.render(snippet, in: language, model: model).code == String(expected),
                    "\(language.rawValue)/\(snippet.rawValue) (\(variant))")
            }
        }
    }

    @Test func linesWithHalfATagStay() {
        let compaction = TemplateCompaction("a }}\nb {{\nc\n")
        #expect(compaction.runs.isEmpty)
    }

    @Test func aParseErrorAfterCompactionNamesTheOriginalLine() throws {
        let text =
            TemplateFile.textPragma + "\n" + String(repeating: "code line\n", count: 10) + "{{% CONTENT_TYPE: XML }}\n"
        let renderer = SampleRenderer(
            templates: try TemplateSet([TemplateFile(name: "python/token-request", path: "t.mustache", text: text)]))
        #expect(
            throws: TemplateError(
                path: "t.mustache", line: 12,
                message:
                    "a {{% … }} pragma is not one swift-mustache knows; write {{% CONTENT_TYPE: TEXT }}")
        ) {
            try renderer.render(.tokenRequest, in: .python, model: .guideDefault)
        }
    }
}

/// The template values as swift-mustache sees them, without SampleGen's render path.
private struct ReferenceContext: MustacheParent {
    let context: SampleContext
    func child(named name: String) -> Any? { SampleContext.values[name]?(context) ?? nil }
}

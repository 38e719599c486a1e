import BundledTemplates
import Mustache
import SampleModel
import TestSupport
import Testing

@testable import SampleRendering

@Suite struct TemplateCompactionTests {
    @Test func runsOfLinesWithoutSectionsBecomeOneLineOfPlaceholdersAndValues() {
        let compaction = TemplateCompaction("{{% CONTENT_TYPE: TEXT }}\na\nb\nc\n{{x}}\nd\n{{#s}}\ne\nf\n{{/s}}\nlast")
        #expect(compaction.text == "{{% CONTENT_TYPE: TEXT }}\n{{_0}}{{x}}{{_1}}\n{{#s}}\n{{_2}}\n{{/s}}\n{{_3}}")
        #expect(compaction.runs == ["_0": "a\nb\nc\n", "_1": "\nd", "_2": "e\nf", "_3": "last"])
    }

    @Test func closingBracesOfCodeAreNotATag() {
        let compaction = TemplateCompaction("{{x}}\n  }}\n}}\n{{{y}}} = {{&z}};\n")
        #expect(compaction.text == "{{x}}{{_0}}{{{y}}}{{_1}}{{&z}}{{_2}}\n")
        #expect(compaction.runs == ["_0": "\n  }}\n}}\n", "_1": " = ", "_2": ";"])
    }

    @Test func aTagSpanningLinesKeepsItsLines() {
        let compaction = TemplateCompaction("a\nb\n{{! one\ntwo }}\nc\nd\n")
        #expect(compaction.text == "{{_0}}\n{{! one\ntwo }}\n{{_1}}\n")
        #expect(TemplateCompaction("a\n{{x\n}}\nb\n").text == "{{_0}}\n{{x\n}}\n{{_1}}\n")
    }

    /// swift-mustache drops such a line; so must the compacted template.
    @Test func anUnendedLastLineOfBlanksIsLeftToSwiftMustache() {
        #expect(TemplateCompaction("{{x}}\n   ").text == "{{x}}\n   ")
        #expect(TemplateCompaction("a\nb\n \t").text == "{{_0}}\n \t")
        #expect(TemplateCompaction("  ").text == "  ")
        #expect(TemplateCompaction("a\n  b").text == "{{_0}}")
    }

    @Test func aLineWithASectionKeepsItsValuesAndCode() {
        let compaction = TemplateCompaction("  a {{#s}}{{x}}{{/s}} b\nc {{y}}\n  {{^s}}\n")
        #expect(compaction.text == "  a {{#s}}{{x}}{{/s}} b\n{{_0}}{{y}}\n  {{^s}}\n")
    }

    /// The reference: each bundled template parsed whole, with no compaction and no pieces, by
    /// swift-mustache itself. Compaction is a speed-up only; it must render the same bytes.
    @Test(arguments: SampleModelVariants.all.map(\.0))
    func everyBundledTemplateRendersAsSwiftMustacheRendersItWhole(_ variant: String) throws {
        let model = try #require(SampleModelVariants.all.first { $0.0 == variant }?.1)
        let set = try TemplateSet(BundledTemplates.files)
        let renderer = SampleRenderer(templates: set)
        // Every template and partial, whole, so that a template's `{{> python/_request}}` is rendered too.
        let library = MustacheLibrary(
            templates: try Dictionary(
                uniqueKeysWithValues: BundledTemplates.files.map { ($0.name, try MustacheTemplate(string: $0.text)) }))
        for language in Language.allCases {
            for snippet in language.snippets {
                let file = try #require(set.file(for: snippet, in: language))
                let context = ReferenceContext(context: SampleContext(model: model, encoder: language.literalEncoder))
                let whole = try #require(library.render(context, withTemplate: file.name))
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

    @Test(arguments: [
        (
            "{{% CONTENT_TYPE: XML }}\n",
            "a {{% … }} pragma is not one swift-mustache knows; write {{% CONTENT_TYPE: TEXT }}"
        ),
        ("x = {{bad name}};\n", "a tag is not finished, or its name has characters Mustache does not allow"),
        (
            "  {{! a comment }} {{scope}} {{a b}}\n",
            "a tag is not finished, or its name has characters Mustache does not allow"
        ),
    ])
    func aParseErrorAfterCompactionNamesTheOriginalLine(_ line12: String, _ message: String) throws {
        let text =
            TemplateFile.textPragma + "\n" + String(repeating: "code {{token_url}} line\n", count: 10) + line12
            + "more code\n"
        let renderer = SampleRenderer(
            templates: try TemplateSet([TemplateFile(name: "python/token-request", path: "t.mustache", text: text)]))
        #expect(throws: Diagnostic.template("t.mustache", line: 12, message: message)) {
            try renderer.render(.tokenRequest, in: .python, model: .guideDefault)
        }
    }
}

/// The template values as swift-mustache sees them, without SampleGen's render path.
private struct ReferenceContext: MustacheParent {
    let context: SampleContext
    func child(named name: String) -> Any? { context.values[name]?.mustache ?? nil }
}

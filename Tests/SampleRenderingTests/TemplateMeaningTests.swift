import SampleModel
import SampleRendering
import Testing

/// Compaction and checking keep a template's meaning (issue 10, item 9): comments stay
/// comments, a name the model does not provide is the "unknown value" error, and a partial
/// that includes itself is an error at its line, not a crash.
@Suite struct TemplateMeaningTests {
    static let pragma = TemplateFile.textPragma + "\n"

    func renderer(_ files: [String: String]) throws(Diagnostic) -> SampleRenderer {
        try SampleRenderer(
            templates: TemplateSet(
                files.map { TemplateFile(name: $0.key, path: "T/\($0.key).mustache", text: $0.value) }))
    }

    func render(_ text: String) throws(Diagnostic) -> String {
        try renderer(["python/token-request": Self.pragma + text]).render(
            .tokenRequest, in: .python, model: .guideDefault
        ).code
    }

    @Test(arguments: [
        "a\n{{! one\ntwo\nthree\nfour }}\nb\n",
        "a\n{{!\n  a comment\n  of many lines\n  with {braces} and } and {\n}}\nb\n",
        "a\n  {{! indented\n  comment\n  lines\n  }}\nb\n",
        "a\n{{! x\n\n\n\n}}\nb\n",
        "a\n{{!\nfirst\nsecond\n}}\n{{! and another\nthird\nfourth }}\nb\n",
        "a\nb {{! trailing\nx\ny\n}}\n",
    ])
    func aMultiLineCommentLeavesNothingBehind(_ text: String) throws {
        let code = try render(text)
        for word in [
            "one", "two", "three", "four", "comment", "lines", "first", "second", "third", "fourth", "braces", "x\n",
            "y",
        ] {
            #expect(!code.contains(word), "\(text.debugDescription) rendered \(code.debugDescription)")
        }
        #expect(code.hasPrefix("a\n") && code.hasSuffix("b") || code.hasSuffix("b "), "\(code.debugDescription)")
    }

    @Test(arguments: [
        ("a\nb\n{{token_url.host}}\n", 4, "{{token_url.host}}"),
        ("{{scope.length}}\n", 2, "{{scope.length}}"),
        ("a\n{{.}}\n", 3, "{{.}}"),
        ("{{#extra_parameters}}\n{{.}}\n{{/extra_parameters}}\n", 3, "{{.}}"),
        ("x = {{{token_url.host}}}\n", 2, "{{{token_url.host}}}"),
        ("{{#token_url.host}}x{{/token_url.host}}\n", 2, "{{#token_url.host}}"),
        ("{{^scope.x}}y{{/scope.x}}\n", 2, "{{^scope.x}}"),
        ("{{&api_url.path}}\n", 2, "{{&api_url.path}}"),
        ("{{.name}}\n", 2, "{{.name}}"),
        // Names starting with _ are the placeholders of compaction's.
        ("a\n{{_0}}\n", 3, "{{_0}}"),
        ("{{#_1}}x{{/_1}}\n", 2, "{{#_1}}"),
        ("x = {{{_2}}}\n", 2, "{{{_2}}}"),
        ("{{^_}}y{{/_}}\n", 2, "{{^_}}"),
    ])
    func dottedAndReservedNamesAreTheUnknownValueErrorAtTheirLine(_ text: String, _ line: Int, _ shown: String) {
        do {
            _ = try render(text)
            Issue.record("\(text.debugDescription) rendered")
        } catch {
            #expect(
                error.location?.path == "T/python/token-request.mustache" && error.location?.line == line, "\(error)")
            #expect(error.message.hasPrefix("\(shown) names a value the model does not provide"), "\(error)")
        }
    }

    @Test(arguments: [
        // (files, the file and line of the tag that closes the cycle, the cycle)
        (
            ["python/token-request": "{{> python/_a}}\n", "python/_a": "x\n{{> python/_a}}\n"],
            "T/python/_a.mustache", 3, "python/_a → python/_a"
        ),
        (
            [
                "python/token-request": "{{> python/_a}}\n", "python/_a": "{{> python/_b}}\n",
                "python/_b": "a\nb\n{{> python/_a}}\n",
            ],
            "T/python/_b.mustache", 4, "python/_a → python/_b → python/_a"
        ),
        (
            [
                "python/token-request": "{{#scope}}{{> python/_a}}{{/scope}}\n",
                "python/_a": "{{^scope}}{{> python/_b}}{{/scope}}\n",
                "python/_b": "{{> python/_c}}\n", "python/_c": "{{> python/_a}}\n",
            ],
            "T/python/_c.mustache", 2, "python/_a → python/_b → python/_c → python/_a"
        ),
    ])
    func aPartialThatIncludesItselfIsRefusedAtTheTag(
        _ files: [String: String], _ path: String, _ line: Int, _ cycle: String
    ) {
        do {
            _ = try renderer(files.mapValues { Self.pragma + $0 })
            Issue.record("accepted")
        } catch {
            #expect(error.location?.path == path && error.location?.line == line, "\(error)")
            #expect(error.message.contains("(\(cycle))"), "\(error)")
        }
    }

    @Test func aPartialUsedTwiceWithoutACycleIsFine() throws {
        let renderer = try renderer([
            "python/token-request": Self.pragma + "{{> python/_a}}{{> python/_b}}\n",
            "python/_a": Self.pragma + "{{> python/_b}}",
            "python/_b": Self.pragma + "b",
        ])
        #expect(try renderer.render(.tokenRequest, in: .python, model: .guideDefault).code == "bb")
    }
}

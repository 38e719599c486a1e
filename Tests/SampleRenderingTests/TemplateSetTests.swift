import BundledTemplates
import Foundation
import SampleModel
import SampleRendering
import TestSupport
import Testing

@Suite struct TemplateSetTests {
    static let pragma = TemplateFile.textPragma + "\n"

    @Test func everyTemplateAndPartialDeclaresTextContent() throws {
        let files = try TemplateDirectory.files()
        #expect(!files.isEmpty)
        for file in files {
            #expect(file.text.hasPrefix(Self.pragma), "\(file.path) must start with \(TemplateFile.textPragma)")
        }
    }

    @Test func everyLanguageHasEverySnippet() throws {
        #expect(try TemplateSet(TemplateDirectory.files()).completeLanguages == Language.allCases)
    }

    /// The built-in templates have both forms of every snippet; only a folder of one's own may
    /// lack the concise one (its complete template stands in).
    @Test func everyBuiltInSnippetHasAConciseTemplateOfItsOwn() throws {
        let names = Set(try TemplateDirectory.files().map(\.name))
        for language in Language.allCases {
            for snippet in language.snippets {
                #expect(names.contains("\(language.rawValue)/\(snippet.rawValue).concise"), "\(language) \(snippet)")
            }
        }
    }

    @Test func aFolderWithoutConciseTemplatesRendersItsCompleteOnesForBoth() throws {
        let set = try TemplateSet([
            TemplateFile(name: "python/token-request", path: "T", text: TemplateFile.textPragma + "\ncomplete\n")
        ])
        let renderer = SampleRenderer(templates: set)
        #expect(
            try renderer.render(.tokenRequest, in: .python, model: .guideDefault, form: .concise).code == "complete")
        let both = try TemplateSet([
            TemplateFile(name: "python/token-request", path: "T", text: TemplateFile.textPragma + "\ncomplete\n"),
            TemplateFile(
                name: "python/token-request.concise", path: "T", text: TemplateFile.textPragma + "\nconcise\n"),
        ])
        #expect(
            try SampleRenderer(templates: both).render(.tokenRequest, in: .python, model: .guideDefault, form: .concise)
                .code == "concise")
    }

    @Test func bundledTemplatesAreTheTemplatesFolder() throws {
        let onDisk = try TemplateDirectory.files().map { [$0.name: $0.text] }.reduce(into: [:]) { $0.merge($1) { $1 } }
        let bundled = BundledTemplates.files.map { [$0.name: $0.text] }.reduce(into: [:]) { $0.merge($1) { $1 } }
        #expect(bundled == onDisk, "rebuild so the EmbedTemplates plugin picks up Templates/")
    }

    @Test(arguments: [
        ("a\r\nb\r\n", "a\nb\n"), ("a\rb", "a\rb"), ("a\r", "a\r"), ("\r\r\n", "\r\n"), ("é\r\n", "é\n"),
        ("no breaks", "no breaks"),
    ])
    func templateLineBreaksAreNormalisedToLineFeedsAndLoneCarriageReturnsKept(_ raw: String, _ expected: String) {
        for file in [
            TemplateFile(relativePath: "python/token-request.mustache", shownAs: "x", bytes: raw.utf8),
            TemplateFile(relativePath: "python/token-request.mustache", shownAs: "x", text: raw),
        ] {
            #expect(file.text == expected)
            #expect(file.name == "python/token-request")
        }
    }

    @Test func templatesOnlyNameValuesTheContextProvides() throws {
        let known = SampleContext.templateNames
        let rowKeys = SampleContext.formFieldNames.union(["."])
        for file in try TemplateDirectory.files() {
            for (name, line) in file.valueNames where !known.contains(name) && !rowKeys.contains(name) {
                Issue.record("\(file.path):\(line) names {{\(name)}}, which the context does not provide")
            }
        }
    }

    @Test func missingPragmaIsRefusedAtLineOne() {
        #expect(
            throws: Diagnostic.template(
                "t/python/x.mustache", line: 1,
                message:
                    "the first line must be {{% CONTENT_TYPE: TEXT }}; without it swift-mustache escapes the sample for HTML (partials too)"
            )
        ) {
            try TemplateSet([TemplateFile(name: "python/x", path: "t/python/x.mustache", text: "print(1)\n")])
        }
    }

    @Test func unclosedSectionIsReportedWhereItOpens() {
        let text = Self.pragma + "a\n{{#scope}}\nb\n"
        #expect(throws: Diagnostic.template("p", line: 3, message: "{{#scope}} is never closed; add {{/scope}}")) {
            try TemplateSet([TemplateFile(name: "python/x", path: "p", text: text)])
        }
    }

    @Test func unknownPartialIsReportedAtItsLine() {
        let text = Self.pragma + "a\n{{> python/_nothing}}\n"
        #expect(throws: Diagnostic.template("p", line: 3, message: "the partial \"python/_nothing\" does not exist")) {
            try TemplateSet([TemplateFile(name: "python/x", path: "p", text: text)])
        }
    }

    @Test func unterminatedTagIsReportedAtItsLine() {
        let text = Self.pragma + "ok\n{{token_url\n"
        #expect(throws: Diagnostic.template("p", line: 3, message: "this {{ is never closed with }}")) {
            try TemplateSet([TemplateFile(name: "python/x", path: "p", text: text)])
        }
    }

    @Test func mustacheSyntaxErrorsCarryTheLine() {
        let text = Self.pragma + "ok\n{{#a}}\n{{/b}}\n"
        #expect(
            throws: Diagnostic.template(
                "p", line: 4, message: "{{/b}} closes {{#a}}, opened on line 3; close that one first")
        ) {
            try TemplateSet([TemplateFile(name: "python/x", path: "p", text: text)])
        }
    }
}

/// Templates/README.md's table of values lists exactly the names the template context gives
/// (`SampleContext`, from `ModelSetting.all`).
@Suite struct TemplateValueTableTests {
    @Test func theReadmeListsEveryTemplateValueAndNoOther() throws {
        let readme = try String(
            contentsOfFile: RepositoryPaths.path("Templates/README.md"), encoding: .utf8)
        var listed: Set<String> = []
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.dropFirst(2).prefix { $0 != "|" }
            for match in firstCell.matches(of: /`([a-z_]+)`/) { listed.insert(String(match.1)) }
        }
        #expect(listed == SampleContext.templateNames)
    }
}

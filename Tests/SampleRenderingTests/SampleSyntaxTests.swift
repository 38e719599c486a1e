import Foundation
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Every sample, for the default model and for models that switch on each optional part of the
/// templates (`SampleModelVariants`), passes its language's own syntax check. One checker process
/// per language.
@Suite struct SampleSyntaxTests {
    @Test(arguments: Language.allCases)
    func everySamplePassesTheLanguagesSyntaxCheck(_ language: Language) throws {
        let renderer = SampleRenderer(templates: try TemplateSet(TemplateDirectory.files()))
        var files: [String: String] = [:]
        for (name, model) in SampleModelVariants.all {
            for snippet in language.snippets {
                for form in SampleForm.allCases {
                    files["\(name)-\(snippet.rawValue)-\(form.rawValue)"] =
                        try renderer.render(snippet, in: language, model: model, form: form).fileText
                }
            }
        }
        let failures = try SyntaxChecker(language: language).failures(in: files)
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }
}

import Foundation
import GuideFilling
import SampleModel
import SampleRendering
import Testing
import TestSupport

/// Every sample, for the default model and for models that switch on each optional part of the
/// templates, passes its language's own syntax check. One checker process per language.
@Suite struct SampleSyntaxTests {
    static var models: [(String, ClientModel)] {
        var post = ClientModel.guideDefault
        post.tokenRequest.clientAuthentication = .clientSecretPost
        post.tokenRequest.scope = "read write"
        post.tokenRequest.extraParameters = [try! FormParameter(name: "audience", value: "https://api.example.com"),
                                             try! FormParameter(name: "resource", value: "r\"$1\\")]
        var raw = ClientModel.guideDefault
        raw.tokenRequest.formEncodesBasicCredentials = false
        raw.tokenRequest.sendsClientIDInBody = false
        raw.tokenRequest.scope = "a"
        raw.refreshPolicy.retry.retryableStatuses = [503]
        var tiny = ClientModel.guideDefault
        tiny.refreshPolicy.retry.retryableStatuses = []
        tiny.refreshPolicy.retry.maxAttempts = 1
        tiny.tokenRequest.timeoutSeconds = 0.5
        return [("default", .guideDefault), ("post-scope-extras", post), ("raw-basic", raw), ("no-retries", tiny)]
    }

    @Test(arguments: Language.allCases)
    func everySamplePassesTheLanguagesSyntaxCheck(_ language: Language) throws {
        var filler = GuideFiller(renderer: SampleRenderer(templates: try TemplateSet(TemplateDirectory.files())))
        var files: [String: String] = [:]
        for (name, model) in Self.models {
            for snippet in Snippet.allCases {
                files["\(name)-\(snippet.rawValue)"] = try filler.sample(snippet, in: language, model: model).fileText
            }
        }
        let failures = try SyntaxChecker(language: language).failures(in: files)
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }
}

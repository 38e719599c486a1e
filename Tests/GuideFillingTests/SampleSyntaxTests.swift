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

extension SampleSyntaxTests {
    /// The Swift samples carry a back-port of `URLSession.data(for:)` for Linux before Swift 6;
    /// this toolchain compiles it out, so it is type-checked here with its condition forced on.
    @Test func theLinuxBackportOfAsyncURLSessionTypeChecks() throws {
        let partial = try String(contentsOfFile: RepositoryPaths.path("Templates/swift/_urlsession_backport.mustache"), encoding: .utf8)
        let body = partial.drop { $0 != "\n" }.dropFirst()
            .replacingOccurrences(of: "&& !compiler(>=6.0)", with: "&& true")
        let source = "import Foundation\n#if canImport(FoundationNetworking)\nimport FoundationNetworking\n#endif\n" + body
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(source.utf8).write(to: URL(fileURLWithPath: "\(directory)/Backport.swift"))
        let result = try ProcessResult.run(Interpreters.require("swiftc"), ["-typecheck", "-swift-version", "5", "\(directory)/Backport.swift"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
    }
}

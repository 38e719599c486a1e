import GuideFilling
import PropertyBased
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Both samples of every language, rendered from models full of arbitrary values, pass that
/// language's own parser, and each value appears in them only as its encoded literal.
@Suite struct SamplePropertyTests {
    static let models = 40

    /// A model whose every free-text value is arbitrary.
    static func arbitraryModel(using rng: inout Xoshiro) -> ClientModel {
        var model = ClientModel.guideDefault
        var request = model.tokenRequest
        request.tokenURL = try! EndpointURL("https://auth.example.com/" + ArbitraryText.urlTail.run(using: &rng))
        model.apiURL = try! EndpointURL("https://api.example.com/" + ArbitraryText.urlTail.run(using: &rng))
        // The model refuses NUL and noncharacters (see SendableText).
        request.scope = LiteralProgram.sendable(ArbitraryText.nonEmpty.run(using: &rng))
        request.clientAuthentication = Bool.random(using: &rng) ? .clientSecretBasic : .clientSecretPost
        request.formEncodesBasicCredentials = Bool.random(using: &rng)
        request.sendsClientIDInBody = Bool.random(using: &rng)
        let name = ArbitraryText.nonEmpty.run(using: &rng)
        let value = LiteralProgram.sendable(ArbitraryText.string.run(using: &rng))
        if let parameter = try? FormParameter(name: name, value: value) {
            request.extraParameters = [parameter]
        }
        let idVariable = ArbitraryText.variableName.run(using: &rng)
        request.credentials = CredentialSource(
            clientIDVariable: try! EnvironmentVariableName(idVariable),
            clientSecretVariable: try! EnvironmentVariableName(idVariable + "_SECRET"))
        model.tokenRequest = request
        return model
    }

    @Test(arguments: Language.allCases)
    func samplesFromArbitraryModelsParse(_ language: Language) throws {
        var (rng, seed) = PropertySeed.generator(salt: 100 + UInt64(Language.allCases.firstIndex(of: language)!))
        let renderer = SampleRenderer(templates: try TemplateSet(TemplateDirectory.files()))
        let encoder = language.literalEncoder
        var files: [String: String] = [:]
        let reach = PropertyReach(
            "samplesFromArbitraryModelsParse(\(language.rawValue))", cases: Self.models * PropertySeed.scale)
        for index in 0..<(Self.models * PropertySeed.scale) {
            let model = Self.arbitraryModel(using: &rng)
            try model.validate()
            for snippet in language.snippets {
                let sample = try renderer.render(snippet, in: language, model: model)
                files["case\(index)-\(snippet.rawValue)"] = sample.fileText
                let literals =
                    [model.tokenRequest.tokenURL.text, model.tokenRequest.scope!]
                    + model.tokenRequest.extraParameters.flatMap { [$0.name, $0.value] }
                for value in literals where snippet == .tokenRequest || value != model.tokenRequest.scope {
                    #expect(
                        sample.code.contains(encoder.stringLiteral(value)),
                        "case \(index): \(value.debugDescription) is not in the \(snippet.rawValue) sample as its literal (\(seed))"
                    )
                }
            }
            // Both samples checked for their literals, and both go to the syntax check below.
            reach.reach()
        }
        let failures = try SyntaxChecker(language: language, mode: .batch).failures(in: files)
        #expect(failures.isEmpty, Comment(rawValue: "\(seed)\n" + failures.joined(separator: "\n")))
        reach.report()
    }
}

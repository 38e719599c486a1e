import GenConfig
import SampleModel
import Testing

@Suite struct ModelOverridesTests {
    @Test func commandLineValuesWin() throws {
        let model = try ModelOverrides(tokenURL: "http://127.0.0.1:5000/oauth/token", scope: "a b",
                                       clientAuthentication: "client_secret_post").applied(to: .guideDefault)
        #expect(model.tokenRequest.tokenURL.text == "http://127.0.0.1:5000/oauth/token")
        #expect(model.tokenRequest.scope == "a b")
        #expect(model.tokenRequest.clientAuthentication == .clientSecretPost)
    }

    @Test func aRefusedValueNamesTheOption() {
        #expect(throws: ConfigError(source: "--token-url", message: ModelError.insecureURL("http://example.com/t").description)) {
            try ModelOverrides(tokenURL: "http://example.com/t").applied(to: .guideDefault)
        }
    }
}

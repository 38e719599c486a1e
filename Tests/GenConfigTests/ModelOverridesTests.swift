import GenConfig
import SampleModel
import Testing

@Suite struct ModelOverridesTests {
    @Test func commandLineValuesWin() throws {
        let model = try ModelOverrides([
            .tokenURL: .text("http://127.0.0.1:5000/oauth/token"), .scope: .text("a b"),
            .clientAuthentication: .text("client_secret_post"),
        ]).applied(to: .guideDefault)
        #expect(model.tokenRequest.tokenURL.text == "http://127.0.0.1:5000/oauth/token")
        #expect(model.tokenRequest.scope == "a b")
        #expect(model.tokenRequest.clientAuthentication == .clientSecretPost)
    }

    @Test func aRefusedValueNamesTheOption() {
        #expect(
            throws: Diagnostic.option(
                "--token-url", message: ModelError.insecureURL("http://example.com/t").description)
        ) {
            try ModelOverrides([.tokenURL: .text("http://example.com/t")]).applied(to: .guideDefault)
        }
    }

    /// Model validation names the option that set the refused value, in the option's words.
    @Test func aModelRefusalNamesTheOptionNotTheYAMLKey() throws {
        let error = #expect(throws: Diagnostic.self) {
            try ModelOverrides([.timeoutSeconds: .number(0)]).applied(to: .guideDefault)
        }
        #expect(error == Diagnostic.option("--timeout", message: "must be more than 0 and at most 600, not 0"))
        #expect(error?.description == "--timeout: error: must be more than 0 and at most 600, not 0")
        #expect(error?.location?.isOption == true)
        let same = #expect(throws: Diagnostic.self) {
            try ModelOverrides([.clientIDVariable: .text("CLIENT_SECRET")]).applied(to: .guideDefault)
        }
        #expect(same?.location?.path == "--client-id-variable")
    }

    /// `--scope ""` and `scope: ""` both mean no scope.
    @Test func anEmptyScopeMeansNoScopeOnBoth() throws {
        var model = ClientModel.guideDefault
        model.tokenRequest.scope = "read"
        #expect(try ModelOverrides([.scope: .text("")]).applied(to: model).tokenRequest.scope == nil)
        let file = try ConfigFile.parse("token_request:\n  scope: \"\"\n", path: "gen.yml")
        #expect(file.model.tokenRequest.scope == nil)
    }

    /// The key table: every model field has its key, every option its field.
    @Test func everyModelFieldHasAKeyAndEveryOptionAField() {
        for field in ModelField.allCases {
            #expect(ConfigKey(field: field).field == field, "\(field)")
        }
        for key in ConfigKey.allCases where key.option != nil {
            #expect(key.field != nil, "\(key)")
        }
    }
}

import SampleModel
import SampleRendering
import TestSupport
import Testing

@Suite struct SampleRendererTests {
    static let pragma = TemplateFile.textPragma + "\n"

    func renderer(_ files: [String: String]) throws -> SampleRenderer {
        try SampleRenderer(
            templates: TemplateSet(
                files.map { TemplateFile(name: $0.key, path: "T/\($0.key).mustache", text: $0.value) }))
    }

    @Test func valuesArriveAsLiteralsWithoutHTMLEscaping() throws {
        var model = ClientModel.guideDefault
        model.tokenRequest.tokenURL = try EndpointURL("https://a.example/t?x=1&y='b'")
        let renderer = try renderer(["python/token-request": Self.pragma + "URL = {{token_url}}\n"])
        let sample = try renderer.render(.tokenRequest, in: .python, model: model)
        #expect(sample.code == #"URL = "https://a.example/t?x=1&y='b'""#)
    }

    @Test func partialsRenderAsTextToo() throws {
        var model = ClientModel.guideDefault
        model.tokenRequest.scope = "a&b"
        let renderer = try renderer([
            "php/token-request": Self.pragma + "{{> php/_scope}}\n",
            "php/_scope": Self.pragma + "$scope = {{scope}};\n",
        ])
        #expect(try renderer.render(.tokenRequest, in: .php, model: model).code == #"$scope = "a&b";"#)
    }

    @Test func anAbsentScopeIsAbsentNotFalse() throws {
        let renderer = try renderer([
            "python/token-request": Self.pragma
                + "{{#scope}}\nscope = {{scope}}\n{{/scope}}\n{{^scope}}\nno scope\n{{/scope}}\n[{{scope}}]\n"
        ])
        #expect(try renderer.render(.tokenRequest, in: .python, model: .guideDefault).code == "no scope\n[]")
        var model = ClientModel.guideDefault
        model.tokenRequest.scope = "read"
        #expect(try renderer.render(.tokenRequest, in: .python, model: model).code == "scope = \"read\"\n[\"read\"]")
    }

    @Test func extraParametersAreRowsOfNameAndValue() throws {
        var model = ClientModel.guideDefault
        model.tokenRequest.extraParameters = [
            try FormParameter(name: "audience", value: "a"), try FormParameter(name: "b", value: "c"),
        ]
        let renderer = try renderer([
            "javascript/token-request": Self.pragma
                + "{{#extra_parameters}}\n{{name}}: {{value}}, {{client_id_env}}\n{{/extra_parameters}}\n"
        ])
        #expect(
            try renderer.render(.tokenRequest, in: .javascript, model: model).code
                == "\"audience\": \"a\", \"CLIENT_ID\"\n\"b\": \"c\", \"CLIENT_ID\"")
    }

    @Test func aValueTheContextLacksIsAnErrorAtItsLine() throws {
        let renderer = try renderer(["swift/token-request": Self.pragma + "let a = 1\nlet b = {{tokne_url}}\n"])
        #expect(
            throws: Diagnostic.template(
                "T/swift/token-request.mustache", line: 3,
                message:
                    "{{tokne_url}} names a value the model does not provide; the values are listed in Templates/README.md"
            )
        ) {
            try renderer.render(.tokenRequest, in: .swift, model: .guideDefault)
        }
    }

    @Test func aMissingTemplateIsAnError() throws {
        let renderer = try renderer(["swift/token-request": Self.pragma + "x\n"])
        #expect(throws: Diagnostic.self) { try renderer.render(.tokenRefresh, in: .swift, model: .guideDefault) }
    }

    @Test func sectionsSeeTheirOwnRowsAndTheRoot() throws {
        var model = ClientModel.guideDefault
        model.tokenRequest.extraParameters = [try FormParameter(name: "audience", value: "x")]
        model.tokenRequest.scope = "read"
        let renderer = try renderer([
            "python/token-request": Self.pragma
                + "{{#scope}}s={{scope}}{{/scope}}{{#extra_parameters}} {{name}}={{value}} {{timeout_seconds}}{{/extra_parameters}}\n"
        ])
        #expect(try renderer.render(.tokenRequest, in: .python, model: model).code == #"s="read" "audience"="x" 20"#)
    }
}

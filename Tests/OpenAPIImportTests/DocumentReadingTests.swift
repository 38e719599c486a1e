import Foundation
import OpenAPIImport
import SampleModel
import TestSupport
import Testing

/// The reader reads what gen needs of a document — the version, `info`, the security schemes —
/// in one pass, in time linear in the document's size; each `$ref` is followed to where the
/// value lives, and every mistake is named there.
@Suite struct DocumentReadingTests {
    typealias Documents = OpenAPIDocuments

    /// The best of five timings of reading `large` over the best of five of `small`, alternated,
    /// in CPU time of the thread that reads (`Linearity`): the other tests, run at the same time on
    /// the same cores, take wall-clock time from it but not CPU time.
    func timeRatio(_ small: String, _ large: String) throws -> Double {
        try Linearity.ratio(
            repeats: 5, { _ = try Documents.read(small).get() }, to: { _ = try Documents.read(large).get() })
    }

    @Test func readingALargeYAMLDocumentGrowsLinearlyWithItsSize() throws {
        // Four times the paths: about four times the time (it was quadratic: 16×).
        let (small, large) = (Documents.large(paths: 600), Documents.large(paths: 2_400))
        let ratio = try timeRatio(small, large)
        #expect(ratio < 6, "4× the document took \(ratio)× the time")
    }

    @Test func readingALargeOneLineJSONDocumentGrowsLinearlyWithItsSize() throws {
        let (small, large) = (Documents.largeJSON(paths: 600), Documents.largeJSON(paths: 2_400))
        let ratio = try timeRatio(small, large)
        #expect(ratio < 6, "4× the document took \(ratio)× the time")
        let flow = try Documents.read(large).get()
        #expect(flow.tokenURL == "https://id.example.com/token")
        #expect(flow.tokenURLLocation.line == 1)
    }

    @Test func whatGenDoesNotReadNeedOnlyBeValidYAML() throws {
        // paths that no OpenAPI reader would accept are not gen's to judge…
        let odd = Documents.head.replacingOccurrences(of: "paths: {}", with: "paths: [not, a, mapping]")
        #expect(try Documents.read(odd + Documents.components).get().schemeName == "oauth")
        // …but the document must still be YAML, and a mistake there is named at its line.
        let broken = Documents.head + "x-notes: [unclosed\n" + Documents.components
        let error = Documents.read(broken).failure
        #expect(error?.message.hasPrefix("cannot be read as YAML or JSON:") == true, "\(String(describing: error))")
        #expect(error?.location?.line ?? 0 >= 4)
    }

    static let referenced =
        Documents.head + """
            components:
              securitySchemes:
                partners:
                  $ref: '#/components/securitySchemes/real'
                real:
                  type: oauth2
                  flows:
                    clientCredentials:
                      tokenUrl: https://id.example.com/token
                      scopes:
                        orders:read: Read orders

            """

    @Test func aRefIsFollowedAndItsValuesAreNamedWhereTheyLive() throws {
        let flow = try Documents.read(Self.referenced, scheme: "partners").get()
        #expect(flow.schemeName == "partners")
        #expect(flow.tokenURL == "https://id.example.com/token")
        #expect(flow.tokenURLLocation == Diagnostic.Location(path: Documents.path, line: 12, column: 21))
        #expect(
            flow.scopes == [.init(name: "orders:read", location: .init(path: Documents.path, line: 14, column: 13))])
        #expect(flow.location == Diagnostic.Location(path: Documents.path, line: 8, column: 5))
        // Unnamed, the scheme and the name that refers to it are one scheme, not two.
        #expect(try Documents.read(Self.referenced).get().schemeName == "real")
    }

    @Test(arguments: [
        // a scheme that names itself
        ("    a:\n      $ref: '#/components/securitySchemes/a'\n", "a", 7, 13, "a → a"),
        // two that name each other
        (
            "    a:\n      $ref: '#/components/securitySchemes/b'\n    b: {$ref: '#/components/securitySchemes/a'}\n",
            "a", 8, 15, "a → b → a"
        ),
        // three, reached from a fourth
        (
            "    d: {$ref: '#/components/securitySchemes/a'}\n    a: {$ref: '#/components/securitySchemes/b'}\n"
                + "    b: {$ref: '#/components/securitySchemes/c'}\n    c: {$ref: '#/components/securitySchemes/a'}\n",
            "d", 9, 15, "a → b → c → a"
        ),
    ])
    func aReferenceCycleIsNamedAtTheRefThatClosesIt(
        schemes: String, name: String, line: Int, column: Int, cycle: String
    ) {
        let document = Documents.head + "components:\n  securitySchemes:\n" + schemes
        for scheme in [name, nil] {
            let error = Documents.read(document, scheme: scheme).failure
            #expect(error?.message.contains("a reference cycle") == true, "\(String(describing: error))")
            #expect(error?.message.contains("(\(cycle))") == true, "\(String(describing: error))")
            #expect(error?.location == Diagnostic.Location(path: Documents.path, line: line, column: column))
            #expect(error?.message.contains("not an OAuth 2.0 scheme") == false)
        }
    }

    /// `count` schemes, each a `$ref` to the next, the last an OAuth 2.0 scheme.
    static func referenceChain(_ count: Int) -> String {
        var document = Documents.head + "components:\n  securitySchemes:\n"
        for index in 0..<count {
            document += "    s\(index): {$ref: '#/components/securitySchemes/s\(index + 1)'}\n"
        }
        return document + """
                s\(count):
                  type: oauth2
                  flows: {clientCredentials: {tokenUrl: https://id.example.com/token, scopes: {}}}

            """
    }

    @Test func aLongChainOfRefsIsFollowedOnceInTimeLinearInItsLength() throws {
        let (short, long) = (Self.referenceChain(1_000), Self.referenceChain(4_000))
        #expect(try Documents.read(long).get().schemeName == "s4000")
        #expect(try Documents.read(long, scheme: "s0").get().location.line == 4_006)
        let ratio = try timeRatio(short, long)
        #expect(ratio < 6, "4× the chain took \(ratio)× the time")
    }

    @Test(arguments: [
        ("'#/components/securitySchemes/missing'", "which components.securitySchemes does not define"),
        ("'other.yaml#/components/securitySchemes/real'", "gen follows a security scheme's $ref only"),
        ("'#/components/schemas/real'", "gen follows a security scheme's $ref only"),
        ("{nested: x}", "write the reference as a string"),
    ])
    func aRefGenCannotFollowIsNamedAtTheRef(reference: String, words: String) {
        let document = Self.referenced.replacingOccurrences(of: "'#/components/securitySchemes/real'", with: reference)
        let error = Documents.read(document, scheme: "partners").failure
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 7, column: 13))
    }

    @Test func mistakesReachedThroughARefAreNamedWhereTheValueLives() {
        // No clientCredentials flow: named at the flows of the scheme the $ref leads to.
        let noFlow = Self.referenced.replacingOccurrences(of: "clientCredentials:", with: "authorizationCode:")
        var error = Documents.read(noFlow, scheme: "partners").failure
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 11, column: 9))
        #expect(error?.message.contains("refers to it with the $ref on line 7") == true, "\(String(describing: error))")
        // Not OAuth 2.0: named at the scheme the $ref leads to.
        let apiKey = Self.referenced.replacingOccurrences(of: "type: oauth2", with: "type: apiKey")
        error = Documents.read(apiKey, scheme: "partners").failure
        #expect(error?.message.hasPrefix("the security scheme \"partners\" is not an OAuth 2.0 scheme") == true)
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 8, column: 5))
        // No tokenUrl, and a tokenUrl that is not text: at the flow, and at the value.
        let noURL = Self.referenced.replacingOccurrences(
            of: "tokenUrl: https://id.example.com/token", with: "x-url: none")
        error = Documents.read(noURL, scheme: "partners").failure
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 12, column: 11))
        let listURL = Self.referenced.replacingOccurrences(of: "https://id.example.com/token", with: "[a, b]")
        error = Documents.read(listURL, scheme: "partners").failure
        #expect(error?.message.contains("is a list, not a URL") == true)
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 12, column: 21))
    }

    @Test(arguments: [
        (
            "components:\n  securitySchemes:\n    oauth: {type: oauth2}\n    oauth: {type: apiKey}\n",
            "the key \"oauth\" is given twice (first on line 6); keep one", 7, 5
        ),
        (
            "components:\n  securitySchemes:\n    ? [a, b]\n    : {type: oauth2}\n",
            "this key is a list, not a string", 6, 7
        ),
        ("components: {}\n---\nopenapi: 3.1.0\n", "a second YAML document starts here", 5, 1),
        (
            "components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n"
                + "        clientCredentials: {tokenUrl: https://id.example.com/token}\n",
            "has no scopes", 9, 28
        ),
        (
            "components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n"
                + "        clientCredentials: {tokenUrl: https://id.example.com/token, scopes: [a]}\n",
            "not a mapping of each scope to its description", 9, 77
        ),
        (
            "components:\n  securitySchemes:\n    oauth:\n      <<: [just, text]\n",
            "<< merges a mapping or a list of mappings into this one, not a list", 7, 11
        ),
    ])
    func aDocumentGenCannotReadIsNamedAtThePlace(components: String, message: String, line: Int, column: Int) {
        let error = Documents.read(Documents.head + components).failure
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: line, column: column))
    }

    @Test func nestingPastLibyamlsLimitIsNamedInTheDocumentsWords() {
        let deep = Documents.head + "x-deep: " + String(repeating: "[", count: 1_200) + "\n"
        let error = Documents.read(deep).failure
        #expect(error?.message == "cannot be read as YAML or JSON: lists and mappings nest more than 1,000 deep here")
        #expect(error?.location?.line == 4)
    }

    @Test func aSwaggerDocumentIsNamedAsOne() {
        let error = Documents.read("swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\n").failure
        #expect(error?.message == "this is a Swagger 2.0 document (swagger:); gen reads OpenAPI 3.0 and 3.1 documents")
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 1, column: 10))
    }

    @Test func aDocumentThatIsNotUTF8IsNamedAtTheByte() {
        var bytes = Array((Documents.head + "x-note: caf").utf8)
        bytes += [0xE9, 0x0A] + Array(Documents.components.utf8)
        let error = Result { () throws(Diagnostic) in
            try OpenAPIDocumentReader(path: Documents.path, bytes: bytes).clientCredentials(
                scheme: nil, schemeLocation: nil)
        }.failure
        #expect(error?.message == "this is not UTF-8 (byte 0xE9); save the document as UTF-8")
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 4, column: 12))
    }
}

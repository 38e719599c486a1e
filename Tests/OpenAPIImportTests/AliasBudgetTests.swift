import Foundation
import SampleModel
import Testing

@testable import OpenAPIImport

/// Aliases are measured as the document is read, never expanded: a few hundred bytes of nested
/// aliases (each level ×10) are refused at once, at the alias that crosses the bound, whatever
/// form the bomb takes; reuse that stays within it reads as before.
@Suite struct AliasBudgetTests {
    typealias Documents = OpenAPIDocuments

    /// Refused at an alias (the text there starts with `*`), in well under a second.
    func expectRefusedAtAnAlias(
        _ document: String, saying words: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let clock = ContinuousClock()
        var result: Result<ClientCredentialsFlow, Diagnostic>!
        let elapsed = clock.measure { result = Documents.read(document) }
        let error = result.failure
        #expect(error?.message.contains(words) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.location?.path == Documents.path, sourceLocation: sourceLocation)
        let there = Documents.text(at: error?.location, in: document)
        #expect(there.hasPrefix("*"), "\(String(describing: error?.location))", sourceLocation: sourceLocation)
        // The 7-level bomb took 40 s before, each level ×10.
        #expect(elapsed < .seconds(1), "\(elapsed)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [5, 7, 9, 30])
    func aNestedSequenceBombIsRefusedAtTheAliasThatCrossesTheBound(levels: Int) {
        expectRefusedAtAnAlias(Documents.sequenceBomb(levels: levels), saying: "alias bomb")
    }

    @Test(arguments: [7, 30])
    func aMappingBombIsRefused(levels: Int) {
        expectRefusedAtAnAlias(Documents.mappingBomb(levels: levels), saying: "alias bomb")
    }

    @Test(arguments: [7, 30])
    func aBombOfMergeKeysIsRefused(levels: Int) {
        expectRefusedAtAnAlias(Documents.mergeBomb(levels: levels), saying: "alias bomb")
    }

    @Test(arguments: [7, 30])
    func aBombInAJSONDocumentIsRefused(levels: Int) {
        expectRefusedAtAnAlias(Documents.jsonSequenceBomb(levels: levels), saying: "alias bomb")
    }

    @Test func aBombInsideTheSecuritySchemeItselfIsRefused() {
        let document =
            Documents.head + """
                components:
                  securitySchemes:
                    oauth:
                      x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
                      x-a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
                      x-a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
                      x-a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
                      x-a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
                      x-a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
                      x-a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
                      type: oauth2
                      flows:
                        clientCredentials: {tokenUrl: https://id.example.com/token, scopes: {}}

                """
        expectRefusedAtAnAlias(document, saying: "alias bomb")
    }

    @Test func aBombUsedAsAKeyIsRefusedAtTheAlias() {
        // The key's alias is refused for what it is before anything could hash or copy it.
        let small = Documents.sequenceBomb(levels: 2)
            .replacingOccurrences(of: "components:", with: "x-keyed: {*a2: used as a key}\ncomponents:")
        expectRefusedAtAnAlias(small, saying: "not a string")
        let large = Documents.sequenceBomb(levels: 7)
            .replacingOccurrences(of: "components:", with: "x-keyed: {*a7: used as a key}\ncomponents:")
        expectRefusedAtAnAlias(large, saying: "alias")
    }

    @Test func aLongStringCopiedByManyAliasesIsRefusedByItsBytes() {
        let long = String(repeating: "x", count: 1 << 20)
        let document =
            Documents.head + "x-text: &text \(long)\nx-copies: ["
            + Array(repeating: "*text", count: 40).joined(separator: ", ")
            + "]\n" + Documents.components
        expectRefusedAtAnAlias(document, saying: "MB of text")
    }

    @Test func theAliasNamedIsTheOneThatCrossesTheBound() throws {
        // Each alias of &a copies 5 values (the list and its 4 items): with room for 25, the
        // sixth is the one that crosses.
        let document = "x: &a [1, 2, 3, 4]\ny: [*a, *a, *a, *a, *a, *a, *a]\n"
        var budget = AliasBudget()
        budget.maxNodes = 25
        let reader = SelectiveYAMLReader(path: "doc.yaml", budget: budget)
        #expect(throws: Diagnostic.self) { try reader.read(Array(document.utf8), keeping: .all) }
        do {
            _ = try reader.read(Array(document.utf8), keeping: .all)
        } catch {
            #expect(error.location == Diagnostic.Location(path: "doc.yaml", line: 2, column: 25))
            #expect(error.message.contains("more than 25 values"), "\(error)")
        }
        let fits = "x: &a [1, 2, 3, 4]\ny: [*a, *a, *a, *a, *a]\n"
        #expect(throws: Never.self) { try reader.read(Array(fits.utf8), keeping: .all) }
    }

    @Test func deepReuseWithinTheBoundReadsAsBefore() throws {
        // Four levels of four aliases each (256 copies of a response), merge keys and a
        // scheme assembled from anchors: what a hand-written document may do.
        var document = Documents.head + "x-reuse:\n  r0: &r0 {description: OK, content: {application/json: {}}}\n"
        for level in 1...4 {
            document +=
                "  r\(level): &r\(level) [" + Array(repeating: "*r\(level - 1)", count: 4).joined(separator: ", ")
            document += "]\n"
        }
        document += """
            x-shared:
              flow: &flow
                tokenUrl: https://id.example.com/token
              scopes: &scopes
                payments.read: Read payments
                payments.write: Make payments
            components:
              securitySchemes:
                oauth:
                  type: oauth2
                  flows:
                    clientCredentials:
                      <<: *flow
                      scopes: *scopes

            """
        let flow = try Documents.read(document).get()
        #expect(flow.tokenURL == "https://id.example.com/token")
        #expect(flow.scopeNames == ["payments.read", "payments.write"])
        // A scope is named where it is written: under the anchor.
        #expect(flow.scopes.first?.location == Diagnostic.Location(path: Documents.path, line: 14, column: 5))
    }

    @Test func aScalarAliasMayBeAKeyAndAnUndefinedAliasIsNamed() throws {
        let keyed =
            Documents.head + """
                x-names: {read: &read payments.read}
                components:
                  securitySchemes:
                    oauth:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: https://id.example.com/token
                          scopes:
                            *read : Read payments

                """
        #expect(try Documents.read(keyed).get().scopeNames == ["payments.read"])

        let undefined = Documents.head + "x-list: [*nowhere]\n" + Documents.components
        let error = Documents.read(undefined).failure
        #expect(error?.message == "this alias (*nowhere) names no anchor (&nowhere) given above it")
        #expect(error?.location == Diagnostic.Location(path: Documents.path, line: 4, column: 10))
    }
}

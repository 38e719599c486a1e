import Foundation
import OpenAPIImport
import SampleModel

/// OpenAPI documents for the reader's tests, and what to check of its answers.
enum OpenAPIDocuments {
    static let path = "api/openapi.yaml"

    /// A 3.0 document's first lines, up to where a test adds its own top-level keys.
    static let head = "openapi: 3.0.3\ninfo: {title: Payments, version: \"1\"}\npaths: {}\n"

    /// One OAuth 2.0 scheme with a clientCredentials flow, as the last top-level key.
    static let components = """
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows:
                clientCredentials:
                  tokenUrl: https://id.example.com/token
                  scopes:
                    payments.read: Read payments

        """

    /// `levels` anchors under `x-bomb:`, the first a list of `width` strings, each next a list
    /// of `width` aliases of the one before: `width` to the power `levels` values in a few
    /// hundred bytes.
    static func sequenceBomb(levels: Int, width: Int = 10) -> String {
        var text = head + "x-bomb:\n"
        text += "  - &a0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]\n"
        for level in 1...levels {
            text +=
                "  - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ") + "]\n"
        }
        return text + components
    }

    /// The same with mappings: each level a mapping of `width` keys whose values alias the level before.
    static func mappingBomb(levels: Int, width: Int = 10) -> String {
        var text = head + "x-bomb:\n"
        text += "  m0: &m0 {" + (0..<width).map { "k\($0): lol" }.joined(separator: ", ") + "}\n"
        for level in 1...levels {
            text += "  m\(level): &m\(level) {"
            text += (0..<width).map { "k\($0): *m\(level - 1)" }.joined(separator: ", ") + "}\n"
        }
        return text + components
    }

    /// The same with merge keys: each level merges the level before `width` times.
    static func mergeBomb(levels: Int, width: Int = 10) -> String {
        var text = head + "x-bomb:\n"
        text += "  m0: &m0 {" + (0..<width).map { "k\($0): lol" }.joined(separator: ", ") + "}\n"
        for level in 1...levels {
            text +=
                "  m\(level): &m\(level) {<<: ["
                + Array(repeating: "*m\(level - 1)", count: width).joined(separator: ", ")
            text += "], own\(level): x}\n"
        }
        return text + components
    }

    /// A JSON document (YAML's flow style) with the sequence bomb among its vendor extensions.
    static func jsonSequenceBomb(levels: Int, width: Int = 10) -> String {
        var members = [
            "\"openapi\": \"3.1.0\"", "\"info\": {\"title\": \"Payments\", \"version\": \"1\"}",
            "\"x-a0\": &a0 [" + Array(repeating: "\"lol\"", count: width).joined(separator: ", ") + "]",
        ]
        for level in 1...levels {
            members.append(
                "\"x-a\(level)\": &a\(level) ["
                    + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ")
                    + "]")
        }
        members.append(jsonComponents)
        return "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
    }

    static let jsonComponents = """
        "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"clientCredentials": \
        {"tokenUrl": "https://id.example.com/token", "scopes": {"payments.read": "Read payments"}}}}}}
        """

    /// A document of `paths` operations, `bytesPerPath` bytes each, before its one scheme: the
    /// shape of a large API's document.
    static func large(paths: Int) -> String {
        var text = head.replacingOccurrences(of: "paths: {}\n", with: "paths:\n")
        for index in 0..<paths {
            text += """
                  /accounts/\(index)/payments/{id}:
                    get:
                      operationId: getPayment\(index)
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '200': {description: "The payment, with its amount and status"}

                """
        }
        return text + components
    }

    /// The same as one line of JSON.
    static func largeJSON(paths: Int) -> String {
        let operations = (0..<paths).map { index in
            "\"/accounts/\(index)/payments/{id}\": {\"get\": {\"operationId\": \"getPayment\(index)\", "
                + "\"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\"}}], "
                + "\"responses\": {\"200\": {\"description\": \"The payment, with its amount and status\"}}}}"
        }
        return "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"Payments\", \"version\": \"1\"}, \"paths\": {"
            + operations.joined(separator: ", ") + "}, " + jsonComponents + "}\n"
    }

    /// The text at a diagnostic's line and column (columns count characters).
    static func text(at location: Diagnostic.Location?, in document: String) -> Substring {
        guard let location, let line = location.line, let column = location.column else { return "" }
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        return lines[line - 1].dropFirst(column - 1)
    }

    /// The reader's answer for `document`, or its refusal.
    static func read(_ document: String, scheme: String? = nil) -> Result<ClientCredentialsFlow, Diagnostic> {
        Result { () throws(Diagnostic) in
            try OpenAPIDocumentReader(path: path, text: document).clientCredentials(scheme: scheme, schemeLocation: nil)
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}

import Foundation
import OpenAPIKit
import OpenAPIKit30
import SampleModel
import Yams

/// Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) with OpenAPIKit and finds the
/// client-credentials flow of one of its OAuth 2.0 security schemes. Every refusal names the
/// place to fix: the document's line, or gen.yml's `security_scheme:`.
public struct OpenAPIDocumentReader {
    /// The document as the user named it, for messages.
    let path: String
    let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// One OAuth 2.0 scheme's flow: `scheme` (written at `schemeLocation` in gen.yml), or the
    /// document's only OAuth 2.0 scheme when `scheme` is nil.
    public func clientCredentials(scheme: String?, schemeLocation: Diagnostic.Location?) throws(Diagnostic)
        -> ClientCredentialsFlow
    {
        let root = try compose()
        let version = root?["openapi"]?.string ?? ""
        let schemes: [Scheme]
        if version.hasPrefix("3.0") {
            let document = try decode(OpenAPIKit30.OpenAPI.Document.self, root: root)
            schemes = document.components.securitySchemes.map { key, scheme in
                guard case .oauth2(let flows) = scheme.type else { return Scheme(name: key.rawValue) }
                return Scheme(
                    name: key.rawValue, oauth2: flows.clientCredentials.map { ($0.tokenUrl, Array($0.scopes.keys)) })
            }
        } else if version.hasPrefix("3.1") || version.hasPrefix("3.2") {
            let document = try decode(OpenAPIKit.OpenAPI.Document.self, root: root)
            schemes = document.components.securitySchemes.map { key, entry in
                guard let scheme = entry.b ?? entry.a.flatMap({ try? document.components.lookup($0) }),
                    case .oauth2(let flows, _) = scheme.type
                else { return Scheme(name: key.rawValue) }
                return Scheme(
                    name: key.rawValue, oauth2: flows.clientCredentials.map { ($0.tokenUrl, Array($0.scopes.keys)) })
            }
        } else {
            throw .error(
                "openapi: is \(version.isEmpty ? "missing" : "\"\(version)\""); gen reads OpenAPI 3.0 and 3.1 documents",
                at: location(of: root?["openapi"]) ?? Diagnostic.Location(path: path))
        }
        let oauth2 = schemes.filter(\.isOAuth2)
        let chosen: Scheme
        if let scheme {
            guard let found = schemes.first(where: { $0.name == scheme }) else {
                let known = oauth2.map(\.name)
                throw .error(
                    "the OpenAPI document \(path) has no security scheme \"\(scheme)\""
                        + (known.isEmpty
                            ? "; it defines no OAuth 2.0 scheme"
                            : "; its OAuth 2.0 schemes: \(known.joined(separator: ", "))"),
                    at: schemeLocation ?? Diagnostic.Location(path: path))
            }
            guard found.isOAuth2 else {
                throw .error(
                    "the security scheme \"\(scheme)\" is not an OAuth 2.0 scheme; name one whose type is oauth2",
                    at: locationOfScheme(scheme, in: root))
            }
            chosen = found
        } else {
            guard oauth2.count == 1, let only = oauth2.first else {
                throw .error(
                    oauth2.isEmpty
                        ? "the OpenAPI document defines no OAuth 2.0 security scheme; add one with a clientCredentials flow, or remove openapi: from gen.yml"
                        : "the OpenAPI document has several OAuth 2.0 schemes (\(oauth2.map(\.name).joined(separator: ", "))); name one with security_scheme: in gen.yml",
                    at: location(of: root?["components"]?["securitySchemes"]) ?? Diagnostic.Location(path: path))
            }
            chosen = only
        }
        let schemeAt = locationOfScheme(chosen.name, in: root)
        guard let flow = chosen.flow else {
            throw .error(
                "the OAuth 2.0 scheme \"\(chosen.name)\" has no clientCredentials flow; the samples use the client-credentials grant",
                at: location(of: schemeNode(chosen.name, in: root)?["flows"]) ?? schemeAt)
        }
        return ClientCredentialsFlow(
            schemeName: chosen.name, tokenURL: flow.tokenURL.absoluteString, scopes: flow.scopes, location: schemeAt)
    }

    /// One security scheme, as far as gen cares: whether it is OAuth 2.0, and its client-credentials
    /// flow if it has one (the same facts from an OpenAPI 3.0 or 3.1 document).
    private struct Scheme {
        let name: String
        var isOAuth2 = false
        var flow: (tokenURL: URL, scopes: [String])? = nil

        init(name: String) { self.name = name }

        init(name: String, oauth2 flow: (tokenURL: URL, scopes: [String])?) {
            self.name = name
            self.isOAuth2 = true
            self.flow = flow
        }
    }

    /// The document's YAML nodes, with their lines (JSON is read as YAML).
    private func compose() throws(Diagnostic) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw .error(
                    "cannot be read as YAML or JSON: \(problem)",
                    at: Diagnostic.Location(path: path, line: mark.line, column: mark.column))
            default:
                throw .error("cannot be read as YAML or JSON: \(error)", at: Diagnostic.Location(path: path))
            }
        } catch {
            throw .error("cannot be read as YAML or JSON: \(error)", at: Diagnostic.Location(path: path))
        }
    }

    /// The document decoded by OpenAPIKit; a decoding error is placed at the node it names.
    private func decode<Document: Decodable>(_ type: Document.Type, root: Node?) throws(Diagnostic) -> Document {
        do {
            return try YAMLDecoder().decode(Document.self, from: text)
        } catch let error as DecodingError {
            let (codingPath, detail): ([any CodingKey], String) =
                switch error {
                case .keyNotFound(let key, let context): (context.codingPath, "\"\(key.stringValue)\" is missing")
                case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                    (context.codingPath, context.debugDescription)
                @unknown default: ([], "\(error)")
                }
            var node = root
            for key in codingPath {
                guard let next = key.intValue.flatMap({ node?[$0] }) ?? node?[key.stringValue] else { break }
                node = next
            }
            throw .error(
                "is not a valid OpenAPI document: \(Self.oneLine(detail))",
                at: location(of: node) ?? Diagnostic.Location(path: path))
        } catch {
            throw .error(
                "is not a valid OpenAPI document: \(Self.oneLine(OpenAPIKit.OpenAPI.Error(from: error).localizedDescription))",
                at: Diagnostic.Location(path: path))
        }
    }

    /// A decoder's explanation as one line: a diagnostic is printed as one.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private func schemeNode(_ name: String, in root: Node?) -> Node? {
        root?["components"]?["securitySchemes"]?[name]
    }

    /// Where the scheme's name is written (its key), else the document.
    private func locationOfScheme(_ name: String, in root: Node?) -> Diagnostic.Location {
        guard case .mapping(let schemes)? = root?["components"]?["securitySchemes"],
            let key = schemes.first(where: { $0.key.string == name })?.key
        else { return Diagnostic.Location(path: path) }
        return location(of: key) ?? Diagnostic.Location(path: path)
    }

    private func location(of node: Node?) -> Diagnostic.Location? {
        guard let mark = node?.mark else { return nil }
        return Diagnostic.Location(path: path, line: mark.line, column: mark.column)
    }
}

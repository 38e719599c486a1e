import GenConfig
import OpenAPIImport
import SampleModel

/// gen.yml's `openapi:` applied: the token URL and the scopes come from the client-credentials
/// flow of the document's OAuth 2.0 scheme, unless gen.yml or the command line gives a token URL
/// (which wins, and gen says so) or gen.yml lists the scopes to request (each must be one the
/// scheme defines).
enum OpenAPISource {
    /// The most of an OpenAPI document gen reads.
    static let sizeLimit = 16 << 20

    /// Applies the document to `configuration`; returns the notes to print once.
    static func apply(
        to configuration: inout GenConfiguration, configPath: String?, overrides: ModelOverrides
    ) throws(Diagnostic) -> [Diagnostic] {
        guard let relative = configuration.openAPIPath else { return [] }
        let file = configuration.keyLocations[.openAPI] ?? Diagnostic.Location(path: configPath ?? ConfigFile.fileName)
        guard !relative.allSatisfy(\.isWhitespace) else {
            throw .error("openapi: is empty; name the OpenAPI document, or leave the key out", at: file)
        }
        let path = ConfigFile.resolve(relative, relativeTo: configPath ?? ConfigFile.fileName)
        let bytes = try FileBytes.read(path, limit: sizeLimit)
        let flow = try OpenAPIDocumentReader(path: path, text: String(decoding: bytes, as: UTF8.self))
            .clientCredentials(
                scheme: configuration.securityScheme, schemeLocation: configuration.keyLocations[.securityScheme])
        var notes: [Diagnostic] = []
        if let given = configuration.keyLocations[.tokenURL] {
            notes.append(
                .note(
                    "token_url here is used, not the tokenUrl of the OpenAPI scheme \"\(flow.schemeName)\" (\(flow.tokenURL))",
                    at: given))
        } else if overrides.tokenURL != nil {
            notes.append(
                .note(
                    "--token-url is used, not the tokenUrl of the OpenAPI scheme \"\(flow.schemeName)\" (\(flow.tokenURL))",
                    at: .option("--token-url")))
        } else {
            do {
                configuration.model.tokenRequest.tokenURL = try EndpointURL(flow.tokenURL)
            } catch {
                throw .error(
                    "the clientCredentials tokenUrl of \"\(flow.schemeName)\": \(error.description)", at: flow.location)
            }
        }
        if let listed = configuration.keyLocations[.scope], overrides.scope == nil {
            // gen.yml names the scopes to request: each must be one the scheme defines.
            for scope in (configuration.model.tokenRequest.scope ?? "").split(separator: " ")
            where !flow.scopes.contains(String(scope)) {
                throw .error(
                    "the scope \"\(scope)\" is not defined by the OpenAPI scheme \"\(flow.schemeName)\""
                        + (flow.scopes.isEmpty
                            ? ", which defines none" : " (it defines \(flow.scopes.joined(separator: ", ")))"),
                    at: listed)
            }
        } else if overrides.scope == nil {
            configuration.model.tokenRequest.scope = flow.scopes.isEmpty ? nil : flow.scopes.joined(separator: " ")
        }
        return notes
    }
}

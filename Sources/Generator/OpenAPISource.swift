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
        let flow = try OpenAPIDocumentReader(path: path, bytes: bytes)
            .clientCredentials(
                scheme: configuration.securityScheme, schemeLocation: configuration.keyLocations[.securityScheme])
        var notes: [Diagnostic] = []
        if let given = configuration.keyLocations[.setting(.tokenURL)] {
            notes.append(
                .note(
                    "token_url here is used, not the tokenUrl of the OpenAPI scheme \"\(flow.schemeName)\" (\(flow.tokenURL))",
                    at: given))
        } else if overrides.sets(.tokenURL) {
            notes.append(
                .note(
                    "--token-url is used, not the tokenUrl of the OpenAPI scheme \"\(flow.schemeName)\" (\(flow.tokenURL))",
                    at: .option("--token-url")))
        } else {
            do {
                configuration.model.tokenRequest.tokenURL = try EndpointURL(flow.tokenURL)
            } catch {
                // The words gen.yml's token_url gets, at the document's tokenUrl value.
                throw .error(error.description, at: flow.tokenURLLocation)
            }
        }
        if let listed = configuration.keyLocations[.setting(.scope)], !overrides.sets(.scope) {
            // gen.yml names the scopes to request: each must be one the scheme defines.
            for scope in (configuration.model.tokenRequest.scope ?? "").split(separator: " ")
            where !flow.scopeNames.contains(String(scope)) {
                throw .error(
                    "the scope \"\(scope)\" is not defined by the OpenAPI scheme \"\(flow.schemeName)\""
                        + (flow.scopes.isEmpty
                            ? ", which defines none" : " (it defines \(flow.scopeNames.joined(separator: ", ")))"),
                    at: listed)
            }
        } else if !overrides.sets(.scope) {
            for scope in flow.scopes {
                try check(scope, of: flow, model: configuration.model.tokenRequest)
            }
            configuration.model.tokenRequest.scope =
                flow.scopes.isEmpty ? nil : flow.scopeNames.joined(separator: " ")
        }
        return notes
    }

    /// A scope of the document that the samples will request: one token of the space-separated
    /// list they send (RFC 6749 §3.3), which the model accepts; refused at its key in the document.
    private static func check(_ scope: ClientCredentialsFlow.Scope, of flow: ClientCredentialsFlow, model: TokenRequest)
        throws(Diagnostic)
    {
        let name = "the scope \"\(scope.name)\" of the OpenAPI scheme \"\(flow.schemeName)\""
        guard !scope.name.isEmpty else {
            throw .error("a scope of the OpenAPI scheme \"\(flow.schemeName)\" is empty; name it", at: scope.location)
        }
        if let scalar = scope.name.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control || $0.properties.isWhitespace
        }) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            throw .error(
                scalar.properties.isWhitespace
                    ? "\(name) holds \(scalar == " " ? "a space" : code); the samples send the scopes separated by "
                        + "spaces (RFC 6749 §3.3), so a scope cannot hold white space"
                    : "\(name) holds \(code), a control character; a scope is printable text (RFC 6749 §3.3)",
                at: scope.location)
        }
        var request = model
        request.scope = scope.name
        do {
            try request.validate()
        } catch {
            // Only a refusal of the scope is the document's: gen.yml's values were checked where they are written.
            if error.fields.contains(.scope) { throw .error(error.message(naming: name), at: scope.location) }
        }
    }
}

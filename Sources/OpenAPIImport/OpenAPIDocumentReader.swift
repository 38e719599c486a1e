import SampleModel

/// Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) and finds the client-credentials flow of
/// one of its OAuth 2.0 security schemes. It reads only what gen needs — the version, `info`,
/// and `components.securitySchemes` — in one pass over the text, so a large API's document
/// takes time in proportion to its size, and aliases are measured before anything is copied.
/// Every refusal names the place to fix: the document's line, or gen.yml's `security_scheme:`.
public struct OpenAPIDocumentReader {
    /// The document as the user named it, for messages.
    let path: String
    let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// What gen reads of a document: the rest (its paths, schemas, examples) is parsed, and
    /// dropped as it goes.
    static let selection = YAMLSelection.keys([
        "openapi": .all, "swagger": .all, "info": .all, "components": .keys(["securitySchemes": .all]),
    ])

    /// One OAuth 2.0 scheme's flow: `scheme` (written at `schemeLocation` in gen.yml), or the
    /// document's only OAuth 2.0 scheme when `scheme` is nil.
    public func clientCredentials(scheme: String?, schemeLocation: Diagnostic.Location?) throws(Diagnostic)
        -> ClientCredentialsFlow
    {
        try checkUTF8()
        let root = try SelectiveYAMLReader(path: path).read(bytes, keeping: Self.selection)
        let document = Diagnostic.Location(path: path)
        guard let top = root?.mapping else {
            throw .error(
                "is not an OpenAPI document: it holds \(root.map { $0.kind.name } ?? "nothing"), not a mapping with "
                    + "openapi:, info: and components:", at: root?.location(in: path) ?? document)
        }
        try checkVersion(top)
        try checkRequiredFields(top)
        var table = try schemeTable(top)
        let chosen = try choose(scheme, schemeLocation: schemeLocation, in: &table, top: top)
        return try flow(of: chosen)
    }

    /// The document is UTF-8 (as JSON and YAML documents are): refused at the first byte that is not.
    private func checkUTF8() throws(Diagnostic) {
        do {
            _ = try UTF8Span(validating: bytes.span)
        } catch {
            let offset = error.byteOffsets.lowerBound
            let (line, column) = bytes.withUnsafeBufferPointer { YAMLEvents.position(ofOffset: offset, in: $0) }
            throw .error(
                "this is not UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true))); save the document as UTF-8",
                at: Diagnostic.Location(path: path, line: line, column: column))
        }
    }

    /// `openapi:` names 3.0, 3.1 or 3.2 (a Swagger 2.0 document is named as one).
    private func checkVersion(_ top: YAMLMapping) throws(Diagnostic) {
        let supported = "gen reads OpenAPI 3.0 and 3.1 documents"
        guard let value = top["openapi"] else {
            if let swagger = top["swagger"] {
                throw .error(
                    "this is a Swagger \(swagger.string.map { "\($0) " } ?? "")document (swagger:); \(supported)",
                    at: swagger.location(in: path))
            }
            throw .error("openapi: is missing; \(supported)", at: Diagnostic.Location(path: path))
        }
        guard let version = value.string else {
            throw .error("openapi: is \(value.kind.name), not a version; \(supported)", at: value.location(in: path))
        }
        guard version.hasPrefix("3.0") || version.hasPrefix("3.1") || version.hasPrefix("3.2") else {
            throw .error("openapi: is \"\(version)\"; \(supported)", at: value.location(in: path))
        }
    }

    /// The fields every OpenAPI document has (`info` with its title and version), as a reader of
    /// the document would refuse it without them; `paths` is not read.
    private func checkRequiredFields(_ top: YAMLMapping) throws(Diagnostic) {
        guard let info = top["info"] else {
            throw .error("is not a valid OpenAPI document: \"info\" is missing", at: Diagnostic.Location(path: path))
        }
        guard let fields = info.mapping else {
            throw .error(
                "is not a valid OpenAPI document: info is \(info.kind.name), not a mapping", at: info.location(in: path)
            )
        }
        for name in ["title", "version"] {
            guard let field = fields[name] else {
                throw .error("is not a valid OpenAPI document: info has no \"\(name)\"", at: info.location(in: path))
            }
            guard field.string != nil else {
                throw .error(
                    "is not a valid OpenAPI document: info's \(name) is \(field.kind.name), not a string",
                    at: field.location(in: path))
            }
        }
    }

    /// `components.securitySchemes`; an empty table when the document has none.
    private func schemeTable(_ top: YAMLMapping) throws(Diagnostic) -> SecuritySchemeTable {
        var schemes = YAMLMapping([])
        if let components = top["components"] {
            guard let mapping = components.mapping else {
                throw .error(
                    "components is \(components.kind.name), not a mapping", at: components.location(in: path))
            }
            if let value = mapping["securitySchemes"] {
                guard let found = value.mapping else {
                    throw .error(
                        "components.securitySchemes is \(value.kind.name), not a mapping of schemes by name",
                        at: value.location(in: path))
                }
                schemes = found
            }
        }
        return SecuritySchemeTable(path: path, schemes: schemes)
    }

    /// The scheme gen.yml names, or the only OAuth 2.0 scheme.
    private func choose(
        _ name: String?, schemeLocation: Diagnostic.Location?, in table: inout SecuritySchemeTable, top: YAMLMapping
    ) throws(Diagnostic) -> SecuritySchemeTable.Scheme {
        if let name {
            guard let found = try table.scheme(name) else {
                var oauth2: [String] = []
                for other in table.names {
                    if let scheme = try? table.scheme(other), scheme.isOAuth2 { oauth2.append(other) }
                }
                throw .error(
                    "the OpenAPI document \(path) has no security scheme \"\(name)\""
                        + (oauth2.isEmpty
                            ? "; it defines no OAuth 2.0 scheme"
                            : "; its OAuth 2.0 schemes: \(oauth2.joined(separator: ", "))"),
                    at: schemeLocation ?? Diagnostic.Location(path: path))
            }
            guard found.isOAuth2 else {
                throw .error(
                    "the security scheme \"\(name)\" is not an OAuth 2.0 scheme; name one whose type is oauth2"
                        + found.throughReference, at: found.key.location(in: path))
            }
            return found
        }
        // A scheme that only refers to another ($ref) is that scheme under a second name: one.
        var oauth2: [SecuritySchemeTable.Scheme] = []
        for other in table.names {
            if let scheme = try table.scheme(other), scheme.isOAuth2, scheme.reference == nil {
                oauth2.append(scheme)
            }
        }
        guard oauth2.count == 1, let only = oauth2.first else {
            let place = top["components"]?["securitySchemes"]?.location(in: path) ?? Diagnostic.Location(path: path)
            throw .error(
                oauth2.isEmpty
                    ? "the OpenAPI document defines no OAuth 2.0 security scheme; add one with a clientCredentials flow, or remove openapi: from gen.yml"
                    : "the OpenAPI document has several OAuth 2.0 schemes (\(oauth2.map(\.name).joined(separator: ", "))); name one with security_scheme: in gen.yml",
                at: place)
        }
        return only
    }

    /// The scheme's clientCredentials flow: its tokenUrl and scopes, each with its place.
    private func flow(of scheme: SecuritySchemeTable.Scheme) throws(Diagnostic) -> ClientCredentialsFlow {
        let note = scheme.throughReference
        let flows = scheme.value["flows"]
        guard let flow = flows?["clientCredentials"] else {
            throw .error(
                "the OAuth 2.0 scheme \"\(scheme.name)\" has no clientCredentials flow; the samples use the client-credentials grant"
                    + note, at: (flows ?? scheme.key).location(in: path))
        }
        guard let fields = flow.mapping else {
            throw .error(
                "the clientCredentials flow of \"\(scheme.name)\" is \(flow.kind.name), not a mapping" + note,
                at: flow.location(in: path))
        }
        guard let tokenURL = fields["tokenUrl"] else {
            throw .error(
                "the clientCredentials flow of \"\(scheme.name)\" has no tokenUrl; add the token endpoint's URL" + note,
                at: flow.location(in: path))
        }
        guard let url = tokenURL.string else {
            throw .error(
                "the tokenUrl of \"\(scheme.name)\" is \(tokenURL.kind.name), not a URL" + note,
                at: tokenURL.location(in: path))
        }
        guard let scopes = fields["scopes"] else {
            throw .error(
                "the clientCredentials flow of \"\(scheme.name)\" has no scopes; OpenAPI requires them "
                    + "(write scopes: {} for none)" + note, at: flow.location(in: path))
        }
        guard let named = scopes.mapping else {
            throw .error(
                "the scopes of \"\(scheme.name)\" are \(scopes.kind.name), not a mapping of each scope to its description"
                    + note, at: scopes.location(in: path))
        }
        return ClientCredentialsFlow(
            schemeName: scheme.name, tokenURL: url, tokenURLLocation: tokenURL.location(in: path),
            scopes: named.entries.map {
                ClientCredentialsFlow.Scope(name: $0.key.string ?? "", location: $0.key.location(in: path))
            },
            location: scheme.key.location(in: path))
    }
}

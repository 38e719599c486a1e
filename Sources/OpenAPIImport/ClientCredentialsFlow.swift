import SampleModel

/// What a team's OpenAPI document says about getting a token with the client-credentials grant:
/// the token endpoint and the scopes of one OAuth 2.0 security scheme's `clientCredentials` flow,
/// each with the place it is written, so that a value the model refuses is named there.
public struct ClientCredentialsFlow: Sendable, Hashable {
    /// One scope the flow defines: its name (a key of `scopes`) and where that key is written.
    public struct Scope: Sendable, Hashable {
        public let name: String
        public let location: Diagnostic.Location

        public init(name: String, location: Diagnostic.Location) {
            self.name = name
            self.location = location
        }
    }

    /// The security scheme's name under `components.securitySchemes`.
    public let schemeName: String
    /// The `tokenUrl` as written; the model judges it (`EndpointURL`), as it does gen.yml's token_url.
    public let tokenURL: String
    /// Where the `tokenUrl` value is written (a `$ref` followed).
    public let tokenURLLocation: Diagnostic.Location
    /// The scopes the flow defines, in the document's order.
    public let scopes: [Scope]
    /// Where the scheme is written in the document (its key; where a `$ref` led, if one did).
    public let location: Diagnostic.Location

    public init(
        schemeName: String, tokenURL: String, tokenURLLocation: Diagnostic.Location, scopes: [Scope],
        location: Diagnostic.Location
    ) {
        self.schemeName = schemeName
        self.tokenURL = tokenURL
        self.tokenURLLocation = tokenURLLocation
        self.scopes = scopes
        self.location = location
    }

    public var scopeNames: [String] { scopes.map(\.name) }
}

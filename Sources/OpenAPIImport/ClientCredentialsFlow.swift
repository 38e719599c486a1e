import SampleModel

/// What a team's OpenAPI document says about getting a token with the client-credentials grant:
/// the token endpoint and the scopes of one OAuth 2.0 security scheme's `clientCredentials` flow.
public struct ClientCredentialsFlow: Sendable, Hashable {
    /// The security scheme's name under `components.securitySchemes`.
    public let schemeName: String
    public let tokenURL: String
    /// The scopes the flow defines, in the document's order.
    public let scopes: [String]
    /// Where the scheme is written in the document.
    public let location: Diagnostic.Location

    public init(schemeName: String, tokenURL: String, scopes: [String], location: Diagnostic.Location) {
        self.schemeName = schemeName
        self.tokenURL = tokenURL
        self.scopes = scopes
        self.location = location
    }
}

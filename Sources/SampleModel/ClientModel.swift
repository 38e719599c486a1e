/// The OAuth 2.0 client every sample implements: the single source of truth for all languages.
public struct ClientModel: Codable, Sendable, Hashable {
    public var tokenRequest: TokenRequest
    public var refreshPolicy: RefreshPolicy
    /// The protected API the token-refresh sample calls to show the token in use.
    public var apiURL: EndpointURL

    public init(tokenRequest: TokenRequest, refreshPolicy: RefreshPolicy = RefreshPolicy(), apiURL: EndpointURL) {
        self.tokenRequest = tokenRequest
        self.refreshPolicy = refreshPolicy
        self.apiURL = apiURL
    }

    /// The guide's client. The guide names no server, so the URLs are the documentation hosts of
    /// RFC 2606; a docs site sets its own in `gen.yml`.
    public static let guideDefault = ClientModel(
        tokenRequest: TokenRequest(tokenURL: try! EndpointURL("https://auth.example.com/oauth2/token")),
        apiURL: try! EndpointURL("https://api.example.com/v1/resource"))

    public func validate() throws(ModelError) {
        try tokenRequest.validate()
        try refreshPolicy.validate()
    }
}

/// What a code section shows: one of the guide's two tasks.
public enum Snippet: String, CaseIterable, Codable, Sendable {
    /// A complete program that gets one access token with the client-credentials grant.
    case tokenRequest = "token-request"
    /// A token manager that implements the `RefreshPolicy`, then a short use of it.
    case tokenRefresh = "token-refresh"

    /// One line for `gen --list`.
    public var summary: String {
        switch self {
        case .tokenRequest: "get an access token with the client-credentials grant (a complete program)"
        case .tokenRefresh: "a token manager that renews the token before it expires, and a call that uses it"
        }
    }
}

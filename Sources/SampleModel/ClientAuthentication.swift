/// How the client proves its identity to the token endpoint (RFC 6749 §2.3.1).
public enum ClientAuthentication: String, CaseIterable, Codable, Sendable {
    /// HTTP Basic: the client ID as user name and the secret as password. The guide's Postman steps.
    case clientSecretBasic = "client_secret_basic"
    /// `client_id` and `client_secret` as form fields in the request body.
    case clientSecretPost = "client_secret_post"
}

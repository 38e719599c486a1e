/// Recognises keys that would hold a secret value, so a configuration carrying one is refused
/// before the secret can reach a guide, a golden file or a log.
public enum SecretLikeKey {
    private static let exactNames: Set<String> = [
        "secret", "client_secret", "password", "passwd", "client_password", "api_key", "access_token",
    ]

    /// True for `client_secret`, `secret`, `password` and their look-alikes (`Client-Secret`,
    /// `db_password`); false for keys that only *name* where a secret lives (`client_secret_variable`).
    public static func matches(_ key: String) -> Bool {
        let normalized = String(key.lowercased().map { $0 == "-" ? "_" : $0 })
        return exactNames.contains(normalized)
            || normalized.hasSuffix("_secret")
            || normalized.hasSuffix("_password")
    }
}

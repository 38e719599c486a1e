/// Recognises keys that would hold a secret value, so a configuration carrying one is refused
/// before the secret can reach a guide, a golden file or a log.
///
/// A key is read as words, whatever its spelling: case, separators (`-`, `_`, `.`, spaces),
/// camelCase and surrounding whitespace do not matter (`clientSecret`, `CLIENT-SECRET`,
/// `" client_secret "` are one name). It is secret-like when its last word names a credential
/// (`…_secret`, `…_password`, `…_token`, `…_assertion`, `api_key`, `private_key`, `session_id`,
/// …), or when all its words run together do (`apikey`, `clientsecret`, `refreshtoken`).
/// Keys that only name *where* a secret lives or *what kind* it is end in another word and stay
/// accepted: `client_secret_variable`, `client_assertion_type`, `token_url`, `token_type_hint`.
public enum SecretLikeKey {
    /// Last words that make a key a credential on their own.
    private static let secretWords: Set<String> = [
        "secret", "secrets", "password", "passwords", "passwd", "pwd", "pass", "passphrase", "passcode", "pin",
        "token", "tokens", "assertion", "credential", "credentials", "creds", "apikey", "auth", "authorization",
        "bearer", "session", "cookie", "jwt", "otp", "privatekey", "signature",
    ]

    /// Last two words that make a credential together.
    private static let secretPairs: Set<[String]> = [
        ["api", "key"], ["private", "key"], ["secret", "key"], ["access", "key"], ["signing", "key"],
        ["client", "key"], ["encryption", "key"], ["master", "key"], ["session", "id"], ["session", "key"],
        ["pass", "word"], ["pass", "phrase"], ["auth", "code"], ["authorization", "code"], ["api", "secret"],
    ]

    /// Endings of a name written without separators (`clientsecret`, `myapikey`).
    private static let secretEndings = [
        "secret", "password", "passwd", "token", "assertion", "credentials", "credential", "apikey", "privatekey",
        "secretkey", "accesskey", "signingkey", "sessionid", "sessionkey", "authorization",
    ]

    /// True for `client_secret`, `secret`, `password`, `api_key`, `refresh_token` and their
    /// spellings (`Client-Secret`, `clientSecret`, `APIKEY`, `db.password`); false for keys that
    /// only *name* where a secret lives (`client_secret_variable`) and for ordinary parameters
    /// (`audience`, `resource`, `scope`, `client_id`, `token_url`).
    public static func matches(_ key: String) -> Bool {
        let words = words(of: key)
        guard let last = words.last else { return false }
        if secretWords.contains(last) { return true }
        if words.count >= 2, secretPairs.contains(Array(words.suffix(2))) { return true }
        let joined = words.joined()
        return secretEndings.contains { joined.hasSuffix($0) && Self.endsAsWord(joined, $0, words: words) }
    }

    /// The lower-cased words of a key: split at every character that is not a letter or digit
    /// and between a lower-case letter or digit and an upper-case one (`clientSecret`,
    /// `APIKey` → `api`, `key`).
    public static func words(of key: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(key)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if character.isUppercase, let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // "clientSecret" → client|Secret; "APIKey" → API|Key (an upper-case run ends
                // before its last letter when a lower-case one follows).
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// An ending found in the joined name counts when the name is one word (`clientsecret`) or
    /// the ending covers the whole last word at least (`my_apikey`, not `bypass`).
    private static func endsAsWord(_ joined: String, _ ending: String, words: [String]) -> Bool {
        words.count == 1 || ending.count >= words.last!.count
    }
}

import SampleModel

/// The snippet a heading's code sections most likely need, and why: what `gen init` writes under
/// `groups:` for a writer to check. The rule is short enough to be said in gen.yml (`rule`), so a
/// wrong guess is easy to see and to change.
public struct SnippetGuess: Sendable, Hashable {
    public let snippet: Snippet
    /// Why, in a few words (`the heading says "expiration"`).
    public let reason: String

    public init(snippet: Snippet, reason: String) {
        self.snippet = snippet
        self.reason = reason
    }

    /// Words of a heading about keeping a token: the start of a heading's word, any case.
    public static let refreshWords = ["refresh", "renew", "expir", "fresh", "manag", "cach", "reus", "lifetime"]
    /// Words of a heading about getting one.
    public static let requestWords = [
        "token", "request", "get", "obtain", "fetch", "acquir", "retriev", "authent", "credential", "grant",
    ]

    /// The rule, one step a line, as gen.yml's comment says it: the first step that applies decides.
    public static let rule = [
        "the snippet the sections' blocks are tagged with already (gen=…), if they agree;",
        "token-request when a section's language has no token-refresh sample (curl);",
        "token-refresh when a word of the heading starts with \(listed(refreshWords));",
        "token-request when one starts with \(listed(requestWords));",
        "else token-request if no heading above got it, token-refresh if one did.",
    ]

    /// The guess for the sections under one heading. `requestAbove`: whether a heading above it
    /// got token-request (a guide gets a token before it keeps one fresh).
    public static func guess(heading: String?, languages: [Language], taggedSnippet: Snippet?, requestAbove: Bool)
        -> SnippetGuess
    {
        if let taggedSnippet {
            return SnippetGuess(snippet: taggedSnippet, reason: "its blocks are tagged gen=\(taggedSnippet.rawValue)")
        }
        if let language = languages.first(where: { !$0.offers(.tokenRefresh) }) {
            return SnippetGuess(
                snippet: .tokenRequest, reason: "\(language.displayName) has no token-refresh sample")
        }
        let words = Self.words(of: heading ?? "")
        if let word = words.first(where: { word in refreshWords.contains { word.hasPrefix($0) } }) {
            return SnippetGuess(snippet: .tokenRefresh, reason: "the heading says \"\(word)\"")
        }
        if let word = words.first(where: { word in requestWords.contains { word.hasPrefix($0) } }) {
            return SnippetGuess(snippet: .tokenRequest, reason: "the heading says \"\(word)\"")
        }
        return requestAbove
            ? SnippetGuess(
                snippet: .tokenRefresh, reason: "no word of the heading tells; a heading above got token-request")
            : SnippetGuess(
                snippet: .tokenRequest, reason: "no word of the heading tells; no heading above got token-request")
    }

    /// A heading's words, lowercased: runs of letters and digits.
    static func words(of heading: String) -> [String] {
        heading.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    private static func listed(_ words: [String]) -> String {
        words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

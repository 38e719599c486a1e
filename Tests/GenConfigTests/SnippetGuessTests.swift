import GenConfig
import SampleModel
import Testing

/// How `gen init` guesses a heading's snippet (issue 22, item 1): the rule gen.yml states, step
/// by step, the first that applies deciding.
@Suite struct SnippetGuessTests {
    func guess(
        _ heading: String?, _ languages: [Language] = [.python], tagged: Snippet? = nil, requestAbove: Bool = false
    ) -> SnippetGuess {
        SnippetGuess.guess(heading: heading, languages: languages, taggedSnippet: tagged, requestAbove: requestAbove)
    }

    @Test(arguments: [
        "Handling Access Token Expiration in the Client Application", "Refreshing the token", "Token renewal",
        "When the token expires", "Expiry", "Keeping the token fresh", "The token manager", "Managing tokens",
        "Caching the access token", "Reusing a token", "Token lifetime", "REFRESH", "Ré-fresh? no: refresh!",
    ])
    func aHeadingAboutKeepingATokenGetsTokenRefresh(_ heading: String) {
        #expect(guess(heading).snippet == .tokenRefresh)
        #expect(guess(heading, requestAbove: true).snippet == .tokenRefresh)
        #expect(guess(heading).reason.hasPrefix("the heading says \""))
    }

    @Test(arguments: [
        "Getting an access token", "Get a token", "Token request", "Requesting access", "Obtaining credentials",
        "Fetch", "Acquiring a token", "Retrieving the token", "Authentication", "The client-credentials grant",
    ])
    func aHeadingAboutGettingATokenGetsTokenRequest(_ heading: String) {
        #expect(guess(heading, requestAbove: true).snippet == .tokenRequest)
    }

    @Test func withoutATellingWordTheFirstGetsTokenRequestAndTheNextTokenRefresh() {
        #expect(guess("Postman guide").snippet == .tokenRequest)
        #expect(guess("Postman guide", requestAbove: true).snippet == .tokenRefresh)
        #expect(guess(nil).snippet == .tokenRequest)
        #expect(guess("Példa", requestAbove: true).snippet == .tokenRefresh)
        // Words are whole-word starts: "forget" holds "get", "regrant" "grant", neither starts a word.
        #expect(guess("Don't forget", requestAbove: true).snippet == .tokenRefresh)
    }

    @Test func aLanguageWithoutTokenRefreshWinsOverTheHeadingsWords() {
        let guessed = guess("Refreshing the token", [.python, .curl])
        #expect(guessed.snippet == .tokenRequest)
        #expect(guessed.reason == "curl has no token-refresh sample")
    }

    @Test func blocksGenTaggedWinOverEverythingElse() {
        #expect(guess("Get a token", tagged: .tokenRefresh).snippet == .tokenRefresh)
        #expect(guess("Refresh", [.curl], tagged: .tokenRequest).snippet == .tokenRequest)
        #expect(guess("x", tagged: .tokenRefresh).reason == "its blocks are tagged gen=token-refresh")
    }

    @Test func theRuleNamesEveryWordItMatches() {
        let rule = SnippetGuess.rule.joined(separator: " ")
        for word in SnippetGuess.refreshWords + SnippetGuess.requestWords { #expect(rule.contains(word)) }
    }
}

import SampleModel
import Testing

@Suite struct EndpointURLTests {
    @Test(arguments: ["https://auth.example.com/oauth2/token", "HTTPS://id.example.com:8443/t?x=1", "https://[2001:db8::1]/token"])
    func acceptsHTTPS(_ text: String) throws {
        #expect(try EndpointURL(text).text == text)
    }

    @Test(arguments: ["http://127.0.0.1:8080/oauth/token", "http://localhost/token", "http://[::1]:9000/t", "http://127.8.9.10/x"])
    func acceptsPlainHTTPOnLoopback(_ text: String) throws {
        #expect(try EndpointURL(text).isLoopback)
    }

    @Test func refusesPlainHTTPElsewhere() {
        #expect(throws: ModelError.insecureURL("http://auth.example.com/token")) {
            try EndpointURL("http://auth.example.com/token")
        }
    }

    @Test(arguments: ["auth.example.com/token", "ftp://example.com/x", "https:///path", "https://user:pw@example.com/t", "https://exa mple.com/"])
    func refusesOtherURLs(_ text: String) {
        #expect(throws: ModelError.self) { try EndpointURL(text) }
    }

    @Test func keepsPathAndQueryByteForByte() throws {
        let text = "https://example.com/p\"a'th\\?q=${x}&r=</script>\u{202E}"
        #expect(try EndpointURL(text).text == text)
    }
}

extension EndpointURLTests {
    /// Found by the property tests: a combining mark right after "/" made one Character of the
    /// two, and the host swallowed the path.
    @Test func aCombiningMarkAfterTheSlashDoesNotJoinTheHost() throws {
        #expect(try EndpointURL("https://api.example.com/\u{301}x").host == "api.example.com")
    }
}

import SampleModel
import Testing

@Suite struct EndpointURLTests {
    @Test(arguments: [
        "https://auth.example.com/oauth2/token", "HTTPS://id.example.com:8443/t?x=1", "https://[2001:db8::1]/token",
    ])
    func acceptsHTTPS(_ text: String) throws {
        #expect(try EndpointURL(text).text == text)
    }

    @Test(arguments: [
        "http://127.0.0.1:8080/oauth/token", "http://localhost/token", "http://[::1]:9000/t", "http://127.8.9.10/x",
    ])
    func acceptsPlainHTTPOnLoopback(_ text: String) throws {
        #expect(try EndpointURL(text).isLoopback)
    }

    @Test func refusesPlainHTTPElsewhere() {
        #expect(throws: ModelError.insecureURL("http://auth.example.com/token")) {
            try EndpointURL("http://auth.example.com/token")
        }
    }

    @Test(arguments: [
        "auth.example.com/token", "ftp://example.com/x", "https:///path", "https://user:pw@example.com/t",
        "https://exa mple.com/",
    ])
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

/// Host and port are checked whole (issue 10, item 11): whatever is accepted is a URL every
/// language's URL type parses, so no sample traps at run time.
extension EndpointURLTests {
    @Test(arguments: [
        "https://auth.example.com:8443/token", "https://auth.example.com:1/t", "https://auth.example.com:65535/t",
        "https://[2001:db8::1]:8443/t", "https://[::1]/t", "https://[2001:db8:0:0:0:0:0:1]/t",
        "https://[::ffff:192.0.2.1]/t",
        "https://[fe80::1%25eth0]/t", "https://192.0.2.10/t", "https://auth.example.com./t",
        "https://auth-1.example_x.com/t",
        "https://auth.example.com", "https://auth.example.com?x=1", "https://auth.example.com#f",
        "https://bücher.example/t",
    ])
    func acceptsWellFormedHostsAndPorts(_ text: String) throws {
        #expect(try EndpointURL(text).text == text)
    }

    @Test(arguments: [
        ("https://auth.example.com:abc/t", "is not a number"),
        ("https://auth.example.com:80a/t", "is not a number"),
        ("https://auth.example.com:-1/t", "is not a number"),
        ("https://auth.example.com:+443/t", "is not a number"),
        ("https://auth.example.com:0/t", "between 1 and 65535"),
        ("https://auth.example.com:65536/t", "between 1 and 65535"),
        ("https://auth.example.com:99999999999999999999/t", "between 1 and 65535"),
        ("https://auth.example.com:/t", "port is empty"),
        ("https://auth.example.com:443:8443/t", "two ports"),
        ("https://[2001:db8::1]junk/t", "follows its host"),
        ("https://[2001:db8::1]:/t", "port is empty"),
        ("https://[2001:db8::1]:44x/t", "is not a number"),
        ("https://[2001:db8::1/t", "not closed"),
        ("https://[example.com]/t", "not an IPv6 address"),
        ("https://[1:2:3:4:5:6:7:8:9]/t", "not an IPv6 address"),
        ("https://[1::2::3]/t", "not an IPv6 address"),
        ("https://[]/t", "not an IPv6 address"),
        ("https://:443/t", "host is empty"),
        ("https:///t", "host is empty"),
        ("https://?q/t", "host is empty"),
        ("https://auth..example.com/t", "not a host name"),
        ("https://.example.com/t", "not a host name"),
        ("https://-auth.example.com/t", "not a host name"),
        ("https://auth.example.com-/t", "not a host name"),
        ("https://auth%2eexample.com/t", "not a host name"),
        ("https://auth example.com/t", "not a host name"),
        ("https://999.1.1.1/t", "not a host name"),
        ("https://1.2.3/t", "not a host name"),
        ("https://example.123/t", "not a host name"),
    ])
    func refusesMalformedHostsAndPorts(_ text: String, _ reason: String) {
        do {
            _ = try EndpointURL(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains(reason), "\(text): \(error.description)")
        }
    }
}

import SampleModel
import Testing

@Suite struct CurlLiteralEncoderTests {
    let encoder = ShellLiteralEncoder()

    @Test func printableASCIIIsSingleQuotedAndNothingInItExpands() {
        #expect(encoder.stringLiteral("plain") == "'plain'")
        #expect(encoder.stringLiteral("\"q\" !1 *?[a] ~ #c {x} (y) ; & |") == #"'"q" !1 *?[a] ~ #c {x} (y) ; & |'"#)
        // `$`, a backtick and a backslash are backslashed outside the quotes, as `'` is, so
        // shellcheck sees no expansion or escaped quote inside single quotes.
        #expect(encoder.stringLiteral("$x ${y} $(rm) `ls` a\\") == #"\$'x '\$'{y} '\$'(rm) '\`'ls'\`' a'\\"#)
    }

    @Test func theEmptyStringIsTwoQuotes() {
        #expect(encoder.stringLiteral("") == "''")
    }

    /// Nothing escapes inside single quotes, so a quote closes them, is written as `\'`, and
    /// they reopen: `'\''`.
    @Test(arguments: [
        ("it's", #"'it'\''s'"#),
        ("'", #"\'"#),
        ("''", #"\'\'"#),
        ("'a'", #"\''a'\'"#),
    ])
    func quotesAreBackslashedBetweenQuotedParts(_ value: String, _ literal: String) {
        #expect(encoder.stringLiteral(value) == literal)
    }

    /// Every byte outside printable ASCII, UTF-8 included, is `\xHH` in `$'…'`: no locale applies.
    @Test func otherBytesAreHexInANSICQuotes() {
        #expect(encoder.stringLiteral("a\nb") == #"'a'$'\x0A''b'"#)
        #expect(encoder.stringLiteral("\r\n\t\u{1B}\u{7F}") == #"$'\x0D\x0A\x09\x1B\x7F'"#)
        #expect(encoder.stringLiteral("é😀") == #"$'\xC3\xA9\xF0\x9F\x98\x80'"#)
        #expect(encoder.stringLiteral("\u{202E}'x") == #"$'\xE2\x80\xAE'\''x'"#)
    }

    /// A hex escape followed by a hex digit must not swallow it: the digit is in its own quotes.
    @Test func hexEscapesDoNotSwallowFollowingDigits() {
        #expect(encoder.stringLiteral("\u{1}F") == #"$'\x01''F'"#)
    }

    @Test func isOneLineOfPrintableASCII() {
        let literal = encoder.stringLiteral("'$(x)'\n\u{2028}\u{85}\"\\é")
        #expect(literal.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
        #expect(literal == #"\'\$'(x)'\'$'\x0A\xE2\x80\xA8\xC2\x85''"'\\$'\xC3\xA9'"#)
    }

    @Test func curlOffersOnlyTokenRequest() {
        #expect(Language.curl.snippets == [.tokenRequest])
        #expect(!Language.offering(.tokenRefresh).contains(.curl))
        #expect(Language.offering(.tokenRequest).first == .curl)
        #expect(Language(name: "curl") == .curl && Language(name: "Bash") == .curl && Language(name: "sh") == .curl)
    }
}

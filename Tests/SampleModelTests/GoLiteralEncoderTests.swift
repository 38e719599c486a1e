import SampleModel
import Testing

@Suite struct GoLiteralEncoderTests {
    let encoder = GoLiteralEncoder()

    @Test func escapesQuotesBackslashesAndLineBreaks() {
        #expect(encoder.stringLiteral("a'b\"c\\d\ne\r\tf") == #""a'b\"c\\d\ne\r\tf""#)
    }

    /// A backtick, `%` verbs and braces mean nothing inside an interpreted string literal.
    @Test func leavesOtherGoSyntaxAlone() {
        #expect(encoder.stringLiteral("`x` %s %v {a} $b") == #""`x` %s %v {a} $b""#)
    }

    @Test func escapesASCIIControlsAsHex() {
        #expect(encoder.stringLiteral("\u{0}\u{1B}\u{7F}") == #""\x00\x1B\x7F""#)
    }

    /// In Go, `\xE9` is the single byte 0xE9 (invalid UTF-8), not "é": everything above ASCII is
    /// written by code point.
    @Test func escapesNonASCIIByCodePointNeverAsBytes() {
        #expect(encoder.stringLiteral("\u{80}é€") == #""\u0080\u00E9\u20AC""#)
        #expect(encoder.stringLiteral("😀\u{202E}\u{FEFF}\u{10FFFF}") == #""\U0001F600\u202E\uFEFF\U0010FFFF""#)
    }

    /// `\x` takes exactly two digits, `\u` four and `\U` eight: a following hex digit stays itself.
    @Test func escapesDoNotSwallowFollowingDigits() {
        #expect(encoder.stringLiteral("\u{1}F") == #""\x01F""#)
        #expect(encoder.stringLiteral("é0") == #""\u00E90""#)
        #expect(encoder.stringLiteral("😀0") == #""\U0001F6000""#)
    }

    @Test func numbersAreGoConstants() {
        #expect(encoder.numberLiteral(20) == "20")
        #expect(encoder.numberLiteral(0.5) == "0.5")
    }
}

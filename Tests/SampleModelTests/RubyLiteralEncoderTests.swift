import SampleModel
import Testing

@Suite struct RubyLiteralEncoderTests {
    let encoder = RubyLiteralEncoder()

    @Test func escapesQuotesBackslashesAndLineBreaks() {
        #expect(encoder.stringLiteral("a'b\"c\\d\ne\r\tf") == ##""a'b\"c\\d\ne\r\tf""##)
    }

    /// `#{…}`, `#@ivar`, `#@@cvar` and `#$global` interpolate in a double-quoted Ruby string:
    /// every `#` is escaped, so none of them can.
    @Test(arguments: [
        ("#{x}", ##""\#{x}""##),
        ("#@x", ##""\#@x""##),
        ("#@@x", ##""\#@@x""##),
        ("#$x #$0", ##""\#$x \#$0""##),
        ("a#b", ##""a\#b""##),
        ("\\#{x}", ##""\\\#{x}""##),
        ("#", ##""\#""##),
    ])
    func nothingInterpolates(_ value: String, _ literal: String) {
        #expect(encoder.stringLiteral(value) == literal)
    }

    @Test func leavesOtherRubySyntaxAlone() {
        #expect(encoder.stringLiteral("$x 'y' %q(z) `ls` {a}") == ##""$x 'y' %q(z) `ls` {a}""##)
    }

    @Test func escapesControlsAsHexAndNonASCIIByCodePoint() {
        #expect(encoder.stringLiteral("\u{0}\u{1B}\u{7F}") == ##""\x00\x1B\x7F""##)
        #expect(encoder.stringLiteral("é€😀\u{202E}\u{FEFF}") == ##""\u{E9}\u{20AC}\u{1F600}\u{202E}\u{FEFF}""##)
    }

    /// A hex escape followed by a hex digit must not swallow it: `\x` takes at most two digits.
    @Test func hexEscapesDoNotSwallowFollowingDigits() {
        #expect(encoder.stringLiteral("\u{1}F") == ##""\x01F""##)
        #expect(encoder.stringLiteral("é0") == ##""\u{E9}0""##)
    }

    @Test func isOneLineOfPrintableASCII() {
        let literal = encoder.stringLiteral("#{`rm`}\n\u{2028}\u{85}\"\\é")
        #expect(literal.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
        #expect(literal == ##""\#{`rm`}\n\u{2028}\u{85}\"\\\u{E9}""##)
    }
}

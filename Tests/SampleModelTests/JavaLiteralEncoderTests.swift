import SampleModel
import Testing

@Suite struct JavaLiteralEncoderTests {
    let encoder = JavaLiteralEncoder()

    @Test func escapesQuotesBackslashesAndLineBreaks() {
        #expect(encoder.stringLiteral("a'b\"c\\d\ne\r\tf\u{8}g\u{C}") == #""a'b\"c\\d\ne\r\tf\bg\f""#)
    }

    /// javac replaces `\uXXXX` before it reads the source: a quote, a backslash or a line break
    /// written that way would end the literal, start an escape or break the line. They always get
    /// their simple escapes, so no `\u0022`, `\u005C`, `\u000A` or `\u000D` is ever written.
    @Test func neverWritesAUnicodeEscapeJavacReadsAsSyntax() {
        let literal = encoder.stringLiteral("\"\\\n\r")
        #expect(literal == #""\"\\\n\r""#)
        for forbidden in ["\\u0022", "\\u005C", "\\u005c", "\\u000A", "\\u000D"] {
            #expect(!literal.contains(forbidden))
        }
    }

    /// A backslash in the value is doubled, so a `\u` the value spells out stays text: javac only
    /// reads `\u` after an even number of backslashes.
    @Test func spelledOutUnicodeEscapeStaysText() {
        #expect(encoder.stringLiteral(#"\u0022"#) == #""\\u0022""#)
        #expect(encoder.stringLiteral("\\é") == #""\\\u00E9""#)
    }

    @Test func escapesControlAndNonASCIIAsUTF16() {
        #expect(encoder.stringLiteral("\u{0}\u{1F}\u{7F}é€\u{202E}") == #""\u0000\u001F\u007F\u00E9\u20AC\u202E""#)
        #expect(encoder.stringLiteral("😀") == #""\uD83D\uDE00""#)
    }

    @Test func keepsPrintableASCII() {
        #expect(encoder.stringLiteral("a b$c{d}#e'f/*g*/") == #""a b$c{d}#e'f/*g*/""#)
    }
}

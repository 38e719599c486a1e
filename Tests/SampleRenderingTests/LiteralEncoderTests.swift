import SampleModel
import SampleRendering
import Testing

@Suite struct LiteralEncoderTests {
    @Test func pythonEscapesQuotesBackslashesAndLineBreaks() {
        #expect(PythonLiteralEncoder().stringLiteral("a'b\"c\\d\ne\r\tf") == #""a'b\"c\\d\ne\r\tf""#)
    }

    /// black and `ruff format` keep double quotes unless single quotes need fewer escapes, so the
    /// encoder chooses the same way and a formatter leaves the sample as rendered.
    @Test(arguments: [
        ("plain", #""plain""#),
        ("r\"$1\\", #"'r"$1\\'"#),
        (#"say "hi" it's"#, #"'say "hi" it\'s'"#),
        (#"it's "x""#, #"'it\'s "x"'"#),
        (#"'a' "b""#, #""'a' \"b\"""#),
        ("it's", #""it's""#),
    ])
    func pythonQuotesAsFormattersDo(_ value: String, _ literal: String) {
        #expect(PythonLiteralEncoder().stringLiteral(value) == literal)
    }

    @Test func pythonEscapesNonASCIIByCodePoint() {
        #expect(PythonLiteralEncoder().stringLiteral("é€😀\u{0}") == #""\xE9\u20AC\U0001F600\x00""#)
    }

    @Test func javascriptNeverOpensATemplateOrAScriptEnd() {
        #expect(JavaScriptLiteralEncoder().stringLiteral("${x}</script>") == #""${x}\x3C/script>""#)
        #expect(JavaScriptLiteralEncoder().stringLiteral("😀\u{2028}") == #""\u{1F600}\u2028""#)
    }

    @Test func phpEscapesDollarSoNothingInterpolates() {
        #expect(PHPLiteralEncoder().stringLiteral("$x {$y} <?php ?>") == #""\$x {\$y} <?php ?>""#)
        #expect(PHPLiteralEncoder().stringLiteral("é\u{7F}") == #""\u{E9}\x7F""#)
    }

    @Test func swiftEscapesBackslashSoNothingInterpolates() {
        #expect(SwiftLiteralEncoder().stringLiteral(#"\(x) """ #{y}"#) == #""\\(x) \"\"\" #{y}""#)
        #expect(SwiftLiteralEncoder().stringLiteral("\u{0}\u{202E}") == #""\0\u{202E}""#)
    }

    @Test(arguments: Language.allCases)
    func numbersAreShortestLiterals(_ language: Language) {
        let encoder = language.literalEncoder
        #expect(encoder.numberLiteral(20) == "20")
        #expect(encoder.numberLiteral(0.1) == "0.1")
        #expect(encoder.numberLiteral(2.5) == "2.5")
    }

    @Test(arguments: Language.allCases)
    func literalsAreOnePrintableASCIILine(_ language: Language) {
        let literal = language.literalEncoder.stringLiteral(TrickyStrings.all.joined())
        #expect(literal.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }

    /// Go refuses `0.5 * time.Second` (not a whole Duration), so a fraction of a second becomes
    /// milliseconds, and anything finer a float conversion; whole seconds read as Go code does.
    @Test(arguments: [
        (20.0, "20 * time.Second"), (0.0, "0 * time.Second"), (0.5, "500 * time.Millisecond"),
        (1.25, "1250 * time.Millisecond"), (0.0005, "time.Duration(0.0005 * float64(time.Second))"),
    ])
    func goDurationsAreExactTimeDurationConstants(_ seconds: Double, _ literal: String) {
        #expect(GoLiteralEncoder().durationLiteral(seconds: seconds) == literal)
    }

    @Test func otherLanguagesWriteADurationAsItsNumberOfSeconds() {
        #expect(PythonLiteralEncoder().durationLiteral(seconds: 0.5) == "0.5")
        #expect(JavaLiteralEncoder().durationLiteral(seconds: 20) == "20")
    }
}

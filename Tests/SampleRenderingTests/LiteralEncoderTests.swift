import SampleRendering
import Testing

@Suite struct LiteralEncoderTests {
    @Test func pythonEscapesQuotesBackslashesAndLineBreaks() {
        #expect(PythonLiteralEncoder().stringLiteral("a\"b\\c\nd") == #""a\"b\\c\nd""#)
    }
}

import GuideDocument
import Testing

@Suite struct SourceTextTests {
    @Test func refusesInvalidUTF8WithItsPosition() {
        #expect(throws: GuideError(position: SourcePosition(line: 2, column: 3), message: "the guide is not valid UTF-8 here; save it as UTF-8")) {
            try SourceText(Array("a\nbc".utf8) + [0xFF])
        }
    }
}

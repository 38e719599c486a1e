import GuideDocument
import Testing

@Suite struct SourceTextTests {
    @Test func refusesInvalidUTF8WithItsPosition() {
        #expect(
            throws: GuideError(
                position: SourcePosition(line: 2, column: 3),
                message: "the guide is not valid UTF-8 here; save it as UTF-8")
        ) {
            try SourceText(Array("a\nbc".utf8) + [0xFF])
        }
    }

    @Test func linesEndAtLFCRLFAndLoneCR() throws {
        let source = try SourceText(Array("a\nb\r\nc\rd".utf8))
        #expect(source.lineCount == 4)
        #expect((1...4).map { Array(source.lineContent($0)) } == ["a", "b", "c", "d"].map { Array($0.utf8) })
        #expect(source.lineBreak(after: 2) == Array("\r\n".utf8))
        #expect(source.lineBreak(after: 4) == nil)
    }

    @Test func columnsOnLineOneCountTheByteOrderMarkAsCmarkDoes() throws {
        let source = try SourceText([0xEF, 0xBB, 0xBF, 0x61])
        #expect(source.offset(of: SourcePosition(line: 1, column: 4)) == 3)
        #expect(Array(source.lineContent(1)) == [0x61])
    }
}

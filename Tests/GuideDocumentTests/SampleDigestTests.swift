import GuideDocument
import SampleModel
import Testing

@Suite struct SampleDigestTests {
    @Test func theDigestIsTwelveHexDigitsAndStable() {
        #expect(SampleDigest.of("print(1)").count == 12)
        #expect(SampleDigest.of("print(1)").allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(SampleDigest.of("print(1)") == SampleDigest.of("print(1)"))
        #expect(SampleDigest.of("") != SampleDigest.of("\u{0}"))
    }

    @Test(arguments: [
        ("print(1)", "print(2)"), ("a\nb", "a\n b"), ("x", "x "), ("é", "e\u{301}"), ("a\tb", "a    b"),
    ])
    func anyChangeToTheCodeChangesTheDigest(_ one: String, _ other: String) {
        #expect(SampleDigest.of(one) != SampleDigest.of(other))
    }

    @Test func lineBreakStyleAndTheFinalLineBreakDoNotCount() {
        #expect(SampleDigest.of("a\nb") == SampleDigest.of("a\r\nb\r\n"))
        #expect(SampleDigest.of("a\nb") == SampleDigest.of("a\nb\n"))
        #expect(SampleDigest.of("a\rb") != SampleDigest.of("a\nb"))
        #expect(SampleDigest.of("a\n  \t\nb") == SampleDigest.of("a\n\nb"), "a line of blanks reads back empty")
        #expect(SampleDigest.of("a\n  x\nb") != SampleDigest.of("a\nx\nb"))
        #expect(SampleDigest.of("a\r\n  \r\nb\r\n") == SampleDigest.of("a\n\nb"), "both rules at once")
        // Eight-byte words and the tail: one byte more or less, or moved, changes the digest.
        let long = String(repeating: "0123456789abcdef", count: 5)
        let variants: [String] = [long, long + "x", String(long.dropLast()), "x" + String(long.dropLast())]
        let digests = Set(variants.map { SampleDigest.of($0) })
        #expect(digests.count == 4)
    }

    /// The digest is read back from what cmark parses, so it must match wherever the block sits.
    @Test(arguments: ["", "> ", "1. ", "- > "])
    func aBlockGenWroteIsRecognisedAsUnchangedInAnyContainer(_ container: String) throws {
        let code = "line one\n\n\tindented = \"```\"\nlast"
        for lineBreak in ["\n", "\r\n"] {
            let guide = container + "Python code:" + lineBreak
            let filled = try GuideFixture(guide).filled([.python]) { _ in code }
            let block = try #require(try Self.generatedBlock(in: filled))
            #expect(block.recordedDigest == SampleDigest.of(code))
            #expect(!block.isEditedByHand, "\(String(decoding: filled, as: UTF8.self))")
        }
    }

    @Test func aBlockWithoutADigestIsNotEditedByHand() throws {
        let block = try #require(
            try Self.generatedBlock(in: Array("```python gen=token-request\nanything\n```\n".utf8)))
        #expect(block.recordedDigest == nil && !block.isEditedByHand)
    }

    @Test(arguments: ["anything else\n", "print(1)\n# a comment\n", "print(1) \n", "\n"])
    func aBlockWhoseCodeChangedIsEditedByHand(_ code: String) throws {
        let info = "python gen=token-request digest=\(SampleDigest.of("print(1)"))"
        #expect(
            try #require(try Self.generatedBlock(in: Array("```\(info)\nprint(1)\n```\n".utf8))).isEditedByHand == false
        )
        #expect(try #require(try Self.generatedBlock(in: Array("```\(info)\n\(code)```\n".utf8))).isEditedByHand)
    }

    @Test func aDigestThatIsNotOneGenWroteCountsAsAnEdit() throws {
        for digest in ["", "xyz", "CBF29CE48422", SampleDigest.of("print(2)")] {
            let text = "```python gen=token-request digest=\(digest)\nprint(1)\n```\n"
            #expect(try #require(try Self.generatedBlock(in: Array(text.utf8))).isEditedByHand, "\(digest)")
        }
    }

    static func generatedBlock(in bytes: [UInt8]) throws -> GeneratedBlock? {
        for group in try GuideFixture(bytes: bytes).groups() {
            for section in group.sections {
                if case .generated(let block) = section.content { return block }
            }
        }
        return nil
    }
}

import GuideDocument
import SampleModel
import Testing

/// A block written into a container reads back, through cmark-gfm, as exactly the code: every
/// continuation line reproduces the container however the label's line spells it.
@Suite struct ContainerPrefixTests {
    static let code = "def f():\n    return 1\n\n\tx = 2\n  two\n> quoted\n- item"

    static let prefixes = [
        "", "> ", ">", ">\t", ">  ", "> > ", ">>", "> >", ">\t>\t", " > ", "   >\t", ">\t ",
        "- ", "-\t", "1.\t", "-    ", "  - ", "- > ", "-\t> ", "1. >", "> - ", ">- ", ">\t- ", "> -\t> ", "- 1. >\t",
    ]

    /// What cmark-gfm reads in each `gen=` block, without the final line feed.
    static func readBack(_ bytes: [UInt8]) -> [String] {
        MarkdownDocument(parsing: SourceText(validated: bytes)).codeBlocks().filter { $0.info.contains("gen=") }.map {
            var code = $0.literal
            if code.hasSuffix("\n") { code.removeLast() }
            return code
        }
    }

    @Test(arguments: prefixes)
    func aLabelInAnyContainerGetsABlockThatReadsBackAsTheCode(_ prefix: String) throws {
        let guide = "Intro\n\n" + prefix + "Python code:\n"
        let filled = try GuideFixture(guide).filled([.python, .swift]) { _ in Self.code }
        let blocks = Self.readBack(filled)
        #expect(blocks == [Self.code, Self.code], "\(String(decoding: filled, as: UTF8.self).debugDescription)")
        #expect(try GuideFixture(bytes: filled).filled([.python, .swift]) { _ in Self.code } == filled)
    }
}

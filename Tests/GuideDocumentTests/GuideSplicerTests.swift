import GuideDocument
import SampleModel
import Testing

@Suite struct GuideSplicerTests {
    @Test func fillsTheExportFormAndAddsSwiftAfterTheGroup() throws {
        let guide = "## G\n\nPython code:\n\n\nPHP code:\n\n\n## Next\n"
        let expected = """
            ## G

            Python code:

            ```python gen=token-request
            python sample
            ```


            PHP code:

            ```php gen=token-request
            php sample
            ```

            Swift code:

            ```swift gen=token-request
            swift sample
            ```


            ## Next

            """
        #expect(try GuideFixture(guide).filledText([.python, .php, .swift]) == expected)
    }

    @Test func aSecondRunChangesNothing() throws {
        let once = try GuideFixture("Python code:\n\nJavascript code:\n").filled()
        #expect(try GuideFixture(bytes: once).filled() == once)
    }

    @Test func regeneratingReplacesOnlyTheBlock() throws {
        let guide = "Python code:\n\n```python gen=token-request\nold\n```\ntrailing text\n"
        #expect(
            try GuideFixture(guide).filledText([.python])
                == "Python code:\n\n```python gen=token-request\npython sample\n```\ntrailing text\n")
    }

    @Test func keepsCRLFLineEndings() throws {
        let filled = try GuideFixture("A\r\n\r\nPython code:\r\n\r\nEnd\r\n").filledText([.python])
        #expect(
            filled == "A\r\n\r\nPython code:\r\n\r\n```python gen=token-request\r\npython sample\r\n```\r\n\r\nEnd\r\n")
    }

    @Test func keepsAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Python code:\n".utf8)
        let filled = try GuideFixture(bytes: bytes).filled([.python])
        #expect(
            Array(GuideFixture.withoutDigests(String(decoding: filled, as: UTF8.self)).utf8)
                == [0xEF, 0xBB, 0xBF] + Array("Python code:\n\n```python gen=token-request\npython sample\n```\n".utf8))
        #expect(try GuideFixture(bytes: filled).filled([.python]) == filled)
    }

    @Test func keepsAMissingFinalLineBreak() throws {
        let filled = try GuideFixture("Python code:").filledText([.python])
        #expect(filled == "Python code:\n\n```python gen=token-request\npython sample\n```")
        #expect(
            try GuideFixture(bytes: try GuideFixture("Python code:").filled([.python])).filledText([.python]) == filled)
    }

    @Test func keepsTabsAndOtherBytesAround() throws {
        let guide = "\tindented code\n\nText\twith tab  \n\nPython code:\n\n\t\n"
        let filled = try GuideFixture(guide).filledText([.python])
        #expect(filled.hasPrefix("\tindented code\n\nText\twith tab  \n\nPython code:\n\n```python"))
        #expect(filled.hasSuffix("```\n\n\t\n"))
    }

    @Test func blocksInsideAListKeepTheItemsIndentation() throws {
        let guide = "1. Step\n\n   Python code:\n\n2. Next\n"
        let filled = try GuideFixture(guide).filledText([.python]) { _ in "line one\n\nline three" }
        #expect(
            filled
                == "1. Step\n\n   Python code:\n\n   ```python gen=token-request\n   line one\n\n   line three\n   ```\n\n2. Next\n"
        )
        #expect(try GuideFixture(filled).groups()[0].sections[0].content != .empty)
    }

    @Test func blocksInsideAQuoteKeepTheQuoteMarks() throws {
        let filled = try GuideFixture("> Python code:\n").filledText([.python]) { _ in "a\n\nb" }
        #expect(filled == "> Python code:\n>\n> ```python gen=token-request\n> a\n>\n> b\n> ```\n")
        #expect(try GuideFixture(filled).filledText([.python]) { _ in "a\n\nb" } == filled)
    }

    @Test func theFenceIsLongerThanAnyBacktickRunInTheSample() throws {
        let code = "text = \"\"\"\n```\n`````\n\"\"\""
        let filled = try GuideFixture("Python code:\n").filledText([.python]) { _ in code }
        #expect(filled == "Python code:\n\n``````python gen=token-request\n\(code)\n``````\n")
        #expect(try GuideFixture(filled).filledText([.python]) { _ in code } == filled)
    }

    @Test func sectionsAtTheVeryEndOfTheFileAreFilled() throws {
        #expect(
            try GuideFixture("Intro\n\nPHP code:\n").filledText([.php]).hasSuffix(
                "PHP code:\n\n```php gen=token-request\nphp sample\n```\n"))
    }

    @Test func unconfiguredLanguagesAreLeftAlone() throws {
        let guide = "Python code:\n\nPHP code:\n"
        #expect(
            try GuideFixture(guide).filledText([.php])
                == "Python code:\n\nPHP code:\n\n```php gen=token-request\nphp sample\n```\n")
    }
}

extension GuideFixture {
    func filledText(_ languages: [Language], code: (Language) -> String) throws -> String {
        Self.withoutDigests(String(decoding: try filled(languages, code: code), as: UTF8.self))
    }
}

extension GuideSplicerTests {
    /// Found by the fuzz tests: cmark-gfm ends an unclosed fence that its list item closes on the
    /// next line, which belongs to the next block; replacing up to there swallowed that block.
    /// An open fence in a code section is now refused, where it starts.
    @Test func anOpenFenceInACodeSectionIsRefused() {
        #expect(
            throws: GuideError(
                position: SourcePosition(line: 3, column: 3),
                message:
                    "this code block is never closed, so everything after it belongs to it; add its closing fence and run gen again"
            )
        ) {
            try GuideFixture("- item\n\n  ```php gen=token-request\n  old\n```python gen=token-request\nold\n```\n")
                .filled()
        }
        #expect(throws: GuideError.self) {
            try GuideFixture("Python code:\n\n```python gen=token-request\nold\n\nThe rest.\n").filled()
        }
        #expect(throws: GuideError.self) { try GuideFixture("## Other\rSwift code:\r~~~").filled() }
    }

    @Test func closedFencesOfEveryKindAreReplacedWhole() throws {
        let guide =
            "Python code:\n\n~~~python gen=token-request\nold\n~~~\n\nPHP code:\n\n`````php gen=token-request\nold\n`````\n"
        #expect(
            try GuideFixture(guide).filledText([.python, .php])
                == "Python code:\n\n```python gen=token-request\npython sample\n```\n\nPHP code:\n\n```php gen=token-request\nphp sample\n```\n"
        )
    }

    @Test func mixedLineEndingsAreKeptAndNewLinesUseTheLabelsOwn() throws {
        let filled = try GuideFixture("A\r\n\r\nPython code:\n\rB\r\n").filledText([.python])
        #expect(filled == "A\r\n\r\nPython code:\n\n```python gen=token-request\npython sample\n```\n\rB\r\n")
    }

    @Test func repeatedHeadingsEachGetTheirGroupFilled() throws {
        let groups = try GuideFixture("## Postman guide\n\nPython code:\n\n## Postman guide\n\nPython code:\n").groups()
        #expect(groups.map(\.heading) == ["Postman guide", "Postman guide"])
    }
}

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
        #expect(try GuideFixture(guide).filledText([.python]) == "Python code:\n\n```python gen=token-request\npython sample\n```\ntrailing text\n")
    }

    @Test func keepsCRLFLineEndings() throws {
        let filled = try GuideFixture("A\r\n\r\nPython code:\r\n\r\nEnd\r\n").filledText([.python])
        #expect(filled == "A\r\n\r\nPython code:\r\n\r\n```python gen=token-request\r\npython sample\r\n```\r\n\r\nEnd\r\n")
    }

    @Test func keepsAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Python code:\n".utf8)
        let filled = try GuideFixture(bytes: bytes).filled([.python])
        #expect(filled == [0xEF, 0xBB, 0xBF] + Array("Python code:\n\n```python gen=token-request\npython sample\n```\n".utf8))
        #expect(try GuideFixture(bytes: filled).filled([.python]) == filled)
    }

    @Test func keepsAMissingFinalLineBreak() throws {
        let filled = try GuideFixture("Python code:").filledText([.python])
        #expect(filled == "Python code:\n\n```python gen=token-request\npython sample\n```")
        #expect(try GuideFixture(filled).filledText([.python]) == filled)
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
        #expect(filled == "1. Step\n\n   Python code:\n\n   ```python gen=token-request\n   line one\n\n   line three\n   ```\n\n2. Next\n")
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
        #expect(try GuideFixture("Intro\n\nPHP code:\n").filledText([.php]).hasSuffix("PHP code:\n\n```php gen=token-request\nphp sample\n```\n"))
    }

    @Test func unconfiguredLanguagesAreLeftAlone() throws {
        let guide = "Python code:\n\nPHP code:\n"
        #expect(try GuideFixture(guide).filledText([.php]) == "Python code:\n\nPHP code:\n\n```php gen=token-request\nphp sample\n```\n")
    }
}

extension GuideFixture {
    func filledText(_ languages: [Language], code: (Language) -> String) throws -> String {
        String(decoding: try filled(languages, code: code), as: UTF8.self)
    }
}

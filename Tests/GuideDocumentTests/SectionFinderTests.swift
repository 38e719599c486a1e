import GuideDocument
import SampleModel
import Testing

@Suite struct SectionFinderTests {
    @Test func findsTheExportFormUnderItsHeading() throws {
        let groups = try GuideFixture(
            "# Title\n\n## Postman guide\n\nSteps.\n\nPython code:\n\n\nJavascript code:\n\n\nPHP code:\n"
        ).groups()
        #expect(groups.count == 1)
        #expect(groups[0].languages == [.python, .javascript, .php])
        #expect(groups[0].heading == "Postman guide")
        #expect(groups[0].sections.allSatisfy { $0.content == .empty })
    }

    @Test func labelsAreCaseInsensitiveAndNeedTheWholeParagraph() throws {
        let groups = try GuideFixture(
            "PYTHON CODE:\n\njavascript code:\n\nSee the Python code: below.\n\nCobol code:\n"
        )
        .groups()
        #expect(groups.map(\.languages) == [[.python, .javascript]])
    }

    @Test func otherContentSplitsGroups() throws {
        let groups = try GuideFixture("## A\n\nPython code:\n\nText between.\n\nPHP code:\n\n## B\n\nSwift code:\n")
            .groups()
        #expect(groups.map(\.languages) == [[.python], [.php], [.swift]])
        #expect(groups.map(\.heading) == ["A", "A", "B"])
    }

    @Test func recognisesBlocksGenWroteByTheirInfoString() throws {
        let groups = try GuideFixture("Python code:\n\n```python gen=token-refresh\nx\n```\n\nPHP code:\n").groups()
        #expect(groups.count == 1)
        #expect(groups[0].languages == [.python, .php])
        #expect(groups[0].taggedSnippet == .tokenRefresh)
        guard case .generated(let block) = groups[0].sections[0].content else {
            Issue.record("not generated")
            return
        }
        #expect(block.range.start.line == 3 && block.range.end.line == 5)
    }

    @Test func leavesHandWrittenBlocksAlone() throws {
        let groups = try GuideFixture("Python code:\n\n```python\nprint(1)\n```\n").groups()
        guard case .handWritten = groups[0].sections[0].content else {
            Issue.record("expected hand-written")
            return
        }
    }

    @Test func findsSectionsInsideListsAndQuotes() throws {
        let groups = try GuideFixture("1. Step\n\n   Python code:\n\n   PHP code:\n\n> Swift code:\n").groups()
        #expect(groups.map(\.languages) == [[.python, .php], [.swift]])
    }

    @Test func twoSectionsForOneLanguageInAGroupIsAnError() {
        #expect(
            throws: GuideError(
                position: SourcePosition(line: 7, column: 1),
                message:
                    "a second Python section in this group (the first is at line 1); keep one")
        ) {
            try GuideFixture(
                "Python code:\n\n```python gen=token-request\nx\n```\n\n```python gen=token-request\ny\n```\n"
            ).groups()
        }
    }

    @Test func anUnknownSnippetIsAnErrorAtItsLineAndColumn() {
        #expect(
            throws: GuideError(
                position: SourcePosition(line: 3, column: 3),
                message:
                    "this generated block names the snippet \"token-refrsh\", which does not exist; use one of token-request, token-refresh"
            )
        ) {
            try GuideFixture("Intro\n\n  ```python gen=token-refrsh\n  x\n  ```\n").groups()
        }
    }

    @Test func anUnknownLanguageInAGeneratedBlockIsAnError() {
        #expect(throws: GuideError.self) { try GuideFixture("```cobol gen=token-request\nx\n```\n").groups() }
    }

    @Test func aBlockTaggedForAnotherLanguageThanItsLabelIsAnError() {
        #expect(throws: GuideError.self) {
            try GuideFixture("Python code:\n\n```php gen=token-request\nx\n```\n").groups()
        }
    }

    @Test func emptyAndOneLineGuidesHaveNoGroups() throws {
        #expect(try GuideFixture("").groups().isEmpty)
        #expect(try GuideFixture("just a line").groups().isEmpty)
    }
}

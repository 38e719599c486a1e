import GenConfig
import GuideDocument
import GuideFilling
import SampleModel
import Testing

/// A tab holding gen's block and the writer's text, when the configuration no longer produces
/// the block: the block goes and the writer's text stays (a language dropped), or the run is an
/// error rather than a loss (a heading dropped), as for a label group holding the writer's code
/// (issue 18, item 1).
@Suite struct StaleTabTests {
    /// A Python tab holding only its block, and a Swift tab holding its block and a note.
    static func guide(mkdocs: Bool, swiftNote: Bool = true) -> String {
        if mkdocs {
            return "## A\n\n=== \"Python\"\n\n    ```python\n    ```\n\n=== \"Swift\"\n\n    ```swift\n    ```\n"
                + (swiftNote ? "\n    Note: needs Swift 5.9.\n" : "") + "\nAfter.\n"
        }
        return
            "## A\n\n::::{tab-set}\n:::{tab-item} Python\n\n```python\n```\n:::\n:::{tab-item} Swift\n\n```swift\n```\n"
            + (swiftNote ? "Note: needs Swift 5.9.\n" : "") + ":::\n::::\n\nAfter.\n"
    }

    @Test(arguments: [true, false])
    func droppingALanguageTakesOnlyItsBlockFromATabHoldingTheWritersText(_ mkdocs: Bool) throws {
        let all = try StaleSampleTests.fill(
            Self.guide(mkdocs: mkdocs), StaleSampleTests.configuration([.python, .swift]))
        #expect(StaleSampleTests.text(all).contains("swift token-request"))
        let fewer = try StaleSampleTests.fill(StaleSampleTests.text(all), StaleSampleTests.configuration([.python]))
        let expected =
            mkdocs
            ? "=== \"Swift\"\n\n    Note: needs Swift 5.9.\n\nAfter.\n"
            : ":::{tab-item} Swift\n\nNote: needs Swift 5.9.\n:::\n::::\n\nAfter.\n"
        #expect(StaleSampleTests.text(fewer).hasSuffix(expected), "\(StaleSampleTests.text(fewer))")
        #expect(!StaleSampleTests.text(fewer).contains("swift token-request"))
        #expect(fewer.removed.map(\.language) == [.swift])
        #expect(
            try StaleSampleTests.fill(StaleSampleTests.text(fewer), StaleSampleTests.configuration([.python])).bytes
                == fewer.bytes, "a second run changes nothing")
        // A tab holding only its block goes whole, as before.
        let bare = try StaleSampleTests.fill(
            Self.guide(mkdocs: mkdocs, swiftNote: false), StaleSampleTests.configuration([.python, .swift]))
        let dropped = try StaleSampleTests.fill(StaleSampleTests.text(bare), StaleSampleTests.configuration([.python]))
        #expect(!StaleSampleTests.text(dropped).contains("Swift"), "\(StaleSampleTests.text(dropped))")
    }

    @Test(arguments: [true, false])
    func droppingTheHeadingOfATabGroupHoldingTheWritersTextIsAnErrorNotALoss(_ mkdocs: Bool) throws {
        let all = try StaleSampleTests.fill(
            Self.guide(mkdocs: mkdocs), StaleSampleTests.configuration([.python, .swift]))
        let unmapped = StaleSampleTests.configuration([.python, .swift], groups: [])
        #expect(throws: Diagnostic.self) { try StaleSampleTests.fill(StaleSampleTests.text(all), unmapped) }
        // Without the note, gen wrote all of the group: it goes.
        let bare = try StaleSampleTests.fill(
            Self.guide(mkdocs: mkdocs, swiftNote: false), StaleSampleTests.configuration([.python, .swift]))
        let gone = try StaleSampleTests.fill(StaleSampleTests.text(bare), unmapped)
        #expect(!StaleSampleTests.text(gone).contains("gen="), "\(StaleSampleTests.text(gone))")
        if mkdocs { #expect(StaleSampleTests.text(gone) == "## A\n\nAfter.\n") }
    }
}

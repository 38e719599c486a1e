import Foundation
import TestSupport
import Testing

/// The committed copies of the guide in MkDocs and MyST tab markup: kept current by gen, and
/// protected from lost hand edits like the label form.
@Suite struct TabGuideTests {
    let commands = GenCommandTests()

    @Test func theCommittedTabGuidesAreCurrent() throws {
        let result = try commands.run(["--check", "docs-site/mkdocs", "docs-site/sphinx"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "2 guides up to date\n")
    }

    @Test(arguments: ["mkdocs/docs/index.md", "sphinx/index.md"])
    func anEditInATabIsRefusedAndNamed(_ guide: String) throws {
        let text = try String(contentsOfFile: RepositoryPaths.path("docs-site/\(guide)"), encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "def request_token(", with: "def request_token_mine(")
        #expect(edited != text)
        let directory = try commands.workspace(guide: Array(edited.utf8))
        let result = try commands.run(["--check"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the Python sample was edited by hand"), "\(result.stderr)")
        #expect(try commands.run(["--force"], in: directory).status == 0)
        #expect(try String(contentsOfFile: directory + "/guide.md", encoding: .utf8) == text)
    }

    /// A writer's words on a generated fence and a language's other spelling in a tab title and
    /// tag survive gen, `--check` and `--force`; no second tab is added for the renamed language
    /// (issue 18, items 14 and 16).
    @Test(arguments: ["mkdocs/docs/index.md", "sphinx/index.md"])
    func writersWordsAndAnotherSpellingOfALanguageSurviveEveryRun(_ guide: String) throws {
        let text = try String(contentsOfFile: RepositoryPaths.path("docs-site/\(guide)"), encoding: .utf8)
        let python = "```python gen=token-request digest="
        let words = #" title="token_request.py" linenums="1" hl_lines="3 4""#
        // The first JavaScript tab is renamed, its fence tagged `js` with a word of the writer's
        // (and no digest, as before digests: adopted, not a hand edit), the first Python fence
        // given the writer's words.
        var edited =
            guide.hasPrefix("mkdocs")
            ? text.replacingFirst(#"=== "JavaScript""#, with: #"=== "Node.js""#)
            : text.replacingFirst(
                ":::{tab-item} JavaScript\n:sync: javascript", with: ":::{tab-item} Node.js\n:sync: node")
        let jsFence = try #require(edited.range(of: "```javascript gen=token-request digest="))
        let jsLineEnd = try #require(edited[jsFence.upperBound...].firstIndex(of: "\n"))
        edited.replaceSubrange(
            jsFence.lowerBound..<jsLineEnd, with: #"```js gen=token-request title="token-request.mjs""#)
        let pyFence = try #require(edited.range(of: python))
        let pyLineEnd = try #require(edited[pyFence.upperBound...].firstIndex(of: "\n"))
        edited.insert(contentsOf: words, at: pyLineEnd)
        let directory = try commands.workspace(guide: Array(edited.utf8))
        let fill = try commands.run([], in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try String(contentsOfFile: directory + "/guide.md", encoding: .utf8)
        #expect(filled.contains(words + "\n"))
        #expect(filled.contains(#"```javascript gen=token-request digest="#))
        #expect(filled.contains(#" title="token-request.mjs""# + "\n"))
        #expect(filled.components(separatedBy: "Node.js").count == 2, "the title stays, once")
        let javascriptTabs =
            filled.components(separatedBy: guide.hasPrefix("mkdocs") ? #"=== "JavaScript""# : "{tab-item} JavaScript")
            .count - 1
        let before =
            text.components(separatedBy: guide.hasPrefix("mkdocs") ? #"=== "JavaScript""# : "{tab-item} JavaScript")
            .count - 1
        #expect(javascriptTabs == before - 1, "no JavaScript tab added beside Node.js")
        let check = try commands.run(["--check"], in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try commands.run(["--force"], in: directory).status == 0)
        #expect(try String(contentsOfFile: directory + "/guide.md", encoding: .utf8) == filled)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

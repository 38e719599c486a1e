import Foundation
import TestSupport
import Testing

/// `--lang` reads a language through the same alias table as guides do (issue 18, item 16).
@Suite struct LanguageSpellingCommandTests {
    let commands = GenCommandTests()

    @Test(arguments: [
        ("js", "token-request.mjs"), ("Node.js", "token-request.mjs"), ("py", "token_request.py"),
        ("golang", "token_request.go"), ("rb", "token_request.rb"), ("Shell", "token-request.sh"),
    ])
    func langAcceptsAnotherSpellingOfALanguage(_ spelling: String, _ file: String) throws {
        let canonical = try commands.run(["--lang", spelling, "--snippet", "token-request"])
        #expect(canonical.status == 0, "\(canonical.stderr)")
        #expect(canonical.stdout.contains(file), "\(canonical.stdout.prefix(400))")
    }

    @Test(arguments: ["kt", "kotlin", "ts", "TypeScript", "c#", "console"])
    func langRefusesANeighbouringLanguage(_ name: String) throws {
        let result = try commands.run(["--lang", name])
        #expect(result.status == 64)
        #expect(result.stderr.contains("The value '\(name)' is invalid for '--lang <language>'"), "\(result.stderr)")
    }

    /// The label form, end to end: a label in another spelling and a writer's words on the
    /// fences survive a fill, `--check` and `--force` (issue 18, items 14 and 16).
    @Test func aRelabelledGuideWithTheWritersWordsStaysAsWrittenThroughEveryRun() throws {
        let text = try String(contentsOfFile: RepositoryPaths.path("docs-site/guide.md"), encoding: .utf8)
        let words = #" title="token_request.py" hl_lines="3 4" {.numberLines}"#
        var edited = text
        let label = try #require(edited.range(of: "Javascript code:"))
        edited.replaceSubrange(label, with: "Node.js code:")
        // Every Python fence gets the words; the first JavaScript fence is tagged `js`.
        var searchStart = edited.startIndex
        while let fence = edited.range(of: "```python gen=", range: searchStart..<edited.endIndex) {
            let lineEnd = try #require(edited[fence.upperBound...].firstIndex(of: "\n"))
            edited.insert(contentsOf: words, at: lineEnd)
            searchStart = edited.index(lineEnd, offsetBy: words.count)
        }
        let js = try #require(edited.range(of: "```javascript gen="))
        edited.replaceSubrange(js, with: "```js gen=")
        let directory = try commands.workspace(guide: Array(edited.utf8))
        let fill = try commands.run([], in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try String(contentsOfFile: directory + "/guide.md", encoding: .utf8)
        // Only the js tag changed back; the label and every word stayed.
        #expect(filled == edited.replacingOccurrences(of: "```js gen=", with: "```javascript gen="))
        #expect(filled.components(separatedBy: words + "\n").count == 3)
        let check = try commands.run(["--check"], in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try commands.run(["--force"], in: directory).status == 0)
        #expect(try String(contentsOfFile: directory + "/guide.md", encoding: .utf8) == filled)
    }
}

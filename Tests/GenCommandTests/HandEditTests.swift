import Foundation
import TestSupport
import Testing

/// A generated block someone edited (in the Markdown, or pasted back from Confluence) is never
/// overwritten without a word: `gen` refuses, names it, and `--force` replaces it.
@Suite struct HandEditTests {
    let commands = GenCommandTests()

    /// The committed guide in a scratch folder, with `edit` applied to its text.
    func workspace(_ edit: (String) -> String) throws -> String {
        let committed = try String(contentsOfFile: RepositoryPaths.path("docs-site/guide.md"), encoding: .utf8)
        return try commands.workspace(guide: Array(edit(committed).utf8), programs: true)
    }

    static var committed: String {
        get throws { try String(contentsOfFile: RepositoryPaths.path("docs-site/guide.md"), encoding: .utf8) }
    }

    /// The 1-based line of the first fence whose info string starts with `info`.
    static func line(ofFence info: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("```" + info) }.map {
            $0 + 1
        }
    }

    /// The guide with the first line after `fence`'s opening line changed by `change`.
    static func editing(_ fence: String, _ change: @escaping (String) -> String) -> (String) -> String {
        { text in
            var lines = text.components(separatedBy: "\n")
            guard let index = lines.firstIndex(where: { $0.hasPrefix("```" + fence) }) else { return text }
            lines[index + 1] = change(lines[index + 1])
            return lines.joined(separator: "\n")
        }
    }

    static let message =
        "error: the Python sample was edited by hand; move the change into Templates/ or gen.yml, or run gen --force to replace it"

    @Test(
        arguments: [
            ("a changed line", { @Sendable (line: String) in line + " # mine" }),
            ("a trailing blank", { @Sendable (line: String) in line + " " }),
            ("an added line", { @Sendable (line: String) in line + "\nprint('added')" }),
            ("a removed line", { @Sendable (_: String) in "" }),
        ] as [(String, @Sendable (String) -> String)])
    func anEditedBlockIsRefusedNamedAndKept(_ kind: String, _ change: @escaping @Sendable (String) -> String) throws {
        let edited = Self.editing("python gen=token-request", change)
        let directory = try workspace(edited)
        let before = try commands.guide(in: directory)
        let line = try #require(Self.line(ofFence: "python gen=token-request", in: edited(try Self.committed)))
        let result = try commands.run([], in: directory)
        #expect(result.status == 1, "\(kind)")
        #expect(result.stderr == "guide.md:\(line): \(Self.message)\n", "\(kind)")
        #expect(try commands.guide(in: directory) == before, "\(kind): the guide must stay as it was")
    }

    @Test func checkReportsAnEditDistinctlyFromOutOfDate() throws {
        let directory = try workspace(Self.editing("python gen=token-request") { $0 + " # mine" })
        let current = try commands.run(["--check"], in: directory)
        #expect(current.status == 1)
        #expect(current.stdout.isEmpty, "nothing else is out of date: \(current.stdout)")
        #expect(current.stderr.contains("edited by hand") && !current.stderr.contains("out of date"))

        // Out of date as well (another scope): the diff shows the rest, never the edited block.
        let both = try commands.run(["--check", "--scope", "write"], in: directory)
        #expect(both.status == 1)
        #expect(both.stdout.contains("+++ guide.md (regenerated)"))
        #expect(!both.stdout.contains("# mine"))
        #expect(both.stderr.contains("the Python sample was edited by hand"))
    }

    @Test func forceReplacesTheEditedBlock() throws {
        let directory = try workspace(Self.editing("python gen=token-refresh") { $0 + " # mine" })
        let result = try commands.run(["--force"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try commands.guide(in: directory) == Data(try Self.committed.utf8))
        #expect(try commands.run(["--check"], in: directory).status == 0)
    }

    @Test func blocksWrittenBeforeDigestsAreAdoptedOnTheFirstRun() throws {
        let directory = try workspace { $0.replacing(#/ digest=[0-9a-f]{12}/#, with: "") }
        #expect(try commands.run(["--check"], in: directory).status == 1)
        let result = try commands.run([], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try commands.guide(in: directory) == Data(try Self.committed.utf8))
    }

    @Test func aGuideConvertedToCRLFIsNotAnEdit() throws {
        let directory = try workspace { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let result = try commands.run(["--check"], in: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func anEditedBlockOfALanguageNoLongerConfiguredIsNotRemoved() throws {
        let config = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            .replacingOccurrences(
                of: "languages: [curl, python, javascript, php, ruby, go, java, swift]",
                with: "languages: [curl, javascript, php, ruby, go, java, swift]")
        let committed = try Self.committed
        let edited = Self.editing("python gen=token-request") { $0 + " # mine" }(committed)
        let directory = try commands.workspace(guide: Array(edited.utf8), config: config)
        let result = try commands.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the Python sample was edited by hand"))
        #expect(try commands.guide(in: directory) == Data(edited.utf8))
    }

    @Test func aBatchWithAnEditedGuideWritesNoGuide() throws {
        let directory = try workspace(Self.editing("php gen=token-request") { $0 + " // mine" })
        let other = directory + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let unfilled = try Data(
            contentsOf: URL(fileURLWithPath: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"))
        )
        try unfilled.write(to: URL(fileURLWithPath: other + "/guide.md"))
        let result = try commands.run(["guide.md", "other/guide.md"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("guide.md:") && result.stderr.contains("the PHP sample was edited by hand"))
        #expect(result.stderr.contains("no guide was written"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: other + "/guide.md")) == unfilled)
    }
}

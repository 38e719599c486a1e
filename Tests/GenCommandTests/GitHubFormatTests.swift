import Foundation
import TestSupport
import Testing

/// `gen --check --format github`: the plain output, plus one GitHub Actions annotation per
/// problem, at the line a reviewer has to look at.
@Suite struct GitHubFormatTests {
    let commands = GenCommandTests()

    static func annotations(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("::") }
    }

    @Test func anOutOfDateGuideGetsOneAnnotationPerHunkOnTheGuidesOwnLines() throws {
        let directory = try commands.workspace()
        let result = try commands.run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr == "guide.md: out of date; run gen to regenerate it\n")
        let hunks = result.stdout.split(separator: "\n").filter { $0.hasPrefix("@@ -") }
        let annotations = Self.annotations(result.stdout)
        #expect(!hunks.isEmpty && annotations.count == hunks.count)
        for (hunk, annotation) in zip(hunks, annotations) {
            // "@@ -40,3 +40,90 @@": the guide as it is, lines 40 to 42.
            let old = hunk.dropFirst(4).prefix { $0 != " " }.split(separator: ",").compactMap { Int($0) }
            let end = old[0] + (old.count > 1 ? old[1] : 1) - 1
            #expect(
                annotation
                    == "::error file=guide.md,line=\(old[0]),endLine=\(max(old[0], end)),title=gen --check::out of date here; run gen to regenerate the guide"
            )
        }
        // The plain diff is still there, whole.
        #expect(result.stdout.contains("+++ guide.md (regenerated)"))
    }

    @Test func aCurrentGuidePrintsNoAnnotation() throws {
        let result = try commands.run(["--check", "--format", "github"])
        #expect(result.status == 0)
        #expect(result.stdout == "docs-site/guide.md: up to date\n")
    }

    @Test func anEditedBlockIsAnnotatedWhereItsFenceIs() throws {
        let committed = try HandEditTests.committed
        let edited = HandEditTests.editing("php gen=token-refresh") { $0 + " // mine" }(committed)
        let directory = try commands.workspace(guide: Array(edited.utf8))
        let line = try #require(HandEditTests.line(ofFence: "php gen=token-refresh", in: edited))
        let result = try commands.run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        #expect(
            Self.annotations(result.stdout) == [
                "::error file=guide.md,line=\(line),title=gen::the PHP sample was edited by hand; move the change into Templates/ or gen.yml, or run gen --force to replace it"
            ])
    }

    @Test func aConfigurationErrorIsAnnotatedAtItsLineAndColumnWithValuesEscaped() throws {
        let directory = try commands.workspace(config: "token_request:\n  scop: \"a,b:c%d\"\n")
        let result = try commands.run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        let annotations = Self.annotations(result.stdout)
        #expect(annotations.count == 1)
        #expect(annotations.first?.hasPrefix("::error file=gen.yml,line=2,col=3,title=gen::unknown key") == true)
        #expect(!result.stderr.contains("::"), "annotations go to stdout; stderr keeps the plain line")
    }

    @Test func aMessageAndAFileNameAreEscapedAsTheRunnerExpects() throws {
        let directory = try commands.workspace()
        try FileManager.default.createDirectory(atPath: directory + "/a,b:c%d", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: directory + "/guide.md", toPath: directory + "/a,b:c%d/guide.md")
        let result = try commands.run(["--check", "--format", "github", "a,b:c%d/guide.md"], in: directory)
        #expect(result.status == 1)
        let first = try #require(Self.annotations(result.stdout).first)
        #expect(first.hasPrefix("::error file=a%2Cb%3Ac%25d/guide.md,line="))
    }

    @Test func aWrongFormatIsAUsageError() throws {
        let result = try commands.run(["--check", "--format", "gitlab"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("plain") && result.stderr.contains("github"))
    }
}

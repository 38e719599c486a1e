import Foundation
import GuideFilling
import TestSupport
import Testing

@Suite struct UnifiedDiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.make(old: Array("a\n".utf8), new: Array("a\n".utf8), path: "g.md") == "")
    }

    /// No phantom empty line after the final line break, and counts as `diff -u` prints them.
    @Test(arguments: [
        ("a\n", "b\n", "@@ -1,1 +1,1 @@\n-a\n+b\n"),
        ("a\nb\nc\n", "a\nB\nc\n", "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
        ("", "a\n", "@@ -0,0 +1,1 @@\n+a\n"),
        ("a\n", "", "@@ -1,1 +0,0 @@\n-a\n"),
        ("a\nb", "a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"),
        ("a\nb\n", "a\nb", "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"),
        ("a\r\nb\r\n", "a\r\nc\r\nb\r\n", "@@ -1,2 +1,3 @@\n a\r\n+c\r\n b\r\n"),
    ])
    func hunksAreExact(_ old: String, _ new: String, _ hunks: String) {
        #expect(
            UnifiedDiff.make(old: Array(old.utf8), new: Array(new.utf8), path: "g.md")
                == "--- g.md\n+++ g.md (regenerated)\n" + hunks)
    }

    static let cases: [(String, String)] = {
        let fifty = (1...50).map { "line \($0)\n" }
        var twoChanges = fifty
        twoChanges[2] = "changed 3\n"
        twoChanges[39] = "changed 40\n"
        var inserted = fifty
        inserted.insert("new first\n", at: 0)
        inserted.append("new last\n")
        let wide = (1...2_500).map { "old \($0)\n" }
        let wideNew = (1...2_500).map { "new \($0)\n" }
        return [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb", "a\nb\n"),
            ("a\nb\n", "a\nb"),
            ("x\ny", "x\nz"),
            ("a\r\nb\r\n", "a\r\nc\r\nb\r\n"),
            ("", "a\nb\n"),
            ("a\nb\n", ""),
            ("\n\n\n", "\n\nx\n\n"),
            (fifty.joined(), twoChanges.joined()),
            (fifty.joined(), inserted.joined()),
            (inserted.joined(), fifty.joined()),
            // More than the longest-common-subsequence bound: all removed, all added.
            (wide.joined(), wideNew.joined()),
            (
                "Python code:\n\n```python gen=token-request\nold\n```\n",
                "Python code:\n\n```python gen=token-request\nnew\nlines\n```\n\nSwift code:\n"
            ),
        ]
    }()

    /// Real `patch` and `git apply` accept the diff, and applying it gives the new text.
    @Test(arguments: cases)
    func patchAndGitApplyAcceptTheDiff(_ old: String, _ new: String) throws {
        let diff = UnifiedDiff.make(
            old: Array(old.utf8), new: Array(new.utf8), path: "g.md", lineLimit: .max, byteLimit: .max)
        let directory = try RepositoryPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(old.utf8).write(to: URL(fileURLWithPath: "\(directory)/g.md"))
        try Data(diff.utf8).write(to: URL(fileURLWithPath: "\(directory)/g.diff"))
        let dryRun = try ProcessResult.run(
            "patch", ["-p0", "--dry-run", "--batch", "-i", "g.diff"], currentDirectory: directory)
        #expect(dryRun.status == 0, "patch --dry-run rejected:\n\(diff)\n\(dryRun.stdout)\(dryRun.stderr)")
        let git = try ProcessResult.run(
            "git", ["apply", "-p0", "--check", "--unsafe-paths", "g.diff"], currentDirectory: directory)
        #expect(git.status == 0, "git apply --check rejected:\n\(diff)\n\(git.stderr)")
        let applied = try ProcessResult.run(
            "patch", ["-p0", "--batch", "--no-backup-if-mismatch", "-i", "g.diff"], currentDirectory: directory)
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/g.md")) == Data(new.utf8))
    }

    /// Beyond what one alignment table holds, the diff is still minimal: each change its own
    /// small hunk, not the whole text removed and added.
    @Test(arguments: [6_000, 40_000])
    func aLongTextWithFewChangesGetsSmallHunks(_ count: Int) throws {
        let old = (0..<count).map { "line \($0)\n" }
        var new = old
        for index in [10, count / 2, count - 10] { new[index] = "changed \(index)\n" }
        let diff = UnifiedDiff.make(old: Array(old.joined().utf8), new: Array(new.joined().utf8), path: "g.md")
        #expect(diff.components(separatedBy: "\n@@ ").count - 1 == 3, "\(diff.prefix(2_000))")
        #expect(diff.split(separator: "\n").count == 2 + 3 * 9)
        let directory = try RepositoryPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(old.joined().utf8).write(to: URL(fileURLWithPath: "\(directory)/g.md"))
        try Data(diff.utf8).write(to: URL(fileURLWithPath: "\(directory)/g.diff"))
        #expect(
            try ProcessResult.run("patch", ["-p0", "--batch", "-i", "g.diff"], currentDirectory: directory).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/g.md")) == Data(new.joined().utf8))
    }

    /// The time to diff a long text with a few changes grows with its length, not its square:
    /// four times the lines take less than ten times as long (the best of three runs of each,
    /// alternated, so a busy machine slows both sizes alike; quadratic would be sixteen times).
    @Test func diffTimeGrowsLinearlyWithTheText() {
        func lines(_ count: Int) -> ([UInt8], [UInt8]) {
            let old = (0..<count).map { "line \($0)\n" }
            var new = old
            for index in stride(from: 10, to: count, by: 5_000) { new[index] = "changed \(index)\n" }
            return (Array(old.joined().utf8), Array(new.joined().utf8))
        }
        let small = lines(40_000)
        let large = lines(160_000)
        let ratio = Linearity.ratio {
            _ = UnifiedDiff.make(old: small.0, new: small.1, path: "g.md")
        } to: {
            _ = UnifiedDiff.make(old: large.0, new: large.1, path: "g.md")
        }
        #expect(ratio < 10, "4× the lines took \(ratio)× as long (16× would be quadratic)")
    }

    static let limits = "\(UnifiedDiff.lineLimit) lines or \(UnifiedDiff.byteLimit) bytes"

    /// A huge mismatch is cut, with a last line counting what was left out (at limits smaller than
    /// gen's own: the same code, a tenth of the work in a debug build).
    @Test(arguments: [(5_000, 4_000, 1 << 18), (2_500, 1_000, 1 << 16)])
    func aHugeMismatchIsCutWithATail(_ lines: Int, _ lineLimit: Int, _ byteLimit: Int) {
        let old = Array((0..<lines).map { "old line \($0)\n" }.joined().utf8)
        let new = Array((0..<lines).map { "new line \($0)\n" }.joined().utf8)
        let diff = UnifiedDiff.make(old: old, new: new, path: "g.md", lineLimit: lineLimit, byteLimit: byteLimit)
        let printed = diff.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(printed.count == 3 + lineLimit + 2)  // headers, hunk, tail, and "" after the last break
        #expect(diff.utf8.count <= byteLimit + 200)
        let limits = "\(lineLimit) lines or \(byteLimit) bytes"
        #expect(
            diff.hasSuffix("[\(2 * lines - lineLimit) more lines of the diff not shown: it is cut at \(limits)]\n"))
        #expect(printed[2] == "@@ -1,\(lineLimit) +0,0 @@")
    }

    /// Past the limit nothing more is aligned, only counted: a mismatch six times as long as
    /// another (both past a small limit) takes less than twelve times as long.
    @Test func aMismatchPastTheLimitCostsACount() {
        func texts(_ count: Int) -> ([UInt8], [UInt8]) {
            (
                Array((0..<count).map { "old line \($0)\n" }.joined().utf8),
                Array((0..<count).map { "new line \($0)\n" }.joined().utf8)
            )
        }
        let small = texts(2_000)
        let large = texts(12_000)
        let ratio = Linearity.ratio {
            _ = UnifiedDiff.make(old: small.0, new: small.1, path: "g.md", lineLimit: 1_000)
        } to: {
            _ = UnifiedDiff.make(old: large.0, new: large.1, path: "g.md", lineLimit: 1_000)
        }
        #expect(ratio < 12, "6× the lines took \(ratio)× as long")
    }

    /// Long lines reach the byte limit before the line limit; no line is cut in the middle.
    @Test func longLinesAreCutByBytes() {
        let long = String(repeating: "x", count: 100_000)
        let old = Array((0..<50).map { "\(long)\($0)\n" }.joined().utf8)
        let new = Array((0..<50).map { "\(long)-\($0)\n" }.joined().utf8)
        let diff = UnifiedDiff.make(old: old, new: new, path: "g.md")
        #expect(diff.utf8.count <= UnifiedDiff.byteLimit + 200)
        #expect(diff.hasSuffix(" more lines of the diff not shown: it is cut at \(Self.limits)]\n"))
        let body = diff.split(separator: "\n").dropFirst(3).dropLast()
        #expect(body.allSatisfy { $0.hasPrefix("-x") || $0.hasPrefix("+x") })
    }

    /// Later hunks are left out whole when they do not fit; the shown hunks still apply.
    @Test func aCutDiffEndsAtAHunk() throws {
        var old: [String] = []
        var new: [String] = []
        for index in 0..<200 {  // 1,600 lines: within the longest-common-subsequence bound
            old += [
                "same \(index)\n", "same \(index)b\n", "same \(index)c\n", "same \(index)d\n", "same \(index)e\n",
                "same \(index)f\n", "same \(index)g\n", "old \(index)\n",
            ]
            new += [
                "same \(index)\n", "same \(index)b\n", "same \(index)c\n", "same \(index)d\n", "same \(index)e\n",
                "same \(index)f\n", "same \(index)g\n", "new \(index)\n",
            ]
        }
        let diff = UnifiedDiff.make(
            old: Array(old.joined().utf8), new: Array(new.joined().utf8), path: "g.md", lineLimit: 100)
        let hunks = diff.components(separatedBy: "\n@@ ").count - 1
        #expect(hunks == 12)  // 8 lines a hunk, at most 100
        // The last hunk has no context after its change: 5 lines.
        #expect(
            diff.hasSuffix(
                "[\(199 * 8 + 5 - hunks * 8) more lines of the diff not shown: it is cut at 100 lines or \(UnifiedDiff.byteLimit) bytes]\n"
            ))
        let directory = try RepositoryPaths.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(old.joined().utf8).write(to: URL(fileURLWithPath: "\(directory)/g.md"))
        try Data(diff.utf8).write(to: URL(fileURLWithPath: "\(directory)/g.diff"))
        let dryRun = try ProcessResult.run(
            "patch", ["-p0", "--dry-run", "--batch", "-i", "g.diff"], currentDirectory: directory)
        #expect(dryRun.status == 0, "\(dryRun.stdout)\(dryRun.stderr)")
    }
}

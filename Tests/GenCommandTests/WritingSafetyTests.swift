import Foundation
import SampleModel
import TestSupport
import Testing

/// `gen` never destroys a user's files nor writes outside its target (issue 10): empty paths,
/// folders it did not write, symbolic links, batches with a bad guide, signals, test hooks.
extension GenCommandTests {
    func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The unfilled guide as `gen` fills it in a plain workspace: what a guide reached through a
    /// link, with a long name, or as root must become.
    func filledGuide() throws -> Data {
        let directory = try workspace()
        let result = try run([], in: directory)
        try #require(result.status == 0, "\(result.stderr)")
        return try guide(in: directory)
    }

    /// A workspace that `gen site` can build: the site's assets beside gen.yml.
    func siteWorkspace() throws -> String {
        let directory = try workspace()
        try FileManager.default.copyItem(
            atPath: RepositoryPaths.path("docs-site/assets"), toPath: "\(directory)/assets")
        return directory
    }

    // MARK: 1. Empty paths

    @Test(arguments: [
        ["export", "--out", ""], ["export", "--out", " "], ["site", "--out", ""], ["site", "--out", "\t"],
        ["confluence", "--out", ""], ["--config", ""], ["--templates", " "], ["export", "--out", "x", "--config", ""],
        ["site", "--templates", ""], [""], ["guide.md", "  "], ["--check", ""],
    ])
    func anEmptyOrBlankPathIsAUsageErrorAndNothingIsWritten(_ arguments: [String]) throws {
        let directory = try siteWorkspace()
        let before = try files(in: directory)
        let guideBefore = try guide(in: directory)
        let result = try run(arguments, in: directory)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
        #expect(
            result.stderr.contains(" is empty; give a path") || result.stderr.contains(" is blank; give a path"),
            "\(result.stderr)")
        #expect(try files(in: directory) == before)
        #expect(try guide(in: directory) == guideBefore)
    }

    @Test(arguments: [
        ("guide: \"\"\n", "gen.yml: error: guide: is empty; name the guide's file (the default is guide.md)"),
        ("guide: \"  \"\n", "gen.yml: error: guide: is empty; name the guide's file (the default is guide.md)"),
        (
            "templates: \"\"\n",
            "gen.yml: error: templates: is empty; name a template folder, or leave the key out for the built-in templates"
        ),
    ])
    func anEmptyPathInGenYmlIsRefused(_ config: String, _ message: String) throws {
        let directory = try siteWorkspace()
        try write(config, to: "\(directory)/gen.yml")
        let before = try files(in: directory)
        for arguments in [[], ["guide.md"], ["site"], ["export", "--out", "out"]] {
            let result = try run(arguments, in: directory)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == message + "\n", "\(arguments)")
        }
        #expect(try files(in: directory) == before)
    }

    // MARK: 2. Only folders gen wrote are replaced

    @Test(arguments: ["python", "swift"])
    func exportRefusesAFolderItDidNotWrite(_ language: String) throws {
        let directory = try workspace()
        let out = "\(directory)/out"
        try FileManager.default.createDirectory(atPath: "\(out)/\(language)", withIntermediateDirectories: true)
        try write("mine", to: "\(out)/\(language)/notes.txt")
        let result = try run(["export", "--out", "out"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "out/\(language): error: is a folder gen did not write (it has no .gen-output file); remove it, choose another --out, or pass --force to replace it\n"
        )
        #expect(try files(in: out) == [language], "no other language is written either")
        #expect(try files(in: "\(out)/\(language)") == ["notes.txt"])
    }

    @Test func exportRefusesAFileOrALinkInItsPlace() throws {
        let directory = try workspace()
        let elsewhere = "\(directory)/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try write("keep", to: "\(elsewhere)/keep.txt")
        try FileManager.default.createDirectory(atPath: "\(directory)/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/out/php", withDestinationPath: elsewhere)
        let link = try run(["export", "--out", "out"], in: directory)
        #expect(link.status == 1)
        #expect(
            link.stderr
                == "out/php: error: is a symbolic link, not a folder gen wrote; remove it, choose another --out, or pass --force to replace it\n"
        )
        try FileManager.default.removeItem(atPath: "\(directory)/out/php")
        try write("a file", to: "\(directory)/out/javascript")
        let file = try run(["export", "--out", "out"], in: directory)
        #expect(file.status == 1)
        #expect(file.stderr.hasPrefix("out/javascript: error: is a file, not a folder gen wrote;"))
        #expect(try files(in: "\(directory)/out") == ["javascript"])
        #expect(try files(in: elsewhere) == ["keep.txt"])
    }

    @Test func exportReplacesItsOwnFoldersAndForceReplacesOthers() throws {
        let directory = try workspace()
        let first = try run(["export", "--out", "out"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let marker = try String(contentsOfFile: "\(directory)/out/python/.gen-output", encoding: .utf8)
        #expect(marker.hasPrefix("gen (SampleGen) "))
        try write("stale", to: "\(directory)/out/python/stale.py")
        let second = try run(["export", "--out", "out"], in: directory)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/out/python/stale.py"))
        // Someone else's folder: refused, then replaced with --force.
        try FileManager.default.removeItem(atPath: "\(directory)/out/php/.gen-output")
        #expect(try run(["export", "--out", "out"], in: directory).status == 1)
        let forced = try run(["export", "--out", "out", "--force"], in: directory)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/out/php/.gen-output"))
        #expect(
            try files(in: "\(directory)/out") == Language.allCases.map(\.rawValue).sorted(), "no staging folder is left"
        )
    }

    @Test(arguments: ["site", "confluence"])
    func theSiteFolderIsWrittenOnlyWhenNewEmptyOrGens(_ command: String) throws {
        let directory = try siteWorkspace()
        let out = "\(directory)/public"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try write("<p>someone's page</p>", to: "\(out)/index.html")
        let refused = try run([command, "--out", "public"], in: directory)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "public: error: is a folder gen did not write (it has no .gen-output file); remove it, choose another --out, or pass --force to replace it\n"
        )
        #expect(try files(in: out) == ["index.html"])
        #expect(try String(contentsOfFile: "\(out)/index.html", encoding: .utf8) == "<p>someone's page</p>")
        // New, empty and gen's own folders are written; --force writes into any.
        for folder in ["new/deeper", "empty"] {
            if folder == "empty" {
                try FileManager.default.createDirectory(atPath: "\(directory)/empty", withIntermediateDirectories: true)
            }
            let result = try run([command, "--out", folder], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(folder)/.gen-output"))
            #expect(
                try run([command, "--out", folder], in: directory).status == 0, "a second run writes gen's own folder")
        }
        let forced = try run([command, "--out", "public", "--force"], in: directory)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/.gen-output"))
    }

    // MARK: 3. Symbolic links, owner, mode, hard links

    @Test(arguments: [true, false])
    func aSymlinkedGuideIsFilledThroughTheLink(_ relativeLink: Bool) throws {
        let directory = try workspace()
        let real = "\(directory)/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: "\(directory)/guide.md", toPath: "\(real)/guide.md")
        try FileManager.default.createSymbolicLink(
            atPath: "\(directory)/guide.md",
            withDestinationPath: relativeLink ? "real/guide.md" : "\(real)/guide.md")
        let result = try run([], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try filledGuide()
        #expect(try read("\(real)/guide.md") == committed)
        let type =
            try FileManager.default.attributesOfItem(atPath: "\(directory)/guide.md")[.type] as? FileAttributeType
        #expect(type == .typeSymbolicLink, "the link stays a link")
        #expect(try files(in: real) == ["guide.md"], "no temporary file is left beside the target")
        #expect(try files(in: directory) == ["gen.yml", "guide.md", "real", "samples"], "the programs beside the link")
        // Named on the command line, and a link to a link.
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/again.md", withDestinationPath: "guide.md")
        try Data(try read(RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"))).write(
            to: URL(fileURLWithPath: "\(real)/guide.md"))
        let batch = try run(["again.md"], in: directory)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try read("\(real)/guide.md") == committed)
    }

    @Test(
        .enabled(if: getuid() == 0, "needs root to give the guide another owner and group"),
        arguments: [(1234, 5678, 0o640), (0, 4321, 0o600), (4242, 0, 0o664)])
    func asRootTheOwnerGroupAndModeAreKept(_ user: Int, _ group: Int, _ mode: Int) throws {
        let directory = try workspace()
        let path = "\(directory)/guide.md"
        try FileManager.default.setAttributes(
            [.ownerAccountID: user, .groupOwnerAccountID: group, .posixPermissions: mode], ofItemAtPath: path)
        let result = try run([], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.ownerAccountID] as? Int == user)
        #expect(attributes[.groupOwnerAccountID] as? Int == group)
        #expect(attributes[.posixPermissions] as? Int == mode)
        #expect(try read(path) == filledGuide())
    }

    /// As the README says: the guide becomes a file of its own; another hard link keeps the old text.
    @Test func aHardLinkKeepsTheOldText() throws {
        let directory = try workspace()
        try FileManager.default.linkItem(atPath: "\(directory)/guide.md", toPath: "\(directory)/copy.md")
        let before = try read("\(directory)/copy.md")
        #expect(try run([], in: directory).status == 0)
        #expect(try read("\(directory)/copy.md") == before)
        #expect(try read("\(directory)/guide.md") == filledGuide())
    }

    @Test(arguments: [0o444, 0o400, 0o555])
    func aReadOnlyGuideIsRefused(_ mode: Int) throws {
        let directory = try workspace()
        let path = "\(directory)/guide.md"
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let before = try read(path)
        for arguments in [[], ["guide.md"]] {
            let result = try run(arguments, in: directory)
            #expect(result.status == 1)
            #expect(
                result.stderr
                    == "guide.md: error: is read-only (mode \(String(mode, radix: 8))); make it writable (chmod u+w) for gen to write it; the guide is unchanged\n"
            )
            #expect(try read(path) == before)
        }
        #expect(try files(in: directory) == ["gen.yml", "guide.md"])
        #expect(try run(["--check"], in: directory).status == 1, "--check still reads it")
    }

    // MARK: 4. A batch is all or nothing

    @Test(arguments: [0, 1, 2])
    func aBatchWithOneBadGuideWritesNone(_ badIndex: Int) throws {
        let directory = try workspace()
        let unfilled = try guide(in: directory)
        try FileManager.default.removeItem(atPath: "\(directory)/guide.md")
        let names = ["a.md", "b.md", "c.md"]
        for (index, name) in names.enumerated() {
            let bytes = index == badIndex ? Data("Intro\n\nPython code:\n".utf8) + Data([0xC3, 0x28, 0x0A]) : unfilled
            try bytes.write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
        }
        let result = try run(["."], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "./\(names[badIndex]):4:1: error: the guide is not valid UTF-8 here; save it as UTF-8\nerror: 1 of 3 guides cannot be filled; no guide was written\n"
        )
        #expect(result.stdout == "")
        for (index, name) in names.enumerated() where index != badIndex {
            #expect(try read("\(directory)/\(name)") == unfilled, "\(name) was written")
        }
        #expect(try files(in: directory) == ["a.md", "b.md", "c.md", "gen.yml"], "no temporary file is left")
    }

    @Test func aBatchReportsEveryFailureAndEveryGuideWritten() throws {
        let directory = try workspace()
        let unfilled = try guide(in: directory)
        for name in ["a.md", "b.md", "c.md", "d.md"] {
            try unfilled.write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: "\(directory)/b.md")
        try write("## Nowhere\n\nPython code:\n", to: "\(directory)/d.md")
        let failed = try run(["a.md", "b.md", "c.md", "d.md"], in: directory)
        #expect(failed.status == 1)
        let lines = failed.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(failed.stderr)")
        #expect(lines.first?.hasPrefix("b.md: error: is read-only") == true)
        #expect(lines.dropFirst().first?.hasPrefix("d.md:3:1: error: no snippet is configured") == true)
        #expect(lines.last == "error: 2 of 4 guides cannot be filled; no guide was written")
        #expect(try read("\(directory)/a.md") == unfilled)
        // Fixed: every guide written is named.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: "\(directory)/b.md")
        try FileManager.default.removeItem(atPath: "\(directory)/d.md")
        let result = try run(["a.md", "b.md", "c.md", "guide.md"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "a.md: updated\nb.md: updated\nc.md: updated\nguide.md: updated\n4 guides: 4 updated, 0 already up to date; complete programs written to samples/\n"
        )
    }

    // MARK: 5. Signals and long names

    /// Starts `gen`, waits until its temporary file exists, sends `signal`, and returns how it ended.
    func interrupt(
        _ arguments: [String], in directory: String, signal: Int32, environment: [String: String],
        temporaryIn folder: String
    ) throws -> (reason: Process.TerminationReason, status: Int32, sawTemporary: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.gen)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sawTemporary = false
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            // `.gen-XXXXXX` (a file), `.python.gen-PID` (a folder being staged); not gen's mark.
            if (try? files(in: folder))?.contains(where: { $0.contains(".gen-") && $0 != ".gen-output" }) == true {
                sawTemporary = true
                break
            }
            usleep(1_000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, sawTemporary)
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalDuringAWriteRemovesTheTemporaryFile(_ signal: Int32) throws {
        let directory = try workspace(config: Self.configWithoutPrograms)
        let before = try guide(in: directory)
        let ended = try interrupt(
            [], in: directory, signal: signal, environment: ["GEN_TEST_PAUSE_BEFORE_RENAME": "1"],
            temporaryIn: directory)
        #expect(ended.sawTemporary)
        #expect(ended.reason == .uncaughtSignal && ended.status == signal, "gen ends by the signal, as a shell expects")
        #expect(try files(in: directory) == ["gen.yml", "guide.md"])
        #expect(try guide(in: directory) == before)
    }

    /// Every file and folder under `directory`, relative, sorted: what a signal may have left.
    func tree(_ directory: String) throws -> [String] {
        try (FileManager.default.subpathsOfDirectory(atPath: directory)).sorted()
    }

    /// The complete programs are written before the guide is renamed into place. A signal then,
    /// wherever it lands, leaves neither a staging folder nor a folder this run made, and a
    /// programs folder that was there stays whole: the old programs, beside the old guide.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalWhileTheProgramsAreWrittenLeavesTheOldFolderWhole(_ signal: Int32) throws {
        let directory = try workspace(programs: true)
        let config = try String(contentsOfFile: "\(directory)/gen.yml", encoding: .utf8)
        try write(
            config.replacingOccurrences(of: "https://auth.example.com/", with: "https://login.example.org/"),
            to: "\(directory)/gen.yml")
        let (guideBefore, programsBefore) = (try guide(in: directory), try tree("\(directory)/samples"))
        let pythonBefore = try read("\(directory)/samples/python/token_request.py")
        let ended = try interrupt(
            [], in: directory, signal: signal, environment: ["GEN_TEST_PAUSE_BEFORE_RENAME": "1"],
            temporaryIn: "\(directory)/samples")
        #expect(ended.sawTemporary && ended.reason == .uncaughtSignal)
        #expect(try files(in: directory) == ["gen.yml", "guide.md", "samples"])
        #expect(try guide(in: directory) == guideBefore)
        #expect(try tree("\(directory)/samples") == programsBefore)
        #expect(try read("\(directory)/samples/python/token_request.py") == pythonBefore)
        // And the next run writes both.
        #expect(try run([], in: directory).status == 0)
        #expect(try String(contentsOfFile: "\(directory)/guide.md", encoding: .utf8).contains("login.example.org"))
    }

    /// The same for every command that writes a folder: one it made goes, one that was there stays.
    /// `staged`: where the second run's first temporary file or folder appears.
    @Test(arguments: [(["export", "--out", "out"], "out", "out"), (["site"], "_site", "_site/assets")])
    func aSignalWhileAFolderIsWrittenLeavesNothingHalfWritten(
        _ arguments: [String], _ folder: String, _ staged: String
    ) throws {
        let directory = try siteWorkspace()
        try write(try Self.configWithoutPrograms, to: "\(directory)/gen.yml")
        #expect(try run([], in: directory).status == 0)
        let before = try files(in: directory)
        var ended = try interrupt(
            arguments, in: directory, signal: SIGTERM, environment: ["GEN_TEST_PAUSE_BEFORE_RENAME": "1"],
            temporaryIn: "\(directory)/\(folder)")
        #expect(ended.sawTemporary && ended.reason == .uncaughtSignal)
        #expect(try files(in: directory) == before, "the folder this run made is gone")
        // Written once, then interrupted while it is written again: as the first run left it.
        #expect(try run(arguments, in: directory).status == 0)
        try write(
            try String(contentsOfFile: "\(directory)/gen.yml", encoding: .utf8)
                .replacingOccurrences(of: "https://auth.example.com/", with: "https://login.example.org/"),
            to: "\(directory)/gen.yml")
        let written = try tree("\(directory)/\(folder)")
        let contents = try written.map { path in
            FileManager.default.contents(atPath: "\(directory)/\(folder)/\(path)")
        }
        ended = try interrupt(
            arguments, in: directory, signal: SIGTERM, environment: ["GEN_TEST_PAUSE_BEFORE_RENAME": "1"],
            temporaryIn: "\(directory)/\(staged)")
        #expect(ended.sawTemporary && ended.reason == .uncaughtSignal)
        #expect(try tree("\(directory)/\(folder)") == written)
        #expect(written.map { FileManager.default.contents(atPath: "\(directory)/\(folder)/\($0)") } == contents)
    }

    @Test func aSignalDuringABatchRemovesEveryTemporaryFile() throws {
        let directory = try workspace()
        let unfilled = try guide(in: directory)
        for name in ["a.md", "b.md", "c.md"] { try unfilled.write(to: URL(fileURLWithPath: "\(directory)/\(name)")) }
        let ended = try interrupt(
            ["."], in: directory, signal: SIGTERM, environment: ["GEN_TEST_PAUSE_BEFORE_RENAME": "1"],
            temporaryIn: directory)
        #expect(ended.sawTemporary && ended.reason == .uncaughtSignal)
        #expect(try files(in: directory) == ["a.md", "b.md", "c.md", "gen.yml", "guide.md"])
        for name in ["a.md", "b.md", "c.md", "guide.md"] { #expect(try read("\(directory)/\(name)") == unfilled) }
    }

    /// No hook: a 30 MB guide, SIGTERM as soon as its temporary file appears. Whenever the
    /// signal lands, no temporary file is left and the guide is whole, old or new.
    @Test func aSignalWhileALargeGuideIsWrittenLeavesNoTemporaryFile() throws {
        let directory = try workspace()
        let unfilled = try guide(in: directory)
        var large = Data()
        while large.count < 30_000_000 { large += unfilled }
        try large.write(to: URL(fileURLWithPath: "\(directory)/guide.md"))
        let ended = try interrupt([], in: directory, signal: SIGTERM, environment: [:], temporaryIn: directory)
        let now = try guide(in: directory)
        if ended.reason == .uncaughtSignal {
            #expect(
                try files(in: directory) == ["gen.yml", "guide.md"], "the new programs folder went with the signal")
            #expect(now == large)
        } else {
            #expect(try files(in: directory) == ["gen.yml", "guide.md", "samples"])
            #expect(now.count > large.count, "finished before the signal: the filled guide")
        }
    }

    @Test(arguments: [250, 255])
    func aGuideNameNearTheFileSystemLimitIsFilled(_ length: Int) throws {
        let directory = try workspace()
        let name = String(repeating: "g", count: length - 3) + ".md"
        try FileManager.default.moveItem(atPath: "\(directory)/guide.md", toPath: "\(directory)/\(name)")
        let result = try run([name], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try read("\(directory)/\(name)") == filledGuide())
        #expect(try files(in: directory) == ["gen.yml", name, "samples"])
    }

    // MARK: 6. Test hooks

    /// Every `GEN_TEST_` hook in gen's sources sits inside `#if DEBUG`: a release build has none.
    @Test func testHooksAreOnlyInDebugBuilds() throws {
        let folder = RepositoryPaths.path("Sources/gen")
        var hooks = 0
        for name in try files(in: folder) where name.hasSuffix(".swift") {
            var depth: [Bool] = []  // for each open #if: whether it is #if DEBUG
            for (number, line) in try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8).components(
                separatedBy: "\n"
            ).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("#if ") { depth.append(trimmed == "#if DEBUG") }
                if trimmed.hasPrefix("#endif") { _ = depth.popLast() }
                if line.contains("getenv(\"GEN_TEST_") {
                    hooks += 1
                    #expect(depth.contains(true), "\(name):\(number + 1): a test hook outside #if DEBUG")
                }
            }
        }
        #expect(hooks >= 2)
    }
}

/// Issue 10, smaller items: the --check diff, framework text, limits, duplicates, summaries,
/// guides without code sections.
extension GenCommandTests {
    @Test(arguments: [false, true])
    func theCheckDiffAppliesWithPatchAndGitApply(_ crlf: Bool) throws {
        var unfilled = try String(
            contentsOfFile: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"), encoding: .utf8)
        if crlf { unfilled = unfilled.replacingOccurrences(of: "\n", with: "\r\n") }
        unfilled.removeLast(crlf ? 2 : 1)  // no final line break
        let directory = try workspace(guide: Array(unfilled.utf8), config: Self.configWithoutPrograms)
        let check = try run(["--check"], in: directory)
        #expect(check.status == 1)
        try write(check.stdout, to: "\(directory)/guide.diff")
        let dryRun = try ProcessResult.run(
            "patch", ["-p0", "--dry-run", "--batch", "-i", "guide.diff"], currentDirectory: directory)
        #expect(dryRun.status == 0, "\(dryRun.stdout)\(dryRun.stderr)")
        let git = try ProcessResult.run("git", ["apply", "-p0", "--check", "guide.diff"], currentDirectory: directory)
        #expect(git.status == 0, "\(git.stderr)")
        #expect(
            try ProcessResult.run("patch", ["-p0", "--batch", "-i", "guide.diff"], currentDirectory: directory).status
                == 0)
        let after = try run(["--check"], in: directory)
        #expect(after.status == 0, "the patched guide is the regenerated one: \(after.stdout)")
    }

    @Test(arguments: [
        ["export", "--out", "file.txt"], ["export", "--out", "file.txt/deeper"], ["site", "--out", "file.txt"],
        ["confluence", "--out", "file.txt/x"],
    ])
    func writeErrorsAreInTheUsersWords(_ arguments: [String]) throws {
        let directory = try siteWorkspace()
        try write("not a folder", to: "\(directory)/file.txt")
        let result = try run(arguments, in: directory)
        #expect(result.status == 1)
        #expect(
            !result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("could not be completed"),
            "\(result.stderr)")
        #expect(result.stderr.hasPrefix("file.txt"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: "\(directory)/file.txt", encoding: .utf8) == "not a folder")
    }

    @Test(arguments: [[String](), ["--lang", "php"], ["export", "--out", "out"]])
    func aMissingTemplateIsNamedWithItsFolder(_ arguments: [String]) throws {
        let directory = try workspace()
        let templates = "\(directory)/templates"
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Templates"), toPath: templates)
        try FileManager.default.removeItem(atPath: "\(templates)/php/token-request.mustache")
        let result = try run(arguments + ["--templates", templates], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "\(templates)/php/token-request.mustache: error: no such template; every language needs one per snippet (token-request, token-refresh)\n"
        )
    }

    @Test func aConfigurationThatIsNotARegularFileOrTooLargeIsRefused() throws {
        let directory = try workspace()
        #expect(try ProcessResult.run("mkfifo", ["\(directory)/fifo.yml"]).status == 0)
        try Data(count: 2 << 20).write(to: URL(fileURLWithPath: "\(directory)/huge.yml"))
        let cases = [
            ("/dev/zero", "/dev/zero: error: is not a regular file; gen reads only regular files"),
            ("/dev/null", "/dev/null: error: is not a regular file; gen reads only regular files"),
            ("fifo.yml", "fifo.yml: error: is not a regular file; gen reads only regular files"),
            ("huge.yml", "huge.yml: error: is 2097152 bytes, more than the 1048576 gen reads from such a file"),
        ]
        for (config, message) in cases {
            for arguments in [
                ["--config", config], ["--config", config, "guide.md"], ["export", "--config", config, "--out", "out"],
            ] {
                let result = try run(arguments, in: directory, environment: nil)
                #expect(result.status == 1, "\(arguments)")
                #expect(result.stderr == message + "\n", "\(arguments)")
            }
        }
    }

    @Test func theSameGuideGivenTwiceIsFilledOnce() throws {
        let directory = try workspace()
        try FileManager.default.createDirectory(atPath: "\(directory)/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/link.md", withDestinationPath: "guide.md")
        let result = try run(
            ["guide.md", "./guide.md", "guide.md", "sub/../guide.md", "link.md", "\(directory)/guide.md", "."],
            in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "guide.md: updated\n1 guide: 1 updated, 0 already up to date; complete programs written to samples/\n"
        )
        let check = try run(["--check", "guide.md", "guide.md"], in: directory)
        #expect(check.stdout == "1 guide up to date\n")
    }

    @Test func theSummaryIsSingularForOneAndShortForMany() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        let templates = "\(directory)/templates"
        try FileManager.default.createDirectory(atPath: "\(templates)/python", withIntermediateDirectories: true)
        for snippet in ["token-request", "token-refresh"] {
            try write("{{% CONTENT_TYPE: TEXT }}\nprint(1)\n", to: "\(templates)/python/\(snippet).mustache")
        }
        try write(
            "languages: [python]\ntemplates: templates\ngroups:\n  Get a token: token-request\ncomplete_programs: \"\"\n",
            to: "\(directory)/gen.yml")
        try write("## Get a token\n\nPython code:\n", to: "\(directory)/guide.md")
        let one = try run([], in: directory)
        #expect(
            one.stdout == "guide.md: 1 sample in 1 group (token-request × 1 under \"Get a token\"), updated\n",
            "\(one.stderr)")
        try write(String(repeating: "## Get a token\n\nPython code:\n\n", count: 10_000), to: "\(directory)/guide.md")
        let many = try run([], in: directory)
        #expect(many.status == 0, "\(many.stderr)")
        #expect(
            many.stdout == "guide.md: 10000 samples in 10000 groups ("
                + String(repeating: "token-request × 1 under \"Get a token\"; ", count: 5) + "and 9995 more), updated\n"
        )
    }

    @Test(arguments: [
        (
            "## Postman guide\n\nPyhton code:\n\n## Handling Access Token Expiration in the Client Application\n\nJavascirpt code:\n",
            true
        ),
        ("No headings and no sections at all.\n", true),
        ("## Postman guide\n\nPython code:\n", false),
    ])
    func aGuideMissingAConfiguredGroupWarnsAndFailsTheCheck(_ text: String, _ noSections: Bool) throws {
        let directory = try workspace(guide: Array(text.utf8))
        let result = try run([], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.hasPrefix(
                noSections
                    ? "guide.md: warning: no code sections found;"
                    : "guide.md: warning: no code sections under \"Handling Access Token Expiration in the Client Application\", which groups: in gen.yml names"
            ), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let check = try run(["--check"], in: directory)
        #expect(check.status == 1)
        #expect(check.stderr.split(separator: "\n").count == 1, "\(check.stderr)")
        #expect(check.stderr.hasPrefix("guide.md: error: no code sections"), "\(check.stderr)")
        #expect(check.stderr.contains("\"Handling Access Token Expiration in the Client Application\""))
        let batch = try run(["--check", "guide.md"], in: directory)
        #expect(batch.status == 1 && batch.stderr.hasPrefix("guide.md: error: no code sections"), "\(batch.stderr)")
    }
}

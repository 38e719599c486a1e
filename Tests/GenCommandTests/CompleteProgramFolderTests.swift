import Foundation
import TestSupport
import Testing

/// The folder of complete programs a guide links to (`complete_programs:`), as the built `gen`
/// writes and checks it: in the same run as the guide, covered by `--check`, never over a folder
/// gen did not write, never read back as a guide.
@Suite struct CompleteProgramFolderTests {
    let commands = GenCommandTests()
    static let config = "languages: [python, go]\n"

    func file(_ directory: String, _ path: String) -> String? {
        try? String(contentsOfFile: "\(directory)/\(path)", encoding: .utf8)
    }

    @Test func theProgramsAreWrittenWithTheGuideAndTheGuideLinksToEachOne() throws {
        let directory = try commands.workspace(config: Self.config)
        let result = try commands.run([], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix(", updated; complete programs written to samples/\n"), "\(result.stdout)")
        let guide = try #require(file(directory, "guide.md"))
        for (language, program) in [
            ("python", "token_request.py"), ("python", "token_manager.py"), ("go", "token_request.go"),
            ("go", "token_manager.go"),
        ] {
            #expect(guide.contains("[`\(program)`](samples/\(language)/\(program))"), "\(program)")
            let written = try #require(file(directory, "samples/\(language)/\(program)"), "\(program)")
            let printed = try commands.run(
                [
                    "--lang", language, "--snippet", program.contains("manager") ? "token-refresh" : "token-request",
                    "--complete",
                ], in: directory)
            #expect(written == printed.stdout, "the file is the complete program gen --complete prints")
        }
        #expect(file(directory, "samples/.gen-output") != nil && file(directory, "samples/go/go.mod") != nil)
        // A second run writes nothing; a check passes.
        let again = try commands.run([], in: directory)
        #expect(!again.stdout.contains("complete programs written"), "\(again.stdout)")
        #expect(try commands.run(["--check"], in: directory).status == 0)
    }

    @Test(arguments: ["edited", "deleted", "folderDeleted"])
    func aCheckFailsWhenAProgramIsNotAsGenWouldWriteIt(_ change: String) throws {
        let directory = try commands.workspace(config: Self.config)
        #expect(try commands.run([], in: directory).status == 0)
        let program = "\(directory)/samples/python/token_manager.py"
        switch change {
        case "edited": try Data("# mine\n".utf8).write(to: URL(fileURLWithPath: program))
        case "deleted": try FileManager.default.removeItem(atPath: program)
        default: try FileManager.default.removeItem(atPath: "\(directory)/samples")
        }
        let check = try commands.run(["--check"], in: directory)
        #expect(check.status == 1)
        #expect(check.stdout.contains("samples/python/token_manager.py"), "\(check.stdout)")
        #expect(
            check.stderr == "error: the complete programs in samples/ are out of date; run gen to regenerate them\n",
            "\(check.stderr)")
        // Both run paths: the batch (guide paths named) checks them too.
        #expect(try commands.run(["--check", "guide.md"], in: directory).status == 1)
        #expect(try commands.run([], in: directory).status == 0)
        #expect(try commands.run(["--check"], in: directory).status == 0)
    }

    /// A `samples/` folder of the writer's own (a file, a folder, a link to one) is never
    /// written into: the run fails before anything, the guide included, is written.
    @Test(arguments: ["folder", "file", "link"])
    func aFolderGenDidNotWriteIsRefusedAndNothingIsWritten(_ kind: String) throws {
        let directory = try commands.workspace(config: Self.config)
        let samples = "\(directory)/samples"
        let theirs = "\(directory)/theirs"
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: "\(theirs)/notes.txt"))
        switch kind {
        case "folder":
            try FileManager.default.createDirectory(atPath: samples, withIntermediateDirectories: true)
            try Data("keep\n".utf8).write(to: URL(fileURLWithPath: "\(samples)/notes.txt"))
        case "file": try Data("keep\n".utf8).write(to: URL(fileURLWithPath: samples))
        default: try FileManager.default.createSymbolicLink(atPath: samples, withDestinationPath: theirs)
        }
        let before = try commands.guide(in: directory)
        let result = try commands.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("complete_programs:"), "\(result.stderr)")
        #expect(try commands.guide(in: directory) == before, "the guide is not written either")
        #expect(file(directory, "theirs/notes.txt") == "keep\n")
        #expect(!FileManager.default.fileExists(atPath: "\(theirs)/python"))
        if kind == "folder" { #expect(file(directory, "samples/notes.txt") == "keep\n") }
        #expect(try commands.run(["guide.md"], in: directory).status == 1, "the batch refuses it as well")
        #expect(try commands.guide(in: directory) == before)
    }

    @Test func anEmptyStringWritesNoFolderAndNoLinks() throws {
        let directory = try commands.workspace(config: Self.config + "complete_programs: \"\"\n")
        #expect(try commands.run([], in: directory).status == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/samples"))
        #expect(!(file(directory, "guide.md") ?? "").contains("Complete program"))
    }

    @Test(arguments: ["/tmp/programs", "C:\\programs"])
    func aFolderThatIsNotBesideTheGuideIsRefusedAtItsLine(_ folder: String) throws {
        let directory = try commands.workspace(config: Self.config + "complete_programs: '\(folder)'\n")
        let result = try commands.run([], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("gen.yml:2:20: error: complete_programs is a folder beside the guide"))
    }

    /// A folder of guides: the programs' READMEs, which gen wrote, are not guides of the batch.
    @Test func theBatchDoesNotTakeTheProgramsReadmesForGuides() throws {
        let directory = try commands.workspace(config: Self.config)
        #expect(try commands.run(["."], in: directory).status == 0)
        let check = try commands.run(["--check", "."], in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "1 guide up to date\n")
    }
}

import Foundation
import GenConfig
import SampleModel
import TestSupport
import Testing

/// `gen init` and `gen --version` (issue 22, items 1 and 2), run as a new user would: in a folder
/// holding only their own guide.
extension GenCommandTests {
    func folder(with files: [String: String]) throws -> String {
        let directory = try RepositoryPaths.scratchDirectory()
        for (name, text) in files {
            let path = "\(directory)/\(name)"
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        return directory
    }

    func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    func names(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    static var seedGuide: String {
        get throws {
            try String(
                contentsOfFile: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"),
                encoding: .utf8)
        }
    }

    /// A filled page with every block gen wrote emptied (its fence kept, without `gen=`): the page
    /// as a writer leaves it for gen to fill.
    static func unfilled(_ relativePath: String) throws -> String {
        var lines: [Substring] = []
        var closing: String?
        for line in try String(contentsOfFile: RepositoryPaths.path(relativePath), encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            if let fence = closing {
                if line == fence {
                    lines.append(line)
                    closing = nil
                }
                continue
            }
            if let match = line.wholeMatch(of: /( *)```(\w+) gen=.*/) {
                lines.append("\(match.output.1)```\(match.output.2)")
                closing = "\(match.output.1)```"
            } else if line.trimmingPrefix(while: { $0 == " " }).hasPrefix(ProgramLinkLead.text),
                lines.last?.isEmpty == true
            {
                lines.removeLast()  // gen's link line, with the blank line before it
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The language and snippet of each block gen wrote, in order.
    func generatedBlocks(_ guide: String) -> [String] {
        guide.matches(of: /```(\w+) gen=([a-z-]+)/).map { "\($0.output.1) \($0.output.2)" }
    }

    @Test func initThenGenFillsTheSeedGuideAndTheCheckPasses() throws {
        let directory = try folder(with: ["guide.md": try Self.seedGuide])
        let initialized = try run(["init", "guide.md"], in: directory)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stderr == "")
        #expect(
            initialized.stdout == """
                gen.yml: written for guide.md: 2 headings, languages python, javascript, php
                  "Postman guide" (line 38): token-request (no word of the heading tells; no heading above got token-request)
                  "Handling Access Token Expiration in the Client Application" (line 51): token-refresh (the heading says "expiration")
                next: check the snippet of each heading under groups: in gen.yml, then run gen

                """)
        #expect(try names(in: directory) == ["gen.yml", "guide.md"])
        let configuration = try ConfigFile.parse(text("\(directory)/gen.yml"), path: "gen.yml")
        #expect(configuration.guidePath == "guide.md")
        #expect(configuration.languages == [.python, .javascript, .php])
        #expect(configuration.groups == GroupRule.guideDefaults)
        #expect(configuration.model == .guideDefault)

        let filled = try run([], in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(filled.stdout.hasPrefix("guide.md: 6 samples in 2 groups"))
        #expect(
            generatedBlocks(try text("\(directory)/guide.md"))
                == ["python token-request", "javascript token-request", "php token-request"]
                + ["python token-refresh", "javascript token-refresh", "php token-refresh"])
        let checked = try run(["--check"], in: directory)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout == "guide.md: up to date\n")
        // With every language uncommented, the guide is the one docs-site/gen.yml gives.
        let everyLanguage = try text("\(directory)/gen.yml").replacing("  # - ", with: "  - ")
        try Data(everyLanguage.utf8).write(to: URL(fileURLWithPath: "\(directory)/gen.yml"))
        try Data(try Self.seedGuide.utf8).write(to: URL(fileURLWithPath: "\(directory)/guide.md"))
        #expect(try run([], in: directory).status == 0)
        let committed = try generatedBlocks(text(RepositoryPaths.path("docs-site/guide.md")))
        #expect(Set(generatedBlocks(try text("\(directory)/guide.md"))) == Set(committed))
    }

    @Test func aSecondInitRefusesAndTouchesNothing() throws {
        let directory = try folder(with: ["guide.md": try Self.seedGuide])
        #expect(try run(["init", "guide.md"], in: directory).status == 0)
        let path = "\(directory)/gen.yml"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        for arguments in [["init", "guide.md"], ["init"], ["init", "."], ["init", directory]] {
            let again = try run(arguments, in: directory)
            #expect(again.status == 1)
            #expect(again.stdout == "")
            #expect(
                again.stderr.hasSuffix(
                    "gen.yml: error: already exists; gen init writes a gen.yml only where there is none, so edit this one, or move it away and run gen init again\n"
                ))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
        #expect(try names(in: directory) == ["gen.yml", "guide.md"])
    }

    /// Whatever holds the name: a link to a file (never written through), a link to nothing
    /// (never created through), a folder.
    @Test(arguments: ["link", "dangling link", "folder", "empty file"])
    func initRefusesWhateverHoldsTheName(_ kind: String) throws {
        let directory = try folder(with: ["guide.md": try Self.seedGuide, "elsewhere.yml": "# mine\n"])
        let path = "\(directory)/gen.yml"
        switch kind {
        case "link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "elsewhere.yml")
        case "dangling link":
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "nothing.yml")
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        default: FileManager.default.createFile(atPath: path, contents: Data())
        }
        let before = try names(in: directory)
        let result = try run(["init", "guide.md"], in: directory)
        #expect(result.status == 1)
        let what = [
            "link": " (a symbolic link)", "dangling link": " (a symbolic link to nothing)", "folder": " (a folder)",
        ]
        #expect(result.stderr.hasPrefix("gen.yml: error: already exists\(what[kind] ?? ""); gen init writes"))
        #expect(try names(in: directory) == before)
        #expect(try text("\(directory)/elsewhere.yml") == "# mine\n")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/nothing.yml"))
    }

    @Test func withoutAGuideInitTakesTheOnlyMarkdownFileHere() throws {
        let directory = try folder(with: ["notes.md": try Self.seedGuide, "notes.txt": "", ".hidden.md": ""])
        try FileManager.default.createDirectory(atPath: "\(directory)/folder.md", withIntermediateDirectories: false)
        let result = try run(["init"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("gen.yml: written for notes.md: 2 headings"))
        #expect(try ConfigFile.parse(text("\(directory)/gen.yml"), path: "gen.yml").guidePath == "notes.md")
        #expect(try run([], in: directory).status == 0)
        #expect(try run(["--check"], in: directory).status == 0)
    }

    @Test func withSeveralMarkdownFilesInitNamesThemAndWritesNothing() throws {
        let directory = try folder(with: ["b.md": try Self.seedGuide, "a.md": try Self.seedGuide])
        let result = try run(["init"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr == "error: several Markdown files here (a.md, b.md): name one, e.g. gen init a.md\n")
        #expect(try names(in: directory) == ["a.md", "b.md"])
        let inFolder = try run(["init", "."], in: directory)
        #expect(inFolder.stderr == result.stderr)
        let many = try folder(with: Dictionary(uniqueKeysWithValues: (1...12).map { ("docs/g\($0).md", "# G\n") }))
        let listed = try run(["init", "docs"], in: many)
        #expect(
            listed.stderr
                == "docs: error: several Markdown files in docs (docs/g1.md, docs/g10.md, docs/g11.md, docs/g12.md, docs/g2.md, docs/g3.md, docs/g4.md, docs/g5.md and 4 more): name one, e.g. gen init docs/g1.md\n"
        )
        #expect(try names(in: "\(many)/docs").count == 12)
    }

    @Test func withNoMarkdownFileInitSaysHowToNameOne() throws {
        let directory = try folder(with: ["README.txt": ""])
        let result = try run(["init"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr == "error: no Markdown file (*.md) here; name the guide, e.g. gen init docs/guide.md\n")
        let missing = try run(["init", "guide.md"], in: directory)
        #expect(missing.status == 1 && missing.stderr == "guide.md: error: does not exist\n")
        let empty = try run(["init", ""], in: directory)
        #expect(empty.status == 64)
        #expect(try names(in: directory) == ["README.txt"])
    }

    @Test func initWritesGenYmlBesideAGuideInAnotherFolder() throws {
        let directory = try folder(with: ["docs/api guide.md": try Self.seedGuide])
        let result = try run(["init", "docs/api guide.md"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("docs/gen.yml: written for docs/api guide.md: 2 headings"))
        #expect(result.stdout.hasSuffix("then run gen 'docs/api guide.md'\n"))
        #expect(try names(in: directory) == ["docs"])
        #expect(try text("\(directory)/docs/gen.yml").contains("\nguide: api guide.md\n"))
        let filled = try run(["docs/api guide.md"], in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try run(["--check", "docs/api guide.md"], in: directory).status == 0)
        #expect(try run(["--config", "docs/gen.yml", "--check"], in: directory).status == 0)
        // A folder holding one guide names it too.
        let other = try folder(with: ["site/guide.md": try Self.seedGuide])
        let inFolder = try run(["init", "site/"], in: other)
        #expect(inFolder.status == 0, "\(inFolder.stderr)")
        #expect(inFolder.stdout.hasPrefix("site/gen.yml: written for site/guide.md"))
    }

    /// The docs-site pages in MkDocs tabs and MyST tab sets, with every block emptied: gen init,
    /// then gen, gives back the committed pages byte for byte.
    @Test(arguments: ["docs-site/mkdocs/docs/index.md", "docs-site/sphinx/index.md"])
    func initThenGenFillsADocsPlatformPageAsCommitted(_ page: String) throws {
        let unfilled = try Self.unfilled(page)
        #expect(generatedBlocks(unfilled).isEmpty)
        let directory = try folder(with: ["index.md": unfilled])
        let initialized = try run(["init"], in: directory)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains("\"Postman guide\" (line"))
        #expect(initialized.stdout.contains("token-request (curl has no token-refresh sample)"))
        let configuration = try ConfigFile.parse(text("\(directory)/gen.yml"), path: "gen.yml")
        #expect(configuration.languages == [.python, .javascript, .php, .curl, .ruby, .go, .java, .swift])
        #expect(configuration.groups == GroupRule.guideDefaults)
        let filled = try run([], in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try text("\(directory)/index.md") == text(RepositoryPaths.path(page)))
        #expect(try run(["--check"], in: directory).status == 0)
    }

    /// The filled pages carry gen= tags: those decide, whatever the headings say.
    @Test func aGuideGenFilledAlreadyKeepsTheSnippetsItsBlocksName() throws {
        let guide = try text(RepositoryPaths.path("docs-site/guide.md"))
            .replacing("## Postman guide", with: "## Refreshing your memory")
            .replacing("## Handling Access Token Expiration in the Client Application", with: "## Get going")
        let directory = try folder(with: ["guide.md": guide])
        try FileManager.default.copyItem(
            atPath: RepositoryPaths.path("docs-site/samples"), toPath: "\(directory)/samples")
        let result = try run(["init"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"Refreshing your memory\" (line 38): token-request (its blocks are tagged"))
        #expect(result.stdout.contains(/"Get going" \(line \d+\): token-refresh \(its blocks are tagged/))
        #expect(try run(["--check"], in: directory).status == 0)
    }

    @Test func aGuideWithoutCodeSectionsGetsAGenYmlAndIsToldSo() throws {
        let directory = try folder(with: ["guide.md": "# Notes\n\nNothing to fill yet.\n"])
        let result = try run(["init"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "gen.yml: written for guide.md, with every language (curl, python, javascript, php, ruby, go, java, swift) and no groups\n"
        )
        #expect(result.stderr.hasPrefix("guide.md: warning: no code sections found; under a heading, add"))
        let configuration = try ConfigFile.parse(text("\(directory)/gen.yml"), path: "gen.yml")
        #expect(configuration.groups.isEmpty && configuration.languages == Language.allCases)
        let filled = try run([], in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try run(["--check"], in: directory).status == 0)
    }

    /// Headings YAML reads specially, each over a code section: gen init maps every one, and gen
    /// fills every section through the gen.yml it wrote.
    @Test func headingsYAMLReadsSpeciallyAreMappedAndFilled() throws {
        let headings = [
            "Step 1: get a token", "C# & \"quotes\" — 'both'", "- leading dash", "null", "#hashtag ## more",
            "Gérer l’expiration 🔑", "`code` and *emphasis*", "[link](https://example.com) text", "true",
            "{x: 1}", "a\\b", "Renew: 50% off?", "Tab\there", "zero\u{200B}width", "&anchor *alias",
        ]
        var guide = "Intro\n\nPython code:\n\n"
        for heading in headings { guide += "## \(heading)\n\nPython code:\n\nRuby code:\n\n" }
        let directory = try folder(with: ["guide.md": guide])
        let result = try run(["init"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("before the first heading (line 3): token-request"))
        let filled = try run([], in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(filled.stderr == "")
        let blocks = generatedBlocks(try text("\(directory)/guide.md"))
        #expect(blocks.count == 2 * (headings.count + 1))
        #expect(try run(["--check"], in: directory).status == 0)
    }

    @Test func aHeadingGenYmlCannotNameIsLeftOutWithAWarning() throws {
        let directory = try folder(with: ["guide.md": "# Get \u{7}bell\n\nPython code:\n\n# Fine\n\nPython code:\n"])
        let result = try run(["init"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stderr
                == "guide.md:3: warning: the heading holds U+0007, a control character gen.yml cannot name; remove it from the heading, then map the heading here\n"
        )
        #expect(try ConfigFile.parse(text("\(directory)/gen.yml"), path: "gen.yml").groups.map(\.heading) == ["Fine"])
    }

    @Test func aGuideGenCannotReadIsRefusedWhereItIsAndNothingIsWritten() throws {
        let cases: [(String, [UInt8], String)] = [
            (
                "guide.md", Array("# A\n\nPython code:\n\n".utf8) + [0xFF, 0x0A],
                "guide.md:5:1: error: the guide is not valid UTF-8 here"
            ),
            (
                "guide.md", Array("# A\n\nPython code:\n\nPython code:\n".utf8),
                "guide.md:5:1: error: a second Python section"
            ),
            (
                "a\nb.md", Array("# A\n".utf8),
                "error: the file's name holds U+000A, a control character gen.yml cannot name"
            ),
        ]
        for (name, bytes, message) in cases {
            let directory = try RepositoryPaths.scratchDirectory()
            try Data(bytes).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
            let result = try run(["init", name], in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(try names(in: directory) == [name])
        }
    }

    @Test func initInAFolderItCannotWriteSaysSoAndLeavesNothing() throws {
        let source = try folder(with: ["guide.md": try Self.seedGuide])
        let readOnly = try ReadOnlyFolder(copying: ["guide.md"], from: source)
        defer { readOnly.remove() }
        let result = try run(["init", "guide.md"], in: readOnly.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("gen.yml: error: cannot be written: no temporary file can be made in ."))
        #expect(try names(in: readOnly.path) == ["guide.md"])
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalWhileInitWritesLeavesNoGenYmlAndNoTemporaryFile(_ signal: Int32) throws {
        let directory = try folder(with: ["guide.md": try Self.seedGuide])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.gen)
        process.arguments = ["init"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["GEN_TEST_PAUSE_BEFORE_RENAME": "1"]) {
            $1
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sawTemporary = false
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline, !sawTemporary {
            sawTemporary = try names(in: directory).contains { $0.hasPrefix(".gen-") }
            usleep(1_000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(sawTemporary)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try names(in: directory) == ["guide.md"])
        // And the next run writes it.
        #expect(try run(["init"], in: directory).status == 0)
    }

    @Test func versionPrintsOneLineAndExitsZero() throws {
        let directory = try folder(with: [:])
        for arguments in [["--version"], ["version"]] {
            let result = try run(arguments, in: directory)
            #expect(result.status == 0)
            #expect(result.stdout == "gen \(GenVersion.number)\n")
            #expect(result.stderr == "")
        }
        #expect(GenVersion.number.wholeMatch(of: /\d+\.\d+\.\d+/) != nil)
        let help = try run(["--help"], in: directory)
        #expect(help.stdout.contains("--version"))
        #expect(help.stdout.contains("This is gen \(GenVersion.number)."))
        #expect(help.stdout.contains("init"))
        let initHelp = try run(["init", "--help"], in: directory)
        #expect(initHelp.status == 0 && initHelp.stdout.contains("gen init docs/guide.md"))
        // The man page is generated from the same definitions (swift-argument-parser's dump).
        let dump = try run(["--experimental-dump-help"], in: directory)
        let tool = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let command = tool?["command"] as? [String: Any]
        let options = (command?["arguments"] as? [[String: Any]] ?? []).compactMap {
            $0["names"] as? [[String: String]]
        }
        #expect(options.contains([["kind": "long", "name": "version"]]))
        #expect((command?["discussion"] as? String)?.contains("This is gen \(GenVersion.number).") == true)
    }

    @Test func theFoldersGenWritesAreMarkedWithTheSameVersion() throws {
        let directory = try workspace()
        let result = try run(["export", "--out", "out", "--lang", "python"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let marker = try text("\(directory)/out/python/.gen-output")
        #expect(marker.hasPrefix("gen (SampleGen) \(GenVersion.number)\n"))
    }
}

/// gen's link line under a concise sample starts so (`ProgramLink.lead`, spelled here as the
/// guide shows it, so the test reads the committed pages as a person would).
enum ProgramLinkLead {
    static let text = "Complete program, with retries and outage handling: "
}

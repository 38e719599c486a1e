import Foundation
import SampleModel
import TestSupport
import Testing

/// The built `gen`, run as a user runs it: exit status, stdout, stderr and the files it leaves.
@Suite struct GenCommandTests {
    static let gen = RepositoryPaths.productsDirectory + "/gen"

    func run(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws
        -> ProcessResult
    {
        try ProcessResult.run(
            Self.gen, arguments, environment: environment, currentDirectory: directory ?? RepositoryPaths.root)
    }

    /// A docs folder with the unfilled guide and the docs-site configuration; with `programs`,
    /// the complete programs committed beside docs-site's guide too (for a copy of that guide).
    func workspace(guide: [UInt8]? = nil, config: String? = nil, programs: Bool = false) throws -> String {
        let directory = try RepositoryPaths.scratchDirectory()
        let unfilled = try Data(
            contentsOf: URL(fileURLWithPath: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"))
        )
        try Data(guide ?? Array(unfilled)).write(to: URL(fileURLWithPath: "\(directory)/guide.md"))
        let configText =
            try config ?? String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
        try Data(configText.utf8).write(to: URL(fileURLWithPath: "\(directory)/gen.yml"))
        if programs {
            try FileManager.default.copyItem(
                atPath: RepositoryPaths.path("docs-site/samples"), toPath: "\(directory)/samples")
        }
        return directory
    }

    /// The docs-site configuration without the complete programs' folder: for tests about
    /// something else (a diff, a summary line, the files a run leaves), so that a run writes the
    /// guide alone. `CompleteProgramFolderTests` covers the folder.
    static var configWithoutPrograms: String {
        get throws {
            try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
                .replacingOccurrences(of: "\ncomplete_programs: samples\n", with: "\ncomplete_programs: \"\"\n")
        }
    }

    func guide(in directory: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(directory)/guide.md"))
    }

    @Test func checkPassesOnTheCommittedGuide() throws {
        let result = try run(["--check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "docs-site/guide.md: up to date\n")
    }

    @Test func checkFailsWithADiffAndWritesNothing() throws {
        let directory = try workspace()
        let before = try guide(in: directory)
        let result = try run(["--check"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("+++ guide.md (regenerated)"))
        #expect(result.stdout.contains("+```python gen=token-request"))
        #expect(result.stderr == "guide.md: error: out of date; run gen to regenerate it\n")
        #expect(try guide(in: directory) == before)
    }

    @Test func regeneratesTheGuideThenFindsNothingToDo() throws {
        let directory = try workspace()
        let first = try run([], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("guide.md: 15 samples in 2 groups"))
        #expect(first.stdout.hasSuffix("updated; complete programs written to samples/\n"), "\(first.stdout)")
        let committed = try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path("docs-site/guide.md")))
        #expect(try guide(in: directory) == committed)
        let second = try run([], in: directory)
        #expect(second.stdout.hasSuffix("already up to date\n"))
        #expect(try run(["--check"], in: directory).status == 0)
    }

    @Test func keepsTheGuidesPermissions() throws {
        let directory = try workspace()
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: "\(directory)/guide.md")
        #expect(try run([], in: directory).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: "\(directory)/guide.md")[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test(arguments: ["python", "javascript", "php", "swift", "PHP"])
    func printsOneLanguagesSamples(_ language: String) throws {
        let result = try run(["--lang", language])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TokenManager"))
        let single = try run(["--lang", language, "--snippet", "token-request"])
        #expect(single.status == 0)
        #expect(!single.stdout.contains("class TokenManager") && !single.stdout.contains("actor TokenManager"))
    }

    @Test func anUnknownLanguageIsAUsageError() throws {
        let result = try run(["--lang", "cobol"])
        #expect(result.status == 64)
        // Parsed by the argument parser as a `Language`, which lists the choices (and completes them).
        #expect(result.stderr.hasPrefix("Error: The value 'cobol' is invalid for '--lang <language>'."))
        #expect(Language.allCases.allSatisfy { result.stderr.contains($0.rawValue) }, "\(result.stderr)")
    }

    @Test func snippetNeedsLangAndCheckExcludesLang() throws {
        #expect(try run(["--snippet", "token-request"]).status == 64)
        #expect(try run(["--check", "--lang", "php"]).status == 64)
    }

    @Test func listsLanguagesAndSnippets() throws {
        let result = try run(["--list"])
        #expect(
            result.stdout.hasPrefix(
                "languages: curl, python, javascript, php, ruby, go, java, swift\nsnippets:\n  token-request"))
    }

    @Test func helpShowsExamples() throws {
        let result = try run(["generate", "--help"])
        #expect(result.stdout.contains("gen --lang php"))
    }

    @Test func commandLineOverridesReachTheSamples() throws {
        let result = try run([
            "--lang", "python", "--snippet", "token-request", "--token-url", "http://127.0.0.1:8080/oauth/token",
        ])
        #expect(result.stdout.contains("TOKEN_URL = \"http://127.0.0.1:8080/oauth/token\""))
        let refused = try run(["--lang", "python", "--token-url", "http://example.com/token"])
        // A mistake on the command line is a usage error (64), named by its option.
        #expect(refused.status == 64)
        #expect(refused.stderr.hasPrefix("--token-url: error: \"http://example.com/token\" uses plain http"))
    }

    /// Model validation's refusals of a command-line value name the option, not the YAML key.
    @Test func aModelRefusalOfAnOptionNamesTheOptionAndIsAUsageError() throws {
        let timeout = try run(["--lang", "python", "--timeout", "0"])
        #expect(timeout.status == 64)
        #expect(timeout.stderr == "--timeout: error: must be more than 0 and at most 600, not 0\n")
        let same = try run(["--lang", "php", "--client-id-variable", "CLIENT_SECRET"])
        #expect(same.status == 64)
        #expect(
            same.stderr.hasPrefix(
                "--client-id-variable: error: the client ID and the client secret are both read from CLIENT_SECRET"))
    }

    /// `--scope ""` and `scope: ""` both mean no scope: the same samples as no scope at all.
    @Test func anEmptyScopeMeansNoScopeInTheFileAndOnTheCommandLine() throws {
        let arguments = ["--lang", "python", "--snippet", "token-request"]
        let defaults = try workspace(config: "token_request:\n  scope: read\n")
        let none = try run(arguments, in: try workspace(config: ""))
        let option = try run(arguments + ["--scope", ""], in: defaults)
        let file = try run(arguments, in: try workspace(config: "token_request:\n  scope: \"\"\n"))
        #expect(none.status == 0 && option.status == 0 && file.status == 0, "\(option.stderr)\(file.stderr)")
        #expect(option.stdout == none.stdout)
        #expect(file.stdout == none.stdout)
    }

    @Test func aGuideThatIsNotUTF8IsRefusedAndKept() throws {
        let bytes = Array("Intro\n\nPython code:\n".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let directory = try workspace(guide: bytes)
        let result = try run([], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr == "guide.md:4:1: error: the guide is not valid UTF-8 here; save it as UTF-8\n")
        #expect(try guide(in: directory) == Data(bytes))
    }

    @Test func aConfigErrorNamesTheLineAndWritesNothing() throws {
        let directory = try workspace(config: "languages: [python]\ntoken_request:\n  client_secret: hunter2\n")
        let before = try guide(in: directory)
        let result = try run([], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("gen.yml:3:3: error: \"client_secret\" looks like a secret value"))
        #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
        #expect(try guide(in: directory) == before)
    }

    @Test func aTemplateErrorNamesTheFileAndLine() throws {
        let directory = try workspace()
        let templates = "\(directory)/templates"
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Templates"), toPath: templates)
        // The token URL is used by the request both snippets include: an error in a partial is
        // named at the partial's own line.
        let broken = "\(templates)/php/_request.mustache"
        var text = try String(contentsOfFile: broken, encoding: .utf8)
        text = text.replacingOccurrences(of: "{{token_url}}", with: "{{token_ulr}}")
        try Data(text.utf8).write(to: URL(fileURLWithPath: broken))
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("{{token_ulr}}") }! + 1
        let result = try run(["--templates", templates], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "\(templates)/php/_request.mustache:\(line): error: {{token_ulr}} names a value the model does not provide; the values are listed in Templates/README.md\n"
        )
    }

    @Test func aReadOnlyFolderIsAClearErrorAndTheGuideSurvives() throws {
        let source = try workspace()
        let folder = try ReadOnlyFolder(copying: ["guide.md", "gen.yml"], from: source)
        defer { folder.remove() }
        let before = try guide(in: folder.path)
        let result = try run([], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("guide.md: error: cannot be written: no temporary file can be made in ."))
        #expect(result.stderr.hasSuffix("the guide is unchanged\n"))
        #expect(try guide(in: folder.path) == before)
    }

    @Test func aCrashBeforeTheRenameLeavesTheOriginal() throws {
        let directory = try workspace()
        let before = try guide(in: directory)
        let result = try run([], in: directory, environment: ["GEN_TEST_CRASH_BEFORE_RENAME": "1"])
        #expect(result.status != 0)
        #expect(try guide(in: directory) == before)
    }

    @Test func noConfigurationIsAClearError() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        let result = try run([], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: no gen.yml in . or docs-site/; run gen where the guide's gen.yml is, or pass --config PATH\n"
        )
    }
}

/// Failures while writing, and gen runs racing each other.
extension GenCommandTests {
    @Test(arguments: [
        ("{{#scope}}", "{{#scope}} is never closed; add {{/scope}}"),
        ("{{> php/_missing}}", "the partial \"php/_missing\" does not exist; this language has php/_request"),
        (
            "{{tokne_url}}",
            "{{tokne_url}} names a value the model does not provide; the values are listed in Templates/README.md"
        ),
    ])
    func aBrokenTemplateNamesItsLineAndNothingIsWritten(_ inserted: String, _ message: String) throws {
        let directory = try workspace()
        let before = try guide(in: directory)
        let templates = "\(directory)/templates"
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Templates"), toPath: templates)
        let file = "\(templates)/php/token-refresh.mustache"
        var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        lines.insert(inserted, at: 5)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        let result = try run(["--templates", templates], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr == "\(file):6: error: \(message)\n")
        #expect(try guide(in: directory) == before)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to mount a tmpfs; the read-only folder test covers other users"))
    func aFullDiskIsAClearErrorAndTheGuideSurvives() throws {
        let source = try workspace()
        let folder = try RepositoryPaths.scratchDirectory()
        try #require(try ProcessResult.run("mount", ["-t", "tmpfs", "-o", "size=32k", "tmpfs", folder]).status == 0)
        defer {
            _ = try? ProcessResult.run("umount", [folder])
            try? FileManager.default.removeItem(atPath: folder)
        }
        for name in ["guide.md", "gen.yml"] {
            try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(folder)/\(name)")
        }
        let before = try guide(in: folder)
        let result = try run([], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "guide.md: error: cannot be written: No space left on device; the guide is unchanged"),
            "\(result.stderr)")
        #expect(try guide(in: folder) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["gen.yml", "guide.md"],
            "no temporary file is left behind")
    }

    @Test func twoRunsAtOnceNeverLeaveAMixedFile() async throws {
        let directory = try workspace()
        let localConfig = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            .replacingOccurrences(
                of: "token_url: https://auth.example.com/oauth2/token",
                with: "token_url: http://127.0.0.1:9/oauth/token")
        try Data(localConfig.utf8).write(to: URL(fileURLWithPath: "\(directory)/local.yml"))
        // Two configurations give two different complete guides; whatever the interleaving,
        // the file must always be one of them.
        let first = try run(["--config", "gen.yml", "guide.md"], in: directory)
        try #require(first.status == 0)
        let guideA = try guide(in: directory)
        _ = try run(["--config", "local.yml", "guide.md"], in: directory)
        let guideB = try guide(in: directory)
        try #require(guideA != guideB)
        for _ in 0..<8 {
            async let a = Task.detached { try self.run(["--config", "gen.yml", "guide.md"], in: directory) }.value
            async let b = Task.detached { try self.run(["--config", "local.yml", "guide.md"], in: directory) }.value
            let (resultA, resultB) = try await (a, b)
            #expect(resultA.status == 0 && resultB.status == 0)
            let now = try guide(in: directory)
            #expect(now == guideA || now == guideB, "two runs at once left a mixed guide")
        }
    }

    @Test func manyGuidesInOneRun() throws {
        let directory = try workspace()
        let nested = "\(directory)/more/deeper"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        for name in ["a.md", "more/b.md", "more/deeper/c.md"] {
            try FileManager.default.copyItem(atPath: "\(directory)/guide.md", toPath: "\(directory)/\(name)")
        }
        let result = try run(["."], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasSuffix(
                "4 guides: 4 updated, 0 already up to date; complete programs written to samples/, ./more/samples/, ./more/deeper/samples/\n"
            ))
        let check = try run(["--check", "."], in: directory)
        #expect(check.stdout == "4 guides up to date\n")
        try Data("## Postman guide\n\nPython code:\n".utf8).write(to: URL(fileURLWithPath: "\(nested)/c.md"))
        let stale = try run(["--check", "."], in: directory)
        #expect(stale.status == 1)
        #expect(stale.stderr == "error: 1 of 4 guides out of date; run gen to regenerate them\n")
    }
}

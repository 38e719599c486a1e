import Foundation
import TestSupport
import Testing

/// `gen --check --format github`: the plain output, plus one GitHub Actions annotation per
/// problem, at the line a reviewer has to look at. Only gen issues workflow commands: a guide,
/// a file name or gen.yml cannot (`WorkflowCommandReader` reads every line of every test).
@Suite struct GitHubFormatTests {
    let commands = GenCommandTests()

    /// Runs gen and reads its output as the runner would; an injected command fails the test.
    func run(
        _ arguments: [String], in directory: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (ProcessResult, WorkflowCommandReader) {
        let result = try commands.run(arguments, in: directory)
        return (result, WorkflowCommandReader(result, sourceLocation: sourceLocation))
    }

    /// The unfilled guide with `lines` just before its first code section, inside the first hunk.
    func workspace(insertingBeforeTheFirstCodeSection lines: String) throws -> String {
        let unfilled = try String(
            contentsOfFile: RepositoryPaths.path("Tests/GuideFillingTests/Fixtures/guide.unfilled.md"), encoding: .utf8)
        let range = try #require(unfilled.range(of: "Python code:"))
        return try commands.workspace(
            guide: Array(unfilled.replacingCharacters(in: range, with: lines + "Python code:").utf8),
            config: GenCommandTests.configWithoutPrograms)
    }

    /// `text` as a double-quoted YAML scalar, any character escaped.
    static func yamlQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    // MARK: Annotations

    @Test func anOutOfDateGuideGetsOneAnnotationPerHunkOnTheGuidesOwnLines() throws {
        let directory = try commands.workspace()
        let (result, reader) = try run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr == "guide.md: error: out of date; run gen to regenerate it\n")
        let diff = try #require(reader.stoppedText.first)
        let hunks = diff.split(separator: "\n").filter { $0.hasPrefix("@@ -") }
        #expect(!hunks.isEmpty && reader.annotations.count == hunks.count)
        for (hunk, annotation) in zip(hunks, reader.annotations) {
            // "@@ -40,3 +40,90 @@": the guide as it is, lines 40 to 42.
            let old = hunk.dropFirst(4).prefix { $0 != " " }.split(separator: ",").compactMap { Int($0) }
            let end = old[0] + (old.count > 1 ? old[1] : 1) - 1
            #expect(
                annotation.line
                    == "::error file=guide.md,line=\(old[0]),endLine=\(max(old[0], end)),title=gen --check::out of date here; run gen to regenerate the guide"
            )
        }
        // The plain diff is still there, whole.
        #expect(diff.hasPrefix("--- guide.md\n+++ guide.md (regenerated)\n@@ -"))
    }

    @Test func aCurrentGuidePrintsNoAnnotation() throws {
        let (result, reader) = try run(["--check", "--format", "github"])
        #expect(result.status == 0)
        #expect(result.stdout == "docs-site/guide.md: up to date\n")
        #expect(reader.annotations.isEmpty && reader.tokens.isEmpty)
    }

    @Test func anEditedBlockIsAnnotatedWhereItsFenceIs() throws {
        let committed = try HandEditTests.committed
        let edited = HandEditTests.editing("php gen=token-refresh") { $0 + " // mine" }(committed)
        let directory = try commands.workspace(guide: Array(edited.utf8), programs: true)
        let line = try #require(HandEditTests.line(ofFence: "php gen=token-refresh", in: edited))
        let (result, reader) = try run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        #expect(
            reader.annotations.map(\.line) == [
                "::error file=guide.md,line=\(line),title=gen::the PHP sample was edited by hand; move the change into Templates/ or gen.yml, or run gen --force to replace it"
            ])
    }

    @Test func aConfigurationErrorIsAnnotatedAtItsLineAndColumnWithValuesEscaped() throws {
        let directory = try commands.workspace(config: "token_request:\n  scop: \"a,b:c%d\"\n")
        let (result, reader) = try run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        #expect(reader.annotations.count == 1)
        #expect(
            reader.annotations.first?.line.hasPrefix("::error file=gen.yml,line=2,col=3,title=gen::unknown key") == true
        )
        #expect(!result.stderr.contains("::"), "annotations go to stdout; stderr keeps the plain line")
    }

    @Test func aMessageAndAFileNameAreEscapedAsTheRunnerExpects() throws {
        let directory = try commands.workspace()
        try FileManager.default.createDirectory(atPath: directory + "/a,b:c%d", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: directory + "/guide.md", toPath: directory + "/a,b:c%d/guide.md")
        let (result, reader) = try run(["--check", "--format", "github", "a,b:c%d/guide.md"], in: directory)
        #expect(result.status == 1)
        let first = try #require(reader.annotations.first)
        #expect(first.line.hasPrefix("::error file=a%2Cb%3Ac%25d/guide.md,line="))
        #expect(first.properties["file"] == "a,b:c%d/guide.md")
    }

    /// A CRLF line and the hunk header after it are one Character in Swift: the hunks are
    /// found by bytes, each one annotated.
    @Test func aCRLFGuideGetsAnAnnotationForEveryHunk() throws {
        let crlf = try HandEditTests.committed.replacing("\n", with: "\r\n")
        let directory = try commands.workspace(
            guide: Array(crlf.utf8), config: "token_request:\n  token_url: https://other.example.com/token\n")
        let (result, reader) = try run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        let hunks = result.stdout.utf8.split(separator: 0x0A).filter { $0.starts(with: "@@ -".utf8) }
        #expect(hunks.count > 1 && reader.annotations.count == hunks.count)
    }

    @Test func aWrongFormatIsAUsageError() throws {
        let result = try commands.run(["--check", "--format", "gitlab"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("plain") && result.stderr.contains("github"))
    }

    // MARK: Only gen issues workflow commands

    static let guideLines = [
        "::stop-commands::pwned\n", "::add-mask::secret\n", "::set-output name=x::y\n",
        "::error file=guide.md,line=1::forged\n", "\t::warning::after a tab\n",
        "\u{A0}::notice::after a no-break space\n",
        "\u{3000}::error::after an ideographic space\n", "##[error]legacy form\n", "see ##[group]in the middle\n",
        "a\r::error::after a lone CR\n", "%0A::error::percent-escaped\n", "::ENDGROUP::\n", "::echo::on\n",
        "\u{FEFF}::error::after a byte order mark\n", "::stop-commands::a\n::error::x\n::a::\n",
    ]

    /// The guide's own lines come back as the diff's context: they print byte for byte, with
    /// commands stopped around them, and gen's annotations still count.
    @Test(arguments: guideLines)
    func aGuideLineThatReadsAsAWorkflowCommandPrintsWithCommandsStopped(_ lines: String) throws {
        let directory = try workspace(insertingBeforeTheFirstCodeSection: lines + "\n")
        let (result, reader) = try run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        let plain = try commands.run(["--check"], in: directory)
        #expect(reader.stoppedText == [plain.stdout], "the diff is the plain one, whole")
        #expect(plain.stdout.contains(try #require(lines.split(separator: "\n").last)))
        let hunks = plain.stdout.split(separator: "\n").filter { $0.hasPrefix("@@ -") }
        #expect(reader.annotations.count == hunks.count && !hunks.isEmpty)
    }

    @Test func theDiffBetweenTheMarkersIsOnePatchApplies() throws {
        let directory = try workspace(insertingBeforeTheFirstCodeSection: Self.guideLines.joined() + "\n")
        let (_, reader) = try run(["--check", "--format", "github"], in: directory)
        try Data(try #require(reader.stoppedText.first).utf8).write(to: URL(fileURLWithPath: directory + "/guide.diff"))
        let git = try ProcessResult.run("git", ["apply", "-p0", "--check", "guide.diff"], currentDirectory: directory)
        #expect(git.status == 0, "\(git.stderr)")
        let patch = try ProcessResult.run("patch", ["-p0", "--batch", "-i", "guide.diff"], currentDirectory: directory)
        #expect(patch.status == 0, "\(patch.stdout)\(patch.stderr)")
        #expect(try commands.run(["--check"], in: directory).status == 0, "the patched guide is the regenerated one")
    }

    @Test func theStopTokenIsNewOnEveryRunAndNotInTheGuide() throws {
        let directory = try workspace(insertingBeforeTheFirstCodeSection: "::stop-commands::0123456789abcdef\n\n")
        let (_, first) = try run(["--check", "--format", "github"], in: directory)
        let (_, second) = try run(["--check", "--format", "github"], in: directory)
        let tokens = first.tokens + second.tokens
        #expect(tokens.count == 2 && Set(tokens).count == 2)
        let guide = try String(decoding: commands.guide(in: directory), as: UTF8.self).lowercased()
        #expect(tokens.allSatisfy { !guide.contains($0) })
    }

    static let names = [
        "::error::x", "a\n::warning::after a line break", "c\r::notice::after a CR", "##[error]h",
        "%0A::error::percent",
        " ::error::after a space", "\t::error::after a tab", "\u{2028}::error::after a line separator",
        "e\u{1B}[31mred", "q\"uote\\back",
    ]

    /// A guide's file name reaches the diff's header, the annotation's file, stderr's lines and
    /// the summary: it issues no command in any of them, and the annotation names the file.
    @Test(arguments: names)
    func aGuideNamedLikeAWorkflowCommandIssuesNone(_ name: String) throws {
        let directory = try commands.workspace()
        let docs = directory + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory + "/guide.md", toPath: "\(docs)/\(name).md")
        // Checked in a batch: the name is in the diff's header and the annotation.
        let (check, reader) = try run(["--check", "--format", "github", "docs"], in: directory)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(reader.annotations.first?.properties["file"] == "docs/\(name).md")
        #expect(reader.tokens.count == 1)
        // Filled: the name starts stdout's line.
        let (filled, _) = try run(["--format", "github", "docs"], in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(filled.stdout.split(separator: "\n").count == 2, "\(filled.stdout.debugDescription)")
        // Edited by hand in a batch: the name starts stderr's diagnostic.
        let edited = HandEditTests.editing("php gen=token-refresh") { $0 + " // mine" }(try HandEditTests.committed)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: "\(docs)/\(name).md"))
        try Data(edited.utf8).write(to: URL(fileURLWithPath: "\(docs)/other.md"))
        let (refused, _) = try run(["--check", "--format", "github", "docs"], in: directory)
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n").count == 3, "\(refused.stderr.debugDescription)")
        // The guide gen.yml names (or refuses, for a control character): the name starts stderr's line.
        let config = try String(contentsOfFile: directory + "/gen.yml", encoding: .utf8)
        try config.replacing("guide: guide.md\n", with: "guide: \(Self.yamlQuoted("docs/\(name).md"))\n").write(
            toFile: directory + "/gen.yml", atomically: true, encoding: .utf8)
        try commands.guide(in: directory).write(to: URL(fileURLWithPath: "\(docs)/\(name).md"))
        let (named, _) = try run(["--check", "--format", "github"], in: directory)
        #expect(named.status == 1)
        #expect(named.stderr.split(separator: "\n").count == 1, "\(named.stderr.debugDescription)")
    }

    @Test func aGuideNameWithALineBreakIsQuotedInThePlainDiffAsGitQuotesIt() throws {
        let directory = try commands.workspace(config: GenCommandTests.configWithoutPrograms)
        try FileManager.default.moveItem(atPath: directory + "/guide.md", toPath: directory + "/a\nb.md")
        let result = try commands.run(["--check", "a\nb.md"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("--- \"a\\nb.md\"\n+++ \"a\\nb.md\" (regenerated)\n@@ -"))
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/guide.diff"))
        let git = try ProcessResult.run("git", ["apply", "-p0", "--check", "guide.diff"], currentDirectory: directory)
        #expect(git.status == 0, "\(git.stderr)")
        let patch = try ProcessResult.run("patch", ["-p0", "--batch", "-i", "guide.diff"], currentDirectory: directory)
        #expect(patch.status == 0, "\(patch.stdout)\(patch.stderr)")
        #expect(try commands.run(["--check", "a\nb.md"], in: directory).status == 0)
        // Stderr names it on one line, in the plain format too.
        let edited = HandEditTests.editing("php gen=token-refresh") { $0 + " // mine" }(try HandEditTests.committed)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: directory + "/a\nb.md"))
        let refused = try commands.run(["--check", "a\nb.md"], in: directory)
        #expect(refused.stderr.hasPrefix("a\\nb.md:"), "\(refused.stderr)")
    }

    static let configurations = [
        "token_request:\n  \"a\\n::error::x\": 1\n", "\"##[error]k\\r::warning::y\": 1\n",
        "languages: [python, \"a\\n::error::l\"]\n", "groups:\n  Postman guide: \"##[error]s\"\n",
        "token_request:\n  client_id_variable: \"A\\r::error::v\"\n",
        "token_request:\n  token_url: \"https://a.example/\\n::add-mask::u\"\n", "templates: \"t\\n::error::x\"\n",
        "guide: \"\\u2028::error::g.md\"\n", "openapi: \" ::error::o.yaml\"\n",
    ]

    /// A gen.yml key or value quoted by a diagnostic: one line in either format, no command in
    /// github's, and the annotation's message is one line too.
    @Test(arguments: configurations)
    func aGenYmlKeyOrValueIssuesNoCommand(_ configuration: String) throws {
        let directory = try commands.workspace(config: configuration)
        let (result, reader) = try run(["--check", "--format", "github"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr.debugDescription)")
        #expect(reader.annotations.count == 1)
        let plain = try commands.run(["--check"], in: directory)
        #expect(plain.stderr == result.stderr, "stderr is the same in both formats")
    }

    /// A gen.yml value reaches the samples: `--lang` prints them with commands stopped.
    @Test func samplesPrintWithCommandsStopped() throws {
        let directory = try commands.workspace(
            config:
                "token_request:\n  extra_parameters: {\"##[error]k\": \"v\\n::error::x\"}\n  scope: \" ::add-mask::s\"\n"
        )
        let (result, reader) = try run(["--lang", "python", "--format", "github"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let plain = try commands.run(["--lang", "python"], in: directory)
        #expect(reader.stoppedText == [plain.stdout])
        #expect(!plain.stdout.contains("::stop-commands::"))
    }

    /// A template's text is quoted by its errors.
    @Test(arguments: ["{{##[error]x}}", "{{> ::error::x}}", "{{#a}}##[error]{{/b}}"])
    func aTemplateIssuesNoCommand(_ body: String) throws {
        let directory = try commands.workspace()
        let templates = directory + "/templates"
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Templates"), toPath: templates)
        try "{{% CONTENT_TYPE: TEXT }}\n\(body)\n".write(
            toFile: templates + "/python/token-request.mustache", atomically: true, encoding: .utf8)
        let (result, reader) = try run(["--check", "--format", "github", "--templates", "templates"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("templates/python/token-request.mustache:2:"), "\(result.stderr)")
        #expect(reader.annotations.count == 1)
    }

    /// The plain format prints an ordinary run as it always has: no marker, no escape.
    @Test func thePlainFormatIsTheGitHubOneWithoutMarkersOrAnnotations() throws {
        let directory = try commands.workspace()
        let plain = try commands.run(["--check"], in: directory)
        let (github, reader) = try run(["--check", "--format", "github"], in: directory)
        let token = try #require(reader.tokens.first)
        #expect(
            github.stdout
                == "::stop-commands::\(token)\n\(plain.stdout)::\(token)::\n"
                + reader.annotations.map { $0.line + "\n" }.joined())
        #expect(plain.stdout.hasPrefix("--- guide.md\n+++ guide.md (regenerated)\n@@ -"))
        #expect(!plain.stdout.contains("::stop-commands::") && plain.stderr == github.stderr)
        let filled = try commands.run([], in: directory)
        #expect(filled.stdout.hasPrefix("guide.md: 15 samples in 2 groups (token-request × 8 under \"Postman guide\""))
    }
}

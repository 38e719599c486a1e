import Foundation
import TestSupport
import Testing

/// The repository's `.pre-commit-hooks.yaml`, run by pre-commit itself (`pre-commit try-repo`)
/// in a scratch repository holding a guide, its gen.yml and a copy of the templates.
@Suite struct PreCommitHookTests {
    let commands = GenCommandTests()

    /// A git repository with the committed guide, a gen.yml that names a copy of `Templates/`.
    func repository() throws -> String {
        let config =
            try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            + "\ntemplates: Templates\n"
        let directory = try commands.workspace(
            guide: Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path("docs-site/guide.md")))),
            config: config, programs: true)
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Templates"), toPath: directory + "/Templates")
        for arguments in [["init", "-q"], ["add", "."]] {
            let git = try ProcessResult.run("/usr/bin/git", arguments, currentDirectory: directory)
            try #require(git.status == 0, "\(git.stderr)")
        }
        return directory
    }

    /// `pre-commit try-repo <this repository> gen-check --all-files`, with the built gen on PATH.
    func tryRepo(in directory: String) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = RepositoryPaths.productsDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PRE_COMMIT_HOME"] = directory + "/.pre-commit-home"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "t"
        environment["GIT_AUTHOR_EMAIL"] = "t@example.com"
        environment["GIT_COMMITTER_NAME"] = "t"
        environment["GIT_COMMITTER_EMAIL"] = "t@example.com"
        let preCommit = try #require(
            Self.onPath("pre-commit")
                ?? ["/usr/local/bin/pre-commit", "/usr/bin/pre-commit", NSHomeDirectory() + "/.local/bin/pre-commit"]
                .first(where: FileManager.default.isExecutableFile(atPath:)),
            "pre-commit is not installed; run scripts/install-deps --tests")
        return try ProcessResult.run(
            preCommit, ["try-repo", RepositoryPaths.root, "gen-check", "--all-files"], environment: environment,
            currentDirectory: directory)
    }

    static func onPath(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first(where: FileManager.default.isExecutableFile(atPath:))
    }

    @Test func theHookPassesWhenTheGuideIsCurrent() throws {
        let result = try tryRepo(in: try repository())
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("generated samples are current (gen --check)") && result.stdout.contains("Passed"))
    }

    @Test func theHookFailsWithTheDiffWhenATemplateChanged() throws {
        let directory = try repository()
        let template = directory + "/Templates/python/token-request.concise.mustache"
        let text = try String(contentsOfFile: template, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "(RFC 6749 §4.4)", with: "(RFC 6749, section 4.4)").utf8)
            .write(to: URL(fileURLWithPath: template))
        let result = try tryRepo(in: directory)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Failed"))
        #expect(
            result.stdout.contains(
                "+# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749, section 4.4)."))
        #expect(result.stdout.contains("guide.md: error: out of date; run gen to regenerate it"))
    }
}

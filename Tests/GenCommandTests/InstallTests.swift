import Foundation
import TestSupport
import Testing

/// `make install` into a scratch prefix, as a packager runs it: the installed gen works from any
/// folder, its man page renders, its bash completion completes, and `make uninstall` removes
/// exactly what was installed.
@Suite(.serialized) struct InstallTests {
    let commands = GenCommandTests()

    /// Builds in a folder of its own: `swift test` holds `.build` while it runs.
    static let buildPath = RepositoryPaths.root + "/.build-install-test"

    /// A clean build each time: Swift 6.3.1's incremental builds can link a crashing binary after a
    /// public struct gains a stored property, and an installed gen must be what a clean clone builds.
    func cleanBuildFolder() throws {
        if FileManager.default.fileExists(atPath: Self.buildPath) {
            try FileManager.default.removeItem(atPath: Self.buildPath)
        }
    }

    func make(_ target: String, prefix: String) throws -> ProcessResult {
        try ProcessResult.run(
            "/usr/bin/make", ["-s", target, "PREFIX=\(prefix)", "BUILD_PATH=\(Self.buildPath)"],
            currentDirectory: RepositoryPaths.root, timeout: 900)
    }

    static let installed = [
        "bin/gen", "share/man/man1/gen.1", "share/bash-completion/completions/gen", "share/zsh/site-functions/_gen",
        "share/fish/vendor_completions.d/gen.fish",
    ]

    @Test func installsARunnableGenItsManPageAndCompletionsAndUninstallsExactlyThem() throws {
        let prefix = try RepositoryPaths.scratchDirectory() + "/prefix with space"
        // Someone else's file in the same prefix: uninstall must leave it.
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: prefix + "/bin/other-tool"))

        try cleanBuildFolder()
        let install = try make("install", prefix: prefix)
        try #require(install.status == 0, "\(install.stdout)\(install.stderr)")
        for file in Self.installed {
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file) is not installed")
        }

        // The installed gen, run from another folder, has its templates built in.
        let workspace = try commands.workspace(
            guide: Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path("docs-site/guide.md")))))
        let check = try ProcessResult.run(prefix + "/bin/gen", ["--check"], currentDirectory: workspace)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "guide.md: up to date\n")

        // man renders the page.
        let man = try ProcessResult.run(
            "/usr/bin/man", ["-l", prefix + "/share/man/man1/gen.1"],
            environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100", "PATH": "/usr/bin:/bin"],
            currentDirectory: workspace)
        #expect(man.status == 0, "\(man.stderr)")
        #expect(man.stdout.contains("GEN(1)") && man.stdout.contains("--check") && man.stdout.contains("--lang"))

        // bash completes --lang with the languages, for both commands that take it.
        for (words, expected) in [
            (["gen", "generate", "--lang", "p"], "python php"), (["gen", "export", "--lang", "j"], "javascript java"),
            (["gen", "generate", "--format", ""], "plain github"),
        ] {
            let script = """
                source "$1"
                COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
                COMP_CWORD=\(words.count - 1)
                COMP_LINE="${COMP_WORDS[*]}"
                COMP_POINT=${#COMP_LINE}
                _gen gen "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                echo "${COMPREPLY[*]}"
                """
            let bash = try ProcessResult.run(
                "/bin/bash", ["-c", script, "bash", prefix + "/share/bash-completion/completions/gen"],
                environment: ["PATH": prefix + "/bin:/usr/bin:/bin"], currentDirectory: workspace)
            #expect(bash.stdout == expected + "\n", "\(words): \(bash.stdout)\(bash.stderr)")
        }

        let uninstall = try make("uninstall", prefix: prefix)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for file in Self.installed {
            #expect(!FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file) is left behind")
        }
        #expect(FileManager.default.fileExists(atPath: prefix + "/bin/other-tool"))
    }
}

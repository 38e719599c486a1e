import Foundation
import TestSupport
import Testing

/// `make install` into a scratch prefix, as a packager runs it (the release build `make test`
/// made, installed by `make install-built`, the same commands): the installed gen works from any
/// folder, its man page renders, its bash completion completes, and `make uninstall` removes
/// exactly what was installed.
@Suite(.serialized) struct InstallTests {
    let commands = GenCommandTests()

    /// What `make test` built before `swift test` (`make install-pages`: the release gen, its man
    /// page and completions); a build here would wait on the `.build` folder `swift test` holds.
    static let buildPath = ProcessInfo.processInfo.environment["BUILD_PATH"] ?? RepositoryPaths.root + "/.build"

    /// The release gen, refused when a source or template is newer: the test installs what a
    /// user's `make install` would, never a stale build.
    func requireCurrentReleaseBuild() throws {
        let gen = Self.buildPath + "/release/gen"
        let manual = Self.buildPath + "/install-pages/gen.1"
        let hint = "run `make install-pages` (make test does) before swift test"
        let built = try #require(
            try? FileManager.default.attributesOfItem(atPath: manual)[.modificationDate] as? Date,
            "no release build at \(Self.buildPath); \(hint)")
        let binary = try #require(
            try? FileManager.default.attributesOfItem(atPath: gen)[.modificationDate] as? Date,
            "no release gen at \(gen); \(hint)")
        let oldest = min(built, binary)
        for folder in ["Sources", "Templates"] {
            let root = RepositoryPaths.path(folder)
            for case let file as String in FileManager.default.enumerator(atPath: root) ?? .init() {
                let changed = try FileManager.default.attributesOfItem(atPath: root + "/" + file)[.modificationDate]
                if let changed = changed as? Date, changed > oldest {
                    try #require(Bool(false), "\(folder)/\(file) changed after the release build; \(hint)")
                }
            }
        }
    }

    func make(_ target: String, prefix: String) throws -> ProcessResult {
        try ProcessResult.run(
            "/usr/bin/make", ["-s", target, "PREFIX=\(prefix)", "BUILD_PATH=\(Self.buildPath)"],
            currentDirectory: RepositoryPaths.root, timeout: 120)
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

        try requireCurrentReleaseBuild()
        let install = try make("install-built", prefix: prefix)
        try #require(install.status == 0, "\(install.stdout)\(install.stderr)")
        for file in Self.installed {
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file) is not installed")
        }

        // The installed gen, run from another folder, has its templates built in.
        let workspace = try commands.workspace(
            guide: Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path("docs-site/guide.md")))),
            programs: true)
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

/// `make install` and `make uninstall` refuse a PREFIX and DESTDIR that would make them write or
/// remove /bin/gen — an empty PREFIX (`PREFIX="$PREFIX"` with the variable unset), a relative one,
/// one that names / however spelt — while make reads the Makefile, so nothing is built, written
/// or removed. None of these tests builds: a refusal comes before the first command.
@Suite struct InstallPrefixTests {
    static let makefile = RepositoryPaths.path("Makefile")

    /// `make [-n] target DESTDIR=… PREFIX=…` run in `folder`, with the repository's Makefile.
    func make(
        _ target: String, destdir: String = "", prefix: String, dryRun: Bool = true, in folder: String
    ) throws -> ProcessResult {
        try ProcessResult.run(
            "/usr/bin/make",
            (dryRun ? ["-n"] : []) + ["-s", "-f", Self.makefile, target, "DESTDIR=\(destdir)", "PREFIX=\(prefix)"],
            currentDirectory: folder, timeout: 60)
    }

    /// Each spelling of / (alone or as DESTDIR and PREFIX together), for both targets: refused
    /// with the reason, and `make -n` prints no command (it would print every one it would run).
    @Test(arguments: [
        ("", "", "PREFIX is empty"), ("/", "", "PREFIX is empty"), ("", "/", "is the root folder /"),
        ("", "//", "is the root folder /"), ("", "/.", "is the root folder /"), ("", "/./", "is the root folder /"),
        ("/", "/", "is the root folder /"), ("//", "/.", "is the root folder /"),
        ("", "/usr/..", "is the root folder /"),
        ("", "/usr/local/../..", "is the root folder /"), ("", "/../..", "is the root folder /"),
        ("/.", "/", "is the root folder /"),
    ])
    func aPrefixThatIsTheRootFolderIsRefusedBeforeAnyCommand(_ destdir: String, _ prefix: String, _ reason: String)
        throws
    {
        let folder = try RepositoryPaths.scratchDirectory()
        for target in ["install", "install-built", "uninstall"] {
            let result = try make(target, destdir: destdir, prefix: prefix, in: folder)
            #expect(result.status != 0, "\(target) DESTDIR=\(destdir) PREFIX=\(prefix) was accepted")
            #expect(result.stdout.isEmpty, "\(target) would run: \(result.stdout)")
            #expect(result.stderr.contains(reason), "\(result.stderr)")
            #expect(result.stderr.contains("make \(target) would use /bin/gen"), "\(result.stderr)")
        }
    }

    /// A link to / is the root folder too.
    @Test func aPrefixThatLinksToTheRootFolderIsRefused() throws {
        let folder = try RepositoryPaths.scratchDirectory()
        try FileManager.default.createSymbolicLink(atPath: folder + "/root", withDestinationPath: "/")
        for prefix in [folder + "/root", folder + "/root/", folder + "/root/usr/.."] {
            let result = try make("uninstall", prefix: prefix, in: folder)
            #expect(result.status != 0 && result.stderr.contains("is the root folder /"), "\(prefix): \(result.stderr)")
        }
    }

    /// Relative paths, run for real in a scratch folder holding the files uninstall would remove
    /// there: refused, the files kept, and install builds nothing (no build folder appears). Only
    /// relative paths run for real: were the check broken, they could reach nothing outside it.
    @Test(arguments: [
        ("", "usr", "PREFIX=\"usr\" is not an absolute path"),
        ("", "./usr", "PREFIX=\"./usr\" is not an absolute path"),
        ("", "usr/local", "PREFIX=\"usr/local\" is not an absolute path"),
        ("", "usr/..", "PREFIX=\"usr/..\" is not an absolute path"),
        ("", "~/usr", "PREFIX=\"~/usr\" is not an absolute path"),
        ("stage", "/usr", "DESTDIR=\"stage\" is not an absolute path"),
        ("./stage", "/usr", "DESTDIR=\"./stage\" is not an absolute path"),
    ])
    func aRelativePrefixOrDestdirIsRefusedAndNothingIsRemovedOrBuilt(
        _ destdir: String, _ prefix: String, _ message: String
    ) throws {
        let folder = try RepositoryPaths.scratchDirectory()
        let planted = "\(folder)/\(destdir)/\(prefix)/bin/gen"
        try FileManager.default.createDirectory(
            atPath: (planted as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("someone's gen\n".utf8).write(to: URL(fileURLWithPath: planted))
        let before = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
        for target in ["uninstall", "install-built", "install"] {
            let result = try make(target, destdir: destdir, prefix: prefix, dryRun: false, in: folder)
            #expect(result.status != 0, "\(target) DESTDIR=\(destdir) PREFIX=\(prefix) was accepted")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(result.stdout)")
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder).sorted() == before)
    }

    /// Characters the install commands' double quotes cannot hold would run as shell syntax.
    @Test(arguments: ["/tmp/a\"b", "/tmp/a`true`b", "/tmp/a$$(true)b", "/tmp/a\\b"])
    func aPrefixTheCommandsCannotQuoteIsRefused(_ prefix: String) throws {
        let folder = try RepositoryPaths.scratchDirectory()
        for target in ["install", "install-built", "uninstall"] {
            let result = try make(target, prefix: prefix, in: folder)
            #expect(result.status != 0 && result.stderr.contains("cannot quote"), "\(prefix): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    /// The check refuses only those: a prefix of its own, with spaces or a quote, and a staging
    /// DESTDIR with PREFIX=/ (a package that installs into /bin on its target) are accepted.
    @Test(arguments: [
        ("", "/usr/local", "/usr/local/bin/gen"), ("", "/opt/my tools/gen's", "/opt/my tools/gen's/bin/gen"),
        ("/tmp/stage", "/usr", "/tmp/stage/usr/bin/gen"), ("/tmp/stage", "/", "/tmp/stage//bin/gen"),
        ("", "/usr/local/", "/usr/local//bin/gen"),
    ])
    func aPrefixOfItsOwnIsAccepted(_ destdir: String, _ prefix: String, _ installed: String) throws {
        let folder = try RepositoryPaths.scratchDirectory()
        let install = try make("install", destdir: destdir, prefix: prefix, in: folder)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("\"\(installed)\""), "\(install.stdout)")
        let uninstall = try make("uninstall", destdir: destdir, prefix: prefix, in: folder)
        #expect(uninstall.status == 0 && uninstall.stdout.contains("rm -f \"\(installed)\""), "\(uninstall.stdout)")
    }
}

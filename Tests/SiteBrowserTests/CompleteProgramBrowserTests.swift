import Foundation
import TestSupport
import Testing

/// The complete programs `gen site` puts under each concise sample (issue 19), in headless
/// Chromium: on the guide written in labels, in MkDocs tabs, and with one group that links to no
/// program (`complete_program: none`). Each program opens from a click and from the keyboard,
/// copies and downloads exactly what `gen export` writes, and `#complete-<language>-<snippet>`
/// opens it on its tab; screenshots under .build/test-output/site.
@Suite struct CompleteProgramBrowserTests {
    /// `guide` and `config` in a folder of their own with the site's assets, published by the
    /// built gen; returns the site's folder.
    static func site(guide: String, config: String, in scratch: String, name: String) throws -> String {
        let folder = "\(scratch)/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(guide.utf8).write(to: URL(fileURLWithPath: "\(folder)/guide.md"))
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/gen.yml"))
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("docs-site/assets"), toPath: "\(folder)/assets")
        let build = try ProcessResult.run(
            RepositoryPaths.productsDirectory + "/gen",
            [
                "site", "--config", "\(folder)/gen.yml", "--templates", TemplateDirectory.path, "--out",
                "\(folder)/_site",
            ])
        try #require(build.status == 0, "\(name): \(build.stderr)")
        return "\(folder)/_site"
    }

    @Test func eachConciseSampleOpensCopiesAndDownloadsItsCompleteProgramInARealBrowser() throws {
        for tool in ["chromium", "chromedriver"] { _ = try Interpreters.require(tool) }
        let scratch = try RepositoryPaths.scratchDirectory()
        let config = try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
        let labels = try String(contentsOfFile: RepositoryPaths.path("docs-site/guide.md"), encoding: .utf8)
        let tabs = try String(contentsOfFile: RepositoryPaths.path("docs-site/mkdocs/docs/index.md"), encoding: .utf8)
        let unlinked = config.replacing(
            "\n  Postman guide: token-request\n",
            with: "\n  Postman guide: {snippet: token-request, complete_program: none}\n")
        try #require(unlinked != config, "docs-site/gen.yml maps Postman guide to token-request")

        // What every program on the pages must equal: the complete programs as gen export writes them.
        let programs = "\(scratch)/programs"
        let export = try ProcessResult.run(
            RepositoryPaths.productsDirectory + "/gen",
            [
                "export", "--config", RepositoryPaths.path("docs-site/gen.yml"), "--templates", TemplateDirectory.path,
                "--out", programs,
            ])
        try #require(export.status == 0, "\(export.stderr)")

        let sites = [
            "labels=" + (try Self.site(guide: labels, config: config, in: scratch, name: "labels")),
            "tabs=" + (try Self.site(guide: tabs, config: config, in: scratch, name: "tabs")),
            // Only the second set (token-refresh) links to its programs.
            "unlinked=" + (try Self.site(guide: labels, config: unlinked, in: scratch, name: "unlinked")) + ":2",
        ]
        let output = RepositoryPaths.path(".build/test-output/site")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let result = try ProcessResult.run(
            try Interpreters.require("python3"),
            [RepositoryPaths.path("Tests/Execution/Browser/complete_program_browser_test.py"), output, programs]
                + sites, timeout: 300)
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("not ok") {
            Issue.record(Comment(rawValue: String(line)))
        }
        // 15 programs on each linked page, 7 on the other, ~10 checks each.
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok") }.count >= 300)
    }
}

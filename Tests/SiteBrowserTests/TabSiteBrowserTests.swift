import Foundation
import TestSupport
import Testing

/// `gen site` on guides written in tabs (`docs-site/mkdocs`, `docs-site/sphinx`, and the MkDocs
/// guide with tabs of a writer's own: an "Output" tab, text tabs in a list item, a tab set in a
/// block quote), checked in headless Chromium: the same tabs as a label group's, each Copy button
/// copying exactly its golden concise sample, a tab of text shown as text; screenshots under
/// .build/test-output/site.
@Suite struct TabSiteBrowserTests {
    /// What the writers' guide adds to the MkDocs guide.
    static let outputTab = """
        === "Output"

            The script prints:

            ```text
            Got a Bearer token that expires in 3600 seconds.
            ```

            > Never print the client secret.


        """

    static let platformNotes = """

        ## Platform notes

        1. A step with tabs:

            === "Linux"

                Run `make`.

            === "macOS"

                Run `xcodebuild`.

        > A quote with tabs:
        >
        > === "Ruby"
        >
        >     ```ruby
        >     puts 1
        >     ```
        >
        > === "Output"
        >
        >     Prints 1.

        """

    /// Builds the page of `guide` with the built gen; returns its folder.
    static func site(_ guide: String, in scratch: String, name: String) throws -> String {
        let folder = "\(scratch)/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(guide.utf8).write(to: URL(fileURLWithPath: "\(folder)/guide.md"))
        try FileManager.default.copyItem(
            atPath: RepositoryPaths.path("docs-site/gen.yml"), toPath: "\(folder)/gen.yml")
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

    @Test func tabFormGuidesAreTabsInARealBrowser() throws {
        for tool in ["chromium", "chromedriver"] { _ = try Interpreters.require(tool) }
        let scratch = try RepositoryPaths.scratchDirectory()
        let mkdocs = try String(contentsOfFile: RepositoryPaths.path("docs-site/mkdocs/docs/index.md"), encoding: .utf8)
        let sphinx = try String(contentsOfFile: RepositoryPaths.path("docs-site/sphinx/index.md"), encoding: .utf8)
        let secondGroup = try #require(mkdocs.range(of: "## Handling Access Token Expiration"))
        let writers =
            String(mkdocs[..<secondGroup.lowerBound]) + Self.outputTab + String(mkdocs[secondGroup.lowerBound...])
            + Self.platformNotes
        let sites = [
            ("mkdocs", try Self.site(mkdocs, in: scratch, name: "mkdocs")),
            ("sphinx", try Self.site(sphinx, in: scratch, name: "sphinx")),
            ("writers", try Self.site(writers, in: scratch, name: "writers")),
        ]
        let output = RepositoryPaths.path(".build/test-output/site")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let result = try ProcessResult.run(
            try Interpreters.require("python3"),
            [
                RepositoryPaths.path("Tests/Execution/Browser/tab_site_browser_test.py"), output,
                RepositoryPaths.path("Tests/GuideFillingTests/Golden"),
            ] + sites.map { "\($0.0)=\($0.1)" }, timeout: 300)
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("not ok") {
            Issue.record(Comment(rawValue: String(line)))
        }
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok") }.count >= 60)
    }
}

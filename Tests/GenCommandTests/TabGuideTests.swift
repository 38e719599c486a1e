import Foundation
import TestSupport
import Testing

/// The committed copies of the guide in MkDocs and MyST tab markup: kept current by gen, and
/// protected from lost hand edits like the label form.
@Suite struct TabGuideTests {
    let commands = GenCommandTests()

    @Test func theCommittedTabGuidesAreCurrent() throws {
        let result = try commands.run(["--check", "docs-site/mkdocs", "docs-site/sphinx"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "2 guides up to date\n")
    }

    @Test(arguments: ["mkdocs/docs/index.md", "sphinx/index.md"])
    func anEditInATabIsRefusedAndNamed(_ guide: String) throws {
        let text = try String(contentsOfFile: RepositoryPaths.path("docs-site/\(guide)"), encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "def fetch_token(", with: "def fetch_token_mine(")
        #expect(edited != text)
        let directory = try commands.workspace(guide: Array(edited.utf8))
        let result = try commands.run(["--check"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the Python sample was edited by hand"), "\(result.stderr)")
        #expect(try commands.run(["--force"], in: directory).status == 0)
        #expect(try String(contentsOfFile: directory + "/guide.md", encoding: .utf8) == text)
    }
}

import Foundation
import TestSupport
import Testing

/// The complete programs `gen site` serves for download (issue 19): written into the site's own
/// `programs/<language>/<file>` from the run, exactly as `gen export` writes them, and nowhere
/// else, whatever address a link line in the guide was edited to.
@Suite struct SiteProgramFilesTests {
    static let gen = RepositoryPaths.productsDirectory + "/gen"

    /// Every regular file under `root` (relative path → bytes), but those under `skipping`.
    static func files(under root: String, skipping: Set<String> = []) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = walker.nextObject() as? String {
            if skipping.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) {
                walker.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(relative)", isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(relative)"))
            }
        }
        return files
    }

    /// Addresses a writer (or an attacker with commit access) might put in a link line.
    static let hostile = [
        "../outside/a.py", "%2e%2e/%2e%2e/outside/b.py", "..%2F..%2Foutside%2Fc.py", "samples/../../outside/d.py",
        "%252e%252e/outside/e.py", "/tmp/outside-samplegen/f.py",
    ]

    @Test func gensSiteWritesTheProgramsOnlyIntoItsOwnFolderWhateverTheLinkLinesSay() throws {
        let scratch = try RepositoryPaths.scratchDirectory()
        let folder = "\(scratch)/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["gen.yml", "guide.md"] {
            try FileManager.default.copyItem(
                atPath: RepositoryPaths.path("docs-site/\(name)"), toPath: "\(folder)/\(name)")
        }
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("docs-site/assets"), toPath: "\(folder)/assets")
        let config = ["--config", "\(folder)/gen.yml", "--templates", TemplateDirectory.path]
        // gen fills the guide (its link lines and its samples/ folder), then the lines are edited.
        let fill = try ProcessResult.run(Self.gen, config)
        try #require(fill.status == 0, "\(fill.stderr)")
        var guide = try String(contentsOfFile: "\(folder)/guide.md", encoding: .utf8)
        let links = guide.matches(of: /\]\(samples\/[a-z]+\/[A-Za-z_.-]+\)/)
        try #require(links.count == 15, "gen wrote a link line under each of the 15 samples")
        for (index, link) in links.enumerated().reversed() {
            guide.replaceSubrange(link.range, with: "](\(Self.hostile[index % Self.hostile.count]))")
        }
        try Data(guide.utf8).write(to: URL(fileURLWithPath: "\(folder)/guide.md"))
        let exported = "\(try RepositoryPaths.scratchDirectory())/export"
        let export = try ProcessResult.run(Self.gen, ["export", "--out", exported] + config)
        try #require(export.status == 0, "\(export.stderr)")

        let before = try Self.files(under: scratch, skipping: ["docs/_site"])
        for command in ["site", "confluence"] {
            let result = try ProcessResult.run(Self.gen, [command, "--out", "\(folder)/_site"] + config)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try Self.files(under: scratch, skipping: ["docs/_site"]) == before, "nothing but _site/ is written")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/outside-samplegen"))

        // The site's programs are the exported complete programs, file for file, and the folder
        // gen wrote beside the guide (its README says where the concise forms are: in the guide).
        let programs = try Self.files(under: "\(folder)/_site/programs").filter { !$0.key.hasSuffix(".gen-output") }
        let beside = try Self.files(under: "\(folder)/samples").filter { !$0.key.hasSuffix(".gen-output") }
        let complete = try Self.files(under: exported).filter {
            !$0.key.contains("/concise/") && !$0.key.hasSuffix(".gen-output")
        }
        #expect(programs == beside)
        #expect(programs.keys.sorted() == complete.keys.sorted())
        for (path, bytes) in complete where !path.hasSuffix("/README.md") {
            #expect(programs[path] == bytes, "programs/\(path)")
        }

        let page = try String(contentsOfFile: "\(folder)/_site/index.html", encoding: .utf8)
        let downloads = page.matches(of: /href="([^"]*)" download="/).map { String($0.output.1) }
        #expect(downloads.count == 15)
        #expect(downloads.allSatisfy { $0.wholeMatch(of: /programs\/[a-z]+\/[A-Za-z_.-]+/) != nil }, "\(downloads)")
        let xml = try String(contentsOfFile: "\(folder)/_site/guide.confluence.xml", encoding: .utf8)
        for output in [page, xml] {
            let lowered = output.lowercased()
            #expect(!lowered.contains("outside") && !lowered.contains("%2e") && !lowered.contains("%2f"))
        }
    }
}

import ArgumentParser
import Foundation
import GuideDocument
import GuidePublishing

/// `gen site`: the guide as a web page with language tabs.
struct Site: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Render the guide as a web page with language tabs, into _site/ beside gen.yml.",
        discussion: """
            Writes _site/index.html and copies the site's own assets (assets/site.css and \
            assets/site.js beside gen.yml). When Debian's libjs-highlight.js is installed, its \
            highlighter is copied too; without it the page works, unhighlighted. Nothing is \
            fetched at build or view time. Under each concise sample the page holds its complete \
            program, to open, copy or download from _site/programs/<language>/<file>, which gen \
            writes from the same run (never from the guide's link line).

            Preview: python3 -m http.server -d docs-site/_site 8000, then open http://127.0.0.1:8000/
            """)

    @OptionGroup var options: ConfigurationOptions

    @OptionGroup var folder: SiteFolderOptions

    @Flag(
        help: "Build the page again whenever the guide, gen.yml, a template or the site's assets change, until Ctrl-C.")
    var watch = false

    /// Where Debian's libjs-highlight.js installs the highlighter.
    static let highlighterDirectory = "/usr/share/javascript/highlight.js"

    func run() throws {
        if watch {
            var sources = WatchedSources(options: options, guides: [])
            sources.site = WatchedSources.Site(out: folder.out)
            WatchLoop(watched: sources.watched) { () throws(GenFailure) in
                try build(prefix: WatchLoop.time() + " ")
            }.run()
        }
        try GenFailure.reported { () throws(GenFailure) in try build() }
    }

    /// Renders the page and writes the folder; prints one line, after `prefix`.
    private func build(prefix: String = "") throws(GenFailure) {
        let guide = try PublishedGuide.load(options, out: folder.out)
        let assets = guide.assetsDirectory
        let highlighter = [
            ("\(Self.highlighterDirectory)/highlight.min.js", SitePage.highlighterScript),
            ("\(Self.highlighterDirectory)/styles/github.css", SitePage.highlighterStylesheet),
        ]
        let hasHighlighter = highlighter.allSatisfy { FileManager.default.isReadableFile(atPath: $0.0) }
        let html = try guide.render { document throws(GuideError) in
            try SitePage(linksHighlighter: hasHighlighter, programs: guide.programs).render(document)
        }
        var files = [
            (SitePage.stylesheet, try Workspace.readBytes("\(assets)/site.css")),
            (SitePage.script, try Workspace.readBytes("\(assets)/site.js")),
        ]
        if hasHighlighter {
            for (source, target) in highlighter { files.append((target, try Workspace.readBytes(source))) }
        }
        files.append(("index.html", Array(html.utf8)))
        try OutputFolder.checkReplaceable(guide.siteDirectory, force: folder.force)
        // A folder made here is removed if a signal stops gen before the site is in place.
        defer { PendingFiles.shared.keepFolders() }
        try Workspace.createDirectory("\(guide.siteDirectory)/assets")
        try OutputFolder.mark(guide.siteDirectory)
        // The programs' folder is replaced whole, so a language no longer published leaves none behind.
        let programs = guide.programs.siteFiles
        let programFolder = "\(guide.siteDirectory)/\(LinkedPrograms.siteFolder)"
        if !programs.isEmpty || FileManager.default.fileExists(atPath: programFolder) {
            try Workspace.writeFolder(programFolder, files: programs)
        }
        for (name, bytes) in files { try AtomicFile.write("\(guide.siteDirectory)/\(name)", bytes) }
        print(
            prefix + "\(guide.siteDirectory)/index.html: written"
                + (hasHighlighter ? "" : " (no syntax highlighting: install libjs-highlight.js)"))
    }
}

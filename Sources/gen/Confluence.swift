import ArgumentParser
import Foundation
import GuideDocument
import GuidePublishing

/// `gen confluence`: the guide in Confluence storage format.
struct Confluence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confluence",
        abstract: "Write the guide in Confluence storage format to _site/guide.confluence.xml.",
        discussion: """
            Each sample becomes a code macro with its language; block quotes become warning \
            panels; a tab set (MkDocs content tabs, a MyST tab set) becomes its tabs in turn, a \
            code tab as a code macro titled with the tab's title, any other tab as a panel so \
            titled. Under a concise sample, an expand macro titled "Complete program" holds its \
            complete program (gen's link line is left out: the page has no folder of programs). \
            Send the file as the page body with Confluence's REST API (see the README).
            """)

    @OptionGroup var options: ConfigurationOptions

    @OptionGroup var folder: SiteFolderOptions

    static let fileName = "guide.confluence.xml"

    func run() throws {
        try GenFailure.reported { () throws(GenFailure) in
            let guide = try PublishedGuide.load(options, out: folder.out)
            let xml = try guide.render { document throws(GuideError) in
                try ConfluencePage(programs: guide.programs).render(document)
            }
            try OutputFolder.checkReplaceable(guide.siteDirectory, force: folder.force)
            // A folder made here is removed if a signal stops gen before the page is in place.
            defer { PendingFiles.shared.keepFolders() }
            try Workspace.createDirectory(guide.siteDirectory)
            try OutputFolder.mark(guide.siteDirectory)
            let path = "\(guide.siteDirectory)/\(Self.fileName)"
            try AtomicFile.write(path, Array(xml.utf8))
            print("\(path): written")
        }
    }
}

import ArgumentParser
import Generator
import SampleModel

@main
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Fill an API guide's empty code sections with generated OAuth 2.0 client samples.",
        discussion: """
            gen reads gen.yml (in . or docs-site/), renders a token-request and a token-refresh \
            sample per language from one client model, and splices them into the guide's \
            "<Language> code:" sections. Every other byte of the guide stays as it was.

            Examples:
              gen                      Fill the guide named by gen.yml.
              gen --check              Exit 1 with a diff if the guide is out of date.
              gen --lang php           Print both PHP samples.
              gen export --out DIR     Write each language's samples as a runnable folder.
              gen init guide.md        Write a gen.yml for your own guide (then run gen).

            This is \(GenVersion.line).
            """,
        version: GenVersion.line,
        subcommands: [Generate.self, Init.self, Export.self, Site.self, Confluence.self, Version.self],
        defaultSubcommand: Generate.self)

    /// Signals are set up before anything else runs, so an interrupted write leaves no
    /// temporary file behind (`PendingFiles`). The built-in templates are parsed meanwhile, on
    /// another thread, while the arguments are read.
    static func main() {
        PendingFiles.installSignalHandling()
        TemplateSource.prepareBundledTemplates()
        main(nil)
    }
}

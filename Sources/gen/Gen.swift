import ArgumentParser

@main
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Fill an API guide's empty code sections with generated OAuth 2.0 client samples.",
        discussion: """
            gen reads gen.yml (in . or docs-site/), renders a token-request and a token-refresh \
            sample per language from one client model, and splices them into the guide's \
            "<Language> code:" sections. Every other byte of the guide stays as it was.
            """,
        subcommands: [Generate.self, Export.self],
        defaultSubcommand: Generate.self)
}

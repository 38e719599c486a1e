import ArgumentParser
import Generator
import SampleModel

/// `gen init`: a commented gen.yml for a guide, written beside it, so that `gen` fills it next.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a gen.yml for a guide: its languages, a snippet per heading, and every default.",
        discussion: """
            gen init reads the guide (labels such as "Python code:", MkDocs content tabs, MyST tab \
            sets), finds its code sections and the headings above them, and writes a commented \
            gen.yml beside it: the guide, the languages found (the others commented out), the \
            snippet each heading most likely needs (with how it was guessed), and every other key \
            with its default. It never replaces a gen.yml. Without a guide it takes the one *.md \
            file of the current folder.

            Examples:
              gen init                 The only *.md file here.
              gen init guide.md        Writes gen.yml; then gen fills guide.md.
              gen init docs/guide.md   Writes docs/gen.yml; then gen docs/guide.md fills it.
            """)

    @Argument(
        help: ArgumentHelp(
            "The guide, or a folder holding one *.md file (default: the one *.md file here).", valueName: "guide"))
    var guide: String?

    func validate() throws {
        try PathArgument.check(guide, "the guide's path")
    }

    func run() throws {
        try GenFailure.reported { () throws(GenFailure) in
            let plan: InitPlan
            do throws(Diagnostic) {
                plan = try InitPlan(guide: guide)
            } catch {
                throw GenFailure(error)
            }
            guard try NewFile.create(plan.configPath, Array(plan.draft.text.utf8)) else {
                // Taken since it was checked: say what is there now.
                do throws(Diagnostic) {
                    try InitPlan.requireNoConfiguration(at: plan.configPath)
                } catch {
                    throw GenFailure(error)
                }
                throw GenFailure.file(
                    plan.configPath, "already exists; gen init writes a gen.yml only where there is none")
            }
            report(plan)
        }
    }

    private func report(_ plan: InitPlan) {
        let draft = plan.draft
        let languages = draft.languages.map(\.rawValue).joined(separator: ", ")
        guard !draft.headings.isEmpty else {
            say("\(plan.configPath): written for \(plan.guidePath), with every language (\(languages)) and no groups")
            GenFailure.print(
                Diagnostic.warning(
                    "no code sections found; under a heading, add a paragraph that is only \"Python code:\" (or MkDocs or MyST language tabs), then map the heading under groups: in \(plan.configPath)",
                    at: Diagnostic.Location(path: plan.guidePath)
                ).description)
            return
        }
        say(
            "\(plan.configPath): written for \(plan.guidePath): \(FillSummary.count(draft.headings.count, "heading")), languages \(languages)"
        )
        for heading in draft.headings {
            let name = heading.key.isEmpty ? "before the first heading" : "\"\(GroupCoverage.shortened(heading.key))\""
            let line = heading.groups[0].line
            if let problem = heading.problem {
                GenFailure.print(
                    Diagnostic.warning(problem, at: Diagnostic.Location(path: plan.guidePath, line: line)).description)
                continue
            }
            say("  \(name) (line \(line)): \(heading.guess.snippet.rawValue) (\(heading.guess.reason))")
        }
        say("next: check the snippet of each heading under groups: in \(plan.configPath), then run \(plan.fillCommand)")
    }

    private func say(_ line: String) {
        print(PrintedLine.escaped(line))
    }
}

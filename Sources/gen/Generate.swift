import ArgumentParser
import Foundation
import Generator
import GuideFilling
import SampleModel
import SampleRendering

/// `gen`: regenerate the guide, check it, or print samples.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Regenerate the guide's samples (the default command).",
        discussion: """
            Examples:
              gen                                  Fill the guide named by gen.yml.
              gen --check                          Exit 1 with a diff if the guide is out of date.
              gen --force                          Fill the guide, replacing samples edited by hand.
              gen --check --format github          The same check, with GitHub Actions annotations.
              gen docs/guides                      Fill every *.md under docs/guides, each with its gen.yml.
              gen --lang php                       Print both PHP samples, as the guide shows them.
              gen --lang swift --snippet token-refresh --complete
                                                   Print Swift's complete token manager.
              gen --list                           List languages and snippets.
              gen --token-url https://id.example.com/token --scope "read write"
            """)

    @OptionGroup var options: ConfigurationOptions

    @Flag(help: "Write nothing; exit 1 with a unified diff when the guide is out of date, 0 when it is current.")
    var check = false

    @Option(help: ArgumentHelp("Print this language's samples instead of filling the guide.", valueName: "language"))
    var lang: Language?

    @Option(help: ArgumentHelp("With --lang, print only this snippet.", valueName: "snippet"))
    var snippet: Snippet?

    @Flag(
        help:
            "With --lang, print the complete program (retries, backoff, outage handling) instead of the concise form the guide shows."
    )
    var complete = false

    @Flag(help: "List the languages and snippets.")
    var list = false

    @Flag(help: "Replace generated samples that were edited by hand (by default gen refuses and names them).")
    var force = false

    @Option(
        help: ArgumentHelp(
            "plain, or github to add GitHub Actions annotations (::error file=…,line=…::) for CI logs.",
            valueName: "format"))
    var format: ReportFormat = .plain

    @Flag(help: "Fill again whenever the guide, gen.yml or a template changes, until Ctrl-C.")
    var watch = false

    @Argument(
        help: ArgumentHelp(
            "Guides, or folders searched for *.md guides, each filled with the gen.yml beside it or above it (default: the guide gen.yml names).",
            valueName: "guide-or-folder"))
    var guides: [String] = []

    func validate() throws {
        if complete, lang == nil {
            throw ValidationError("--complete needs --lang, e.g. --lang python --complete")
        }
        if let snippet, lang == nil {
            throw ValidationError("--snippet needs --lang, e.g. --lang python --snippet \(snippet.rawValue)")
        }
        if !guides.isEmpty, lang != nil || list {
            throw ValidationError("guide paths fill guides; they cannot be combined with --lang or --list")
        }
        if check, lang != nil || list {
            throw ValidationError("--check checks the guide; it cannot be combined with --lang or --list")
        }
        if watch, check || lang != nil || list {
            throw ValidationError(
                "--watch fills the guide on every change; it cannot be combined with --check, --lang or --list")
        }
        if force, check || lang != nil || list {
            throw ValidationError(
                "--force replaces samples edited by hand while filling; it cannot be combined with --check, --lang or --list"
            )
        }
        for guide in guides { try PathArgument.check(guide, "a guide path") }
    }

    func run() throws {
        if watch {
            let sources = WatchedSources(options: options, guides: guides)
            WatchLoop(watched: sources.watched) { () throws(GenFailure) in
                try regenerate(timed: true)
            }.run()
        }
        try GenFailure.reported { () throws(GenFailure) in
            do throws(GenFailure) {
                if list {
                    printList()
                } else if let lang {
                    try printSamples(lang)
                } else {
                    try regenerate()
                }
            } catch {
                if let diagnostic = error.diagnostic { annotate([GitHubAnnotation(diagnostic)]) }
                throw error
            }
        }
    }

    /// With `--format github`, prints `annotations` as workflow commands on stdout.
    private func annotate(_ annotations: [GitHubAnnotation]) {
        guard format == .github else { return }
        for annotation in annotations { print(annotation.command) }
    }

    /// Prints one of gen's lines on stdout; what it quotes is escaped (`PrintedLine`).
    private func say(_ line: String) {
        print(PrintedLine.escaped(line))
    }

    /// Prints text gen did not write (a diff, samples) on stdout as it is; with `--format github`,
    /// with workflow commands stopped around it (`StoppedCommands`).
    private func show(_ text: String) {
        print(format == .github ? StoppedCommands.wrapping(text) : text, terminator: "")
    }

    private func printList() {
        say("languages: " + Language.allCases.map(\.rawValue).joined(separator: ", "))
        say("snippets:")
        for snippet in Snippet.allCases {
            say("  \(snippet.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))\(snippet.summary)")
        }
    }

    private func printSamples(_ language: Language) throws(GenFailure) {
        if let snippet, !language.offers(snippet) {
            let offered = language.snippets.map(\.rawValue).joined(separator: ", ")
            throw GenFailure(
                "\(language.rawValue) has no \(snippet.rawValue) sample; it offers \(offered)")
        }
        var pipeline = try options.pipeline(requireFile: false, languages: [language])
        let snippets = snippet.map { [$0] } ?? language.snippets
        let samples: [RenderedSample]
        do {
            samples = try pipeline.samples(snippets, in: language, form: complete ? .complete : .concise)
        } catch {
            throw GenFailure(error)
        }
        show(samples.map(\.fileText).joined(separator: "\n"))
    }

    /// Fills the guides; `timed` (for `--watch`) starts each line with the time.
    private func regenerate(timed: Bool = false) throws(GenFailure) {
        guard !guides.isEmpty else { return try regenerateConfiguredGuide(timed: timed) }
        var request = try options.request()
        request.replacingHandEdits = force
        let batch: BatchPlan
        do {
            batch = try BatchPlan(guides: guides, request: request)
        } catch {
            throw GenFailure(error)
        }
        let outcomes = BatchRun(batch: batch, check: check).run()
        try report(outcomes, paths: batch.jobs.map(\.guidePath), prefix: timed ? WatchLoop.time() + " " : "")
    }

    /// The unified diff of each complete program that is out of date, with its annotation.
    private func showDifferences(_ differences: [ProgramFolder.Difference]) {
        for difference in differences {
            let diff = UnifiedDiff.make(old: difference.old, new: difference.new, path: difference.path)
            show(diff)
            annotate(GitHubAnnotation.outOfDate(path: difference.path, diff: diff))
        }
    }

    /// All or nothing: when any guide fails, every failure is printed and no guide is written;
    /// otherwise every changed guide is renamed into place and named.
    private func report(_ outcomes: [BatchRun.Outcome], paths: [String], prefix: String = "") throws(GenFailure) {
        let count = paths.count
        var failures: [GenFailure] = []
        var prepared: [(file: PreparedFile, read: GuideAsRead)] = []
        var changed = 0
        for (outcome, path) in zip(outcomes, paths) {
            if let warning = outcome.warning {
                GenFailure.print(warning.description)
                annotate([GitHubAnnotation(warning)])
            }
            switch outcome.result {
            case .current: break
            case .prepared(let file, let read): prepared.append((file, read))
            case .outOfDate(let diff):
                changed += 1
                show(diff)
                annotate(GitHubAnnotation.outOfDate(path: path, diff: diff))
            case .editedByHand(let errors, let diff):
                if !diff.isEmpty { changed += 1 }
                show(diff)
                annotate(GitHubAnnotation.outOfDate(path: path, diff: diff) + errors.map(GitHubAnnotation.init))
                failures.append(GenFailure(errors))
            case .failed(let failure):
                annotate(failure.diagnostic.map { [GitHubAnnotation($0)] } ?? [])
                failures.append(failure)
            }
        }
        // Each folder of complete programs once, however many guides link to it.
        var programs: [CompletePrograms] = []
        for outcome in outcomes {
            if let folder = outcome.programs, !programs.contains(where: { $0.directory == folder.directory }) {
                programs.append(folder)
            }
        }
        if check {
            for folder in programs {
                let differences = ProgramFolder.differences(folder)
                if !differences.isEmpty {
                    changed += 1
                    showDifferences(differences)
                }
            }
        } else if failures.isEmpty {
            do throws(GenFailure) {
                for folder in programs { try ProgramFolder.checkWritable(folder) }
            } catch {
                failures.append(error)
            }
        }
        let guides = FillSummary.count(count, "guide")
        guard failures.isEmpty else {
            for (file, _) in prepared { file.discard() }
            if failures.count == 1, count == 1 { throw failures[0] }
            for failure in failures { failure.lines.forEach(GenFailure.print) }
            let outOfDate = changed > 0 ? "; \(changed) out of date" : ""
            throw GenFailure(
                .error(
                    check
                        ? "\(failures.count) of \(guides) failed the check\(outOfDate)"
                        : "\(failures.count) of \(guides) cannot be filled; no guide was written"))
        }
        if check {
            if changed > 0 { throw GenFailure("\(changed) of \(guides) out of date; run gen to regenerate them") }
            say(count == 1 ? "1 guide up to date" : "\(guides) up to date")
            return
        }
        // The programs first: a guide never links to a program that is not there yet.
        for folder in programs where try ProgramFolder.write(folder) {
            say("\(prefix)\(folder.directory): complete programs written")
        }
        for (index, (file, read)) in prepared.enumerated() {
            do throws(GenFailure) {
                try read.replace(with: file)
            } catch {
                for rest in prepared[(index + 1)...] { rest.file.discard() }
                let written =
                    index == 0
                    ? "no guide was written"
                    : "the \(FillSummary.count(index, "guide")) listed above \(index == 1 ? "was" : "were") written, the others are unchanged"
                throw GenFailure("\(error.description) (\(written))")
            }
            say("\(prefix)\(file.path): updated")
        }
        say("\(prefix)\(guides): \(prepared.count) updated, \(count - prepared.count) already up to date")
    }

    private func regenerateConfiguredGuide(timed: Bool = false) throws(GenFailure) {
        let prefix = timed ? WatchLoop.time() + " " : ""
        var pipeline = try options.pipeline(requireFile: true)
        pipeline.replacingHandEdits = force
        // A guide another program is writing is not read (nor, below, replaced) until it is closed.
        let reading = try GuideAsRead.start(pipeline.guidePath, refusingWriters: !check)
        let plan: GuidePlan
        do {
            plan = try pipeline.fillGuide()
        } catch {
            throw GenFailure(error)
        }
        let read = reading.read(plan)
        let path = plan.path
        // A block edited by hand: nothing is written over it, in a check or a run. The check
        // still shows the diff of everything else.
        if !plan.handEdits.isEmpty {
            if check, !plan.isCurrent {
                let diff = UnifiedDiff.make(old: plan.original, new: plan.filled.bytes, path: path)
                show(diff)
                annotate(GitHubAnnotation.outOfDate(path: path, diff: diff))
            }
            annotate(plan.handEdits.dropLast().map(GitHubAnnotation.init))
            for edit in plan.handEdits.dropLast() { GenFailure.print(edit.description) }
            throw GenFailure(plan.handEdits.last!)
        }
        if check {
            let programs = plan.programs.map(ProgramFolder.differences) ?? []
            guard plan.isCurrent, programs.isEmpty else {
                if !plan.isCurrent {
                    let diff = UnifiedDiff.make(old: plan.original, new: plan.filled.bytes, path: path)
                    show(diff)
                    annotate(GitHubAnnotation.outOfDate(path: path, diff: diff))
                }
                showDifferences(programs)
                let what = plan.isCurrent ? "its complete programs are" : "it is"
                throw GenFailure("\(path): \(what) out of date; run gen to regenerate them")
            }
            if let failure = plan.coverage.checkFailure { throw GenFailure(failure) }
            say("\(path): up to date")
            return
        }
        if let warning = plan.coverage.warning {
            GenFailure.print(warning.description)
            annotate([GitHubAnnotation(warning)])
        }
        if let programs = plan.programs {
            try ProgramFolder.checkWritable(programs)
        }
        if !plan.isCurrent {
            let file = try AtomicFile.prepare(path, plan.filled.bytes, mustExist: true)
            // The programs first: the guide never links to a program that is not there yet.
            if let programs = plan.programs, try ProgramFolder.write(programs) {
                say(prefix + "\(programs.directory): complete programs written")
            }
            try read.replace(with: file)
            say(prefix + FillSummary.line(plan.filled, path: path) + ", updated")
        } else {
            if let programs = plan.programs, try ProgramFolder.write(programs) {
                say(prefix + "\(programs.directory): complete programs written")
            }
            say(prefix + FillSummary.line(plan.filled, path: path) + ", already up to date")
        }
    }
}

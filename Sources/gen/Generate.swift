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
                if !error.isAnnotated { annotate(error.diagnostics.map(GitHubAnnotation.init)) }
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
                .error(
                    "\(language.rawValue) has no \(snippet.rawValue) sample; it offers \(offered)",
                    at: .option("--snippet")))
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

    /// Fills the guides — the one gen.yml names, or those named on the command line — as one
    /// batch, reported by `report`; `timed` (for `--watch`) starts each line with the time.
    private func regenerate(timed: Bool = false) throws(GenFailure) {
        var request = options.request()
        request.replacingHandEdits = force
        let batch: BatchPlan
        do {
            batch =
                guides.isEmpty
                ? try BatchPlan(configuredGuideOf: request) : try BatchPlan(guides: guides, request: request)
        } catch {
            throw GenFailure(error)
        }
        for note in batch.notes { GenFailure.print(note.description) }
        let outcomes = BatchRun(batch: batch, check: check).run()
        try report(
            outcomes, paths: batch.jobs.map(\.guidePath), prefix: timed ? WatchLoop.time() + " " : "",
            named: guides.isEmpty)
    }

    /// The unified diffs of the complete programs that are out of date, shown as one text (one
    /// stretch of stopped workflow commands), each with its annotation.
    private func showDifferences(_ differences: [ProgramFolder.Difference]) {
        var diffs = ""
        for difference in differences {
            let diff = UnifiedDiff.make(old: difference.old, new: difference.new, path: difference.path)
            diffs += diff
            annotate(GitHubAnnotation.outOfDate(path: difference.path, diff: diff))
        }
        show(diffs)
    }

    /// All or nothing: when any guide fails, every failure is printed and no guide is written;
    /// otherwise every changed guide is renamed into place and named. `named`: the one guide
    /// gen.yml names, reported by its own lines (what was filled where) rather than a count.
    private func report(_ outcomes: [BatchRun.Outcome], paths: [String], prefix: String, named: Bool)
        throws(GenFailure)
    {
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
                var failure = GenFailure(errors)
                failure.isAnnotated = true
                failures.append(failure)
            case .failed(var failure):
                annotate(failure.diagnostics.map(GitHubAnnotation.init))
                failure.isAnnotated = true
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
        // A check shows the programs' diffs once the guides are current: an out-of-date guide is
        // what a reviewer reads, and the run that fixes it rewrites its programs too.
        var programsOutOfDate: [String] = []
        if check, changed == 0 {
            let differences = programs.flatMap(ProgramFolder.differences)
            programsOutOfDate = programs.map(\.directory).filter { directory in
                differences.contains { $0.path.hasPrefix(directory + "/") }
            }
            if !differences.isEmpty { showDifferences(differences) }
        } else if !check, failures.isEmpty {
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
            // Each out-of-date guide has its annotation (with its diff) already.
            if named, changed > 0, let path = paths.first {
                throw GenFailure(
                    .error("out of date; run gen to regenerate it", at: Diagnostic.Location(path: path)),
                    annotated: true)
            }
            if changed > 0 {
                throw GenFailure(
                    .error("\(changed) of \(guides) out of date; run gen to regenerate them"), annotated: true)
            }
            if !programsOutOfDate.isEmpty {
                let folders = programsOutOfDate.map { $0 + "/" }.joined(separator: ", ")
                throw GenFailure(
                    .error("the complete programs in \(folders) are out of date; run gen to regenerate them"))
            }
            say(named ? "\(paths.first ?? ""): up to date" : count == 1 ? "1 guide up to date" : "\(guides) up to date")
            return
        }
        // The programs first: a guide never links to a program that is not there yet.
        var written: [String] = []
        // A programs folder made here is removed if a signal stops gen before the guides are in place.
        defer { PendingFiles.shared.keepFolders() }
        for folder in programs where try ProgramFolder.write(folder) { written.append(folder.directory + "/") }
        let programsNote = written.isEmpty ? "" : "; complete programs written to " + written.joined(separator: ", ")
        for (index, (file, read)) in prepared.enumerated() {
            do throws(GenFailure) {
                try read.replace(with: file)
            } catch {
                for rest in prepared[(index + 1)...] { rest.file.discard() }
                if named { throw error }  // the one guide: its own error says it all
                let written =
                    index == 0
                    ? "no guide was written"
                    : "the \(FillSummary.count(index, "guide")) listed above \(index == 1 ? "was" : "were") written, the others are unchanged"
                throw GenFailure(
                    error.diagnostics.map { diagnostic in
                        var diagnostic = diagnostic
                        diagnostic.message += " (\(written))"
                        return diagnostic
                    })
            }
            if !named { say("\(prefix)\(file.path): updated") }
        }
        if named {
            for outcome in outcomes {
                let state = if case .prepared = outcome.result { "updated" } else { "already up to date" }
                say(prefix + (outcome.summary ?? "") + ", " + state + programsNote)
            }
            return
        }
        say(
            "\(prefix)\(guides): \(prepared.count) updated, \(count - prepared.count) already up to date\(programsNote)"
        )
    }
}

import ArgumentParser
import Foundation
import GenConfig
import GuideFilling
import SampleModel
import SampleRendering

/// `gen`: regenerate the guide, check it, or print samples.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the guide's samples (the default command).",
        discussion: """
            Examples:
              gen                                  Fill the guide named by gen.yml.
              gen --check                          Exit 1 with a diff if the guide is out of date.
              gen docs/guides                      Fill every *.md under docs/guides, each with its gen.yml.
              gen --lang php                       Print both PHP samples.
              gen --lang swift --snippet token-refresh
              gen --list                           List languages and snippets.
              gen --token-url https://id.example.com/token --scope "read write"
            """)

    @OptionGroup var options: ConfigurationOptions

    @Flag(help: "Write nothing; exit 1 with a unified diff when the guide is out of date, 0 when it is current.")
    var check = false

    @Option(help: ArgumentHelp("Print this language's samples instead of filling the guide.", valueName: "language"))
    var lang: String?

    @Option(help: ArgumentHelp("With --lang, print only this snippet.", valueName: "snippet"))
    var snippet: String?

    @Flag(help: "List the languages and snippets.")
    var list = false

    @Argument(help: ArgumentHelp(
        "Guides, or folders searched for *.md guides, each filled with the gen.yml beside it or above it (default: the guide gen.yml names).",
        valueName: "guide-or-folder"))
    var guides: [String] = []

    func validate() throws {
        if let lang, Language(name: lang) == nil {
            throw ValidationError("unknown language \"\(lang)\"; use one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let snippet {
            guard lang != nil else { throw ValidationError("--snippet needs --lang, e.g. --lang python --snippet \(snippet)") }
            guard Snippet(rawValue: snippet) != nil else {
                throw ValidationError("unknown snippet \"\(snippet)\"; use \(Snippet.allCases.map(\.rawValue).joined(separator: " or "))")
            }
        }
        if !guides.isEmpty, lang != nil || list {
            throw ValidationError("guide paths fill guides; they cannot be combined with --lang or --list")
        }
        if check, lang != nil || list {
            throw ValidationError("--check checks the guide; it cannot be combined with --lang or --list")
        }
        for guide in guides { try PathArgument.check(guide, "a guide path") }
    }

    func run() throws {
        try GenFailure.reported { () throws(GenFailure) in
            if list {
                printList()
            } else if let lang, let language = Language(name: lang) {
                try printSamples(language)
            } else {
                try regenerate()
            }
        }
    }

    private func printList() {
        print("languages: " + Language.allCases.map(\.rawValue).joined(separator: ", "))
        print("snippets:")
        for snippet in Snippet.allCases {
            print("  \(snippet.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))\(snippet.summary)")
        }
    }

    private func printSamples(_ language: Language) throws(GenFailure) {
        let (configuration, configPath) = try options.load(requireFile: false)
        let templates = try Workspace.loadTemplates(options.templatesDirectory(for: configuration, configPath: configPath),
                                                    languages: [language])
        var filler = GuideFiller(renderer: SampleRenderer(templates: templates))
        let snippets = snippet.flatMap(Snippet.init(rawValue:)).map { [$0] } ?? Snippet.allCases
        var output: [String] = []
        for snippet in snippets {
            do {
                output.append(try filler.sample(snippet, in: language, model: configuration.model).fileText)
            } catch {
                throw GenFailure(error)
            }
        }
        print(output.joined(separator: "\n"), terminator: "")
    }

    private func regenerate() throws(GenFailure) {
        guard !guides.isEmpty else { return try regenerateConfiguredGuide() }
        let batch = try GuideBatch(paths: guides, explicitConfig: options.configPath)
        var configurations: [String: GenConfiguration] = [:]
        var fillers: [String: GuideFiller] = [:]
        var prepared: Set<String> = []
        var work: [BatchRun.Work] = []
        for job in batch.jobs {
            let configuration: GenConfiguration
            if let known = configurations[job.configPath] {
                configuration = known
            } else {
                configuration = try options.load(configPath: job.configPath)
                configurations[job.configPath] = configuration
            }
            // One template set, and so one rendering of each sample, per template folder.
            let templatesKey = options.templatesDirectory(for: configuration, configPath: job.configPath) ?? ""
            // Samples are rendered once per configuration and template folder, before the workers start.
            if prepared.insert("\(job.configPath)\n\(templatesKey)").inserted {
                var filler: GuideFiller
                if let known = fillers[templatesKey] {
                    filler = known
                } else {
                    filler = GuideFiller(renderer: SampleRenderer(templates: try Workspace.loadTemplates(
                        templatesKey.isEmpty ? nil : templatesKey, languages: configuration.languages)))
                }
                do throws(FillError) {
                    try filler.renderSamples(for: configuration)
                } catch {
                    throw GenFailure(error, path: job.configPath)
                }
                fillers[templatesKey] = filler
            }
            work.append(BatchRun.Work(guidePath: job.guidePath, configuration: configuration, templatesKey: templatesKey))
        }
        let outcomes = BatchRun(work: work, fillers: fillers, check: check).run()
        try report(outcomes, count: batch.jobs.count)
    }

    /// All or nothing: when any guide fails, every failure is printed and no guide is written;
    /// otherwise every changed guide is renamed into place and named.
    private func report(_ outcomes: [BatchRun.Outcome], count: Int) throws(GenFailure) {
        var failures: [GenFailure] = []
        var prepared: [PreparedFile] = []
        var changed = 0
        for outcome in outcomes {
            if let warning = outcome.warning { printError(warning) }
            switch outcome.result {
            case .current: break
            case .prepared(let file): prepared.append(file)
            case .outOfDate(let diff):
                changed += 1
                print(diff, terminator: "")
            case .failed(let failure): failures.append(failure)
            }
        }
        let guides = FillSummary.count(count, "guide")
        guard failures.isEmpty else {
            for file in prepared { file.discard() }
            if failures.count == 1, count == 1 { throw failures[0] }
            for failure in failures { printError(failure.description) }
            let outOfDate = changed > 0 ? "; \(changed) out of date" : ""
            throw GenFailure(check ? "error: \(failures.count) of \(guides) failed the check\(outOfDate)"
                                   : "error: \(failures.count) of \(guides) cannot be filled; no guide was written")
        }
        if check {
            if changed > 0 { throw GenFailure("\(changed) of \(guides) out of date; run gen to regenerate them") }
            print(count == 1 ? "1 guide up to date" : "\(guides) up to date")
            return
        }
        for (index, file) in prepared.enumerated() {
            do throws(GenFailure) {
                try file.commit()
            } catch {
                for rest in prepared[(index + 1)...] { rest.discard() }
                let written = index == 0 ? "no guide was written"
                    : "the \(FillSummary.count(index, "guide")) listed above \(index == 1 ? "was" : "were") written, the others are unchanged"
                throw GenFailure("\(error.description) (\(written))")
            }
            print("\(file.path): updated")
        }
        print("\(guides): \(prepared.count) updated, \(count - prepared.count) already up to date")
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func regenerateConfiguredGuide() throws(GenFailure) {
        let (configuration, configPath) = try options.load(requireFile: true)
        let templates = try Workspace.loadTemplates(options.templatesDirectory(for: configuration, configPath: configPath),
                                                    languages: configuration.languages)
        let guidePath = Workspace.resolve(configuration.guidePath, relativeTo: configPath!)
        let original = try Workspace.readBytes(guidePath)
        var filler = GuideFiller(renderer: SampleRenderer(templates: templates))
        let filled: FilledGuide
        do {
            filled = try filler.fill(original, configuration: configuration)
        } catch {
            throw GenFailure(error, path: guidePath)
        }
        let coverage = GroupCoverage(filled: filled, configuration: configuration, path: guidePath)
        if check {
            guard filled.bytes == original else {
                print(UnifiedDiff.make(old: original, new: filled.bytes, path: guidePath), terminator: "")
                throw GenFailure("\(guidePath): out of date; run gen to regenerate it")
            }
            if let failure = coverage.checkFailure { throw failure }
            print("\(guidePath): up to date")
            return
        }
        if let warning = coverage.warning { printError(warning) }
        if filled.bytes != original {
            try AtomicFile.replace(guidePath, with: filled.bytes)
            print(FillSummary.line(filled, path: guidePath) + ", updated")
        } else {
            print(FillSummary.line(filled, path: guidePath) + ", already up to date")
        }
    }
}

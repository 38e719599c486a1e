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
        let templates = try Workspace.loadTemplates(options.templatesDirectory(for: configuration, configPath: configPath))
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
                    filler = GuideFiller(renderer: SampleRenderer(templates: try Workspace.loadTemplates(templatesKey.isEmpty ? nil : templatesKey)))
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
        var changed = 0
        for outcome in outcomes {
            switch outcome {
            case .current: break
            case .updated(let path):
                changed += 1
                print("\(path): updated")
            case .outOfDate(let diff):
                changed += 1
                print(diff, terminator: "")
            case .failed(let failure):
                throw failure
            }
        }
        let count = batch.jobs.count
        if check, changed > 0 {
            throw GenFailure("\(changed) of \(count) guides out of date; run gen to regenerate them")
        }
        print(check ? "\(count) guides up to date" : "\(count) guides: \(changed) updated, \(count - changed) already up to date")
    }

    private func regenerateConfiguredGuide() throws(GenFailure) {
        let (configuration, configPath) = try options.load(requireFile: true)
        let templates = try Workspace.loadTemplates(options.templatesDirectory(for: configuration, configPath: configPath))
        let guidePath = Workspace.resolve(configuration.guidePath, relativeTo: configPath!)
        let original = try Workspace.readBytes(guidePath)
        var filler = GuideFiller(renderer: SampleRenderer(templates: templates))
        let filled: FilledGuide
        do {
            filled = try filler.fill(original, configuration: configuration)
        } catch {
            throw GenFailure(error, path: guidePath)
        }
        if check {
            guard filled.bytes == original else {
                print(UnifiedDiff.make(old: original, new: filled.bytes, path: guidePath), terminator: "")
                throw GenFailure("\(guidePath): out of date; run gen to regenerate it")
            }
            print("\(guidePath): up to date")
            return
        }
        if filled.bytes != original {
            try AtomicFile.replace(guidePath, with: filled.bytes)
            print(filled.summary(path: guidePath) + ", updated")
        } else {
            print(filled.summary(path: guidePath) + ", already up to date")
        }
    }
}

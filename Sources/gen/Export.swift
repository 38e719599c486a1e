import ArgumentParser
import Foundation
import GuideFilling
import SampleModel
import SampleRendering

/// `gen export`: each language's samples as a runnable folder.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each language's samples as a runnable folder, with a README saying how to run them.",
        discussion: """
            Examples:
              gen export --out samples
              gen export --out /tmp/s --lang php --token-url http://127.0.0.1:8080/oauth/token
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: ArgumentHelp("The folder to write into; <dir>/<language>/ is replaced if gen wrote it.", valueName: "dir"))
    var out: String

    @Flag(help: "Replace <dir>/<language>/ even if gen did not write it (it is deleted).")
    var force = false

    @Option(help: ArgumentHelp("Only this language (default: every language in gen.yml).", valueName: "language"))
    var lang: String?

    func validate() throws {
        try PathArgument.check(out, "--out")
        if let lang, Language(name: lang) == nil {
            throw ValidationError("unknown language \"\(lang)\"; use one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        try GenFailure.reported { () throws(GenFailure) in
            let (configuration, configPath) = try options.load(requireFile: false)
            let languages = lang.flatMap(Language.init(name:)).map { [$0] } ?? configuration.languages
            let templates = try Workspace.loadTemplates(options.templatesDirectory(for: configuration, configPath: configPath),
                                                        languages: languages)
            var filler = GuideFiller(renderer: SampleRenderer(templates: templates))
            var folders: [SampleFolder] = []
            for language in languages {
                var samples: [RenderedSample] = []
                for snippet in Snippet.allCases {
                    do throws(FillError) {
                        samples.append(try filler.sample(snippet, in: language, model: configuration.model))
                    } catch {
                        throw GenFailure(error)
                    }
                }
                folders.append(SampleFolder(language: language, samples: samples, credentials: configuration.model.tokenRequest.credentials))
            }
            // Every folder is checked before any is replaced.
            for folder in folders {
                try OutputFolder.checkReplaceable("\(out)/\(folder.language.rawValue)", force: force)
            }
            if !folders.isEmpty { try Workspace.createDirectory(out) }
            for folder in folders {
                try Workspace.writeFolder("\(out)/\(folder.language.rawValue)", files: folder.files)
            }
            print("\(out): \(folders.map(\.language.rawValue).joined(separator: ", ")) samples written")
        }
    }
}

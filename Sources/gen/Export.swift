import ArgumentParser
import Foundation
import Generator
import SampleModel
import SampleRendering

/// `gen export`: each language's samples as a runnable folder.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write each language's complete programs as a runnable folder (the concise forms the guide shows in concise/), with a README.",
        discussion: """
            Examples:
              gen export --out samples
              gen export --out /tmp/s --lang php --token-url http://127.0.0.1:8080/oauth/token
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(
        help: ArgumentHelp("The folder to write into; <dir>/<language>/ is replaced if gen wrote it.", valueName: "dir")
    )
    var out: String

    @Flag(help: "Replace <dir>/<language>/ even if gen did not write it (it is deleted).")
    var force = false

    @Option(help: ArgumentHelp("Only this language (default: every language in gen.yml).", valueName: "language"))
    var lang: Language?

    func validate() throws {
        try PathArgument.check(out, "--out")
    }

    func run() throws {
        try GenFailure.reported { () throws(GenFailure) in
            let requested = lang.map { [$0] }
            var pipeline = try options.pipeline(requireFile: false, languages: requested)
            var folders: [SampleFolder] = []
            for language in requested ?? pipeline.configuration.languages {
                let samples: [RenderedSample]
                do throws(Diagnostic) {
                    samples =
                        try pipeline.samples(language.snippets, in: language, form: .complete)
                        + pipeline.samples(language.snippets, in: language, form: .concise)
                } catch {
                    throw GenFailure(error)
                }
                folders.append(
                    SampleFolder(
                        language: language, samples: samples, model: pipeline.configuration.model))
            }
            // Every folder is checked before any is replaced.
            for folder in folders {
                try OutputFolder.checkReplaceable("\(out)/\(folder.language.rawValue)", force: force)
            }
            // A folder made here is removed if a signal stops gen before the samples are in place.
            defer { PendingFiles.shared.keepFolders() }
            if !folders.isEmpty { try Workspace.createDirectory(out) }
            for folder in folders {
                try Workspace.writeFolder("\(out)/\(folder.language.rawValue)", files: folder.files)
            }
            print("\(out): \(folders.map(\.language.rawValue).joined(separator: ", ")) samples written")
        }
    }
}

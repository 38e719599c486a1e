import GenConfig
import GuideFilling
import SampleModel
import SampleRendering

/// The complete programs a guide's concise samples link to, as the run that fills the guide
/// writes them: `<directory>/<language>/<file>`, laid out as `gen export` lays it out, each
/// language's folder with a README that explains the programs' behaviour once.
public struct CompletePrograms: Sendable, Hashable {
    /// The folder gen.yml names (`complete_programs:`), beside the guide.
    public let directory: String
    public let folders: [SampleFolder]
    /// How the guide's lines link to them.
    public let links: ProgramLinks

    /// The programs of `configuration` for the guide at `guidePath`, in the folder gen.yml names
    /// (relative to the guide's folder: beside the guide, where its docs site publishes it too),
    /// when it names one and some group links to it; nil otherwise. `filler` renders them once.
    static func make(
        configuration: GenConfiguration, guidePath: String, filler: inout GuideFiller
    ) throws(Diagnostic) -> CompletePrograms? {
        guard let folder = configuration.completeProgramsPath,
            configuration.groups.contains(where: { $0.form == .concise && $0.linksCompleteProgram })
        else { return nil }
        var folders: [SampleFolder] = []
        for language in configuration.languages {
            var samples: [RenderedSample] = []
            for snippet in language.snippets {
                samples.append(try filler.sample(snippet, in: language, model: configuration.model, form: .complete))
            }
            folders.append(
                SampleFolder(
                    language: language, samples: samples, model: configuration.model))
        }
        let guideFolder = guidePath.contains("/") ? String(guidePath[..<guidePath.lastIndex(of: "/")!]) : "."
        return CompletePrograms(
            directory: guideFolder == "." ? folder : guideFolder + "/" + folder, folders: folders,
            links: ProgramLinks(folder: folder))
    }
}

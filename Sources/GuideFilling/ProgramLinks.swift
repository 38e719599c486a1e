import GuideDocument
import SampleModel
import SampleRendering

/// Where a guide's concise samples link to: the folder of complete programs, as a path relative
/// to the guide's own folder, laid out as `gen export` lays it out (`<folder>/<language>/<file>`).
public struct ProgramLinks: Sendable, Hashable {
    /// The folder relative to the guide's folder, `/`-separated, without a trailing `/`.
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The `ProgramLink` line under `language`'s concise `snippet`.
    public func line(_ language: Language, _ snippet: Snippet) -> String {
        let file = SampleFolder.fileName(of: snippet, in: language)
        return ProgramLink.line(fileName: file, path: "\(folder)/\(language.rawValue)/\(file)")
    }
}

import Foundation
import SampleModel
import SampleRendering

/// Where a run's templates come from: the set built into `gen`, or a folder of
/// `<language>/<snippet>.mustache` files (`--templates`, or `templates:` in gen.yml).
public enum TemplateSource: Sendable, Hashable {
    case bundled
    case directory(URL)

    /// A folder as the user named it (relative paths stay relative in messages).
    public static func directory(_ path: String) -> TemplateSource {
        .directory(URL(fileURLWithPath: path))
    }

    /// The folder's path as messages show it; nil for the bundled set.
    public var path: String? {
        guard case .directory(let url) = self else { return nil }
        return url.relativePath
    }

    /// The templates, checked and parsed: a template `languages` need and the source lacks is
    /// named with its folder.
    public func load(languages: [Language]) throws(Diagnostic) -> TemplateSet {
        let set: TemplateSet
        if let path {
            let files = try Self.files(in: path)
            set = try TemplateSet(files)
            set.prepare(languages)
        } else {
            set = try Self.builtIn.set().get()
        }
        for language in languages {
            for snippet in language.snippets where set.file(for: snippet, in: language) == nil {
                let folder = path.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "the templates built into gen: "
                throw .error(
                    "no such template; every language needs one per snippet (\(language.snippets.map(\.rawValue).joined(separator: ", ")))",
                    at: Diagnostic.Location(
                        path: "\(folder)\(language.rawValue)/\(snippet.rawValue).\(TemplateFile.fileExtension)"))
            }
        }
        return set
    }

    /// The templates built into gen, for every language.
    private static let builtIn = TemplatePreparation()

    /// Starts checking and parsing the built-in templates on another thread, so that the work
    /// overlaps whatever the process does before it needs them (reading its arguments, its
    /// configuration and the guide). A run that uses another template folder simply never
    /// waits for it.
    public static func prepareBundledTemplates() {
        builtIn.start()
    }

    /// A folder's templates, line endings normalised to `\n`, read the one way SampleGen reads a
    /// template folder (`TemplateFolder.load`) with gen's own reader, which refuses FIFOs and devices.
    private static func files(in directory: String) throws(Diagnostic) -> [TemplateFile] {
        do {
            return try TemplateFolder.load(directory: directory) { path in try FileBytes.read(path) }
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw .error("cannot be read: \(error)", at: Diagnostic.Location(path: directory))
        }
    }
}

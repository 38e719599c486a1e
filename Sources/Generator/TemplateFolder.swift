import Foundation
import SampleModel
import SampleRendering

/// A template folder on disk (`--templates`, gen.yml's `templates:`): the one way SampleGen reads
/// one. Reading is I/O, so it lives with the pipeline; `TemplateFile` only normalises the bytes.
public enum TemplateFolder {
    /// The relative paths of the template files under `directory`, sorted; nil when it is not a folder.
    public static func relativePaths(in directory: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix("." + TemplateFile.fileExtension) }
            .sorted()
    }

    /// Every template and partial under `directory` (`<language>/<snippet>.mustache`,
    /// `<language>/_<partial>.mustache`): the one way SampleGen reads a template folder. A file is
    /// shown in messages as `shownAs` (default `directory`) joined with its relative path.
    /// `read` returns a file's bytes, and its errors pass through (gen passes its own reader,
    /// which refuses FIFOs and devices); a `directory` that is not a folder is a `Diagnostic`.
    public static func load(
        directory: String,
        shownAs prefix: String? = nil,
        read: (String) throws -> [UInt8] = { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
    ) throws -> [TemplateFile] {
        guard let names = relativePaths(in: directory) else {
            throw Diagnostic.template(
                directory,
                message: "is not a template folder (expected <language>/<snippet>.\(TemplateFile.fileExtension) files)")
        }
        func joined(_ base: String, _ name: String) -> String { base.hasSuffix("/") ? base + name : "\(base)/\(name)" }
        return try names.map { name in
            TemplateFile(
                relativePath: name, shownAs: joined(prefix ?? directory, name),
                bytes: try read(joined(directory, name)))
        }
    }
}

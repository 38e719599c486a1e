import Foundation
import GenConfig
import SampleModel

/// Where `gen` finds a configuration file: the one I/O of reading a configuration that is not
/// reading its bytes, so it lives with the pipeline, not in GenConfig.
public enum ConfigFileSearch {
    /// The configuration file: the one given, else `gen.yml` in `.` or in `docs-site/`.
    public static func path(explicit: String?) throws(Diagnostic) -> String {
        if let explicit { return explicit }
        let candidates = [ConfigFile.fileName, "docs-site/\(ConfigFile.fileName)"]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .error(
                "no \(ConfigFile.fileName) in . or docs-site/; run gen where the guide's \(ConfigFile.fileName) is, or pass --config PATH"
            )
        }
        return found
    }

    /// The nearest `gen.yml` in the guide's folder or a folder above it, relative to the current
    /// folder when it is under it.
    public static func nearest(to guide: String) throws(Diagnostic) -> String {
        var directory = URL(fileURLWithPath: guide).deletingLastPathComponent().standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent(ConfigFile.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return relative(candidate) }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        throw .error(
            "no \(ConfigFile.fileName) beside it or in a folder above it; add one, or pass --config PATH",
            at: Diagnostic.Location(path: guide))
    }

    private static func relative(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }

}

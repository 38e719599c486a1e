import Foundation
import SampleModel

/// Where `gen` finds a configuration file.
extension ConfigFile {
    /// The configuration file: the one given, else `gen.yml` in `.` or in `docs-site/`.
    public static func path(explicit: String?) throws(Diagnostic) -> String {
        if let explicit { return explicit }
        let candidates = [fileName, "docs-site/\(fileName)"]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .error(
                "no \(fileName) in . or docs-site/; run gen where the guide's \(fileName) is, or pass --config PATH")
        }
        return found
    }

    /// The nearest `gen.yml` in the guide's folder or a folder above it, relative to the current
    /// folder when it is under it.
    public static func nearest(to guide: String) throws(Diagnostic) -> String {
        var directory = URL(fileURLWithPath: guide).deletingLastPathComponent().standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return relative(candidate) }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        throw .error(
            "no \(fileName) beside it or in a folder above it; add one, or pass --config PATH",
            at: Diagnostic.Location(path: guide))
    }

    private static func relative(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }

    /// `path` as written in the configuration file at `configPath`: relative to its folder,
    /// unless absolute.
    public static func resolve(_ path: String, relativeTo configPath: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (configPath as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : "\(directory)/\(path)"
    }
}

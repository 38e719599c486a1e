import Foundation

/// Paths written in a configuration file.
extension ConfigFile {
    /// `path` as written in the configuration file at `configPath`: relative to its folder,
    /// unless absolute.
    public static func resolve(_ path: String, relativeTo configPath: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (configPath as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : "\(directory)/\(path)"
    }
}

import Foundation
import GenConfig
import Generator

/// What `--watch` watches for a command line: gen.yml (`--config`, else where gen looks for it),
/// the guides, and the template folder gen.yml or `--templates` names — found again after each
/// run, so that editing gen.yml to name another guide or folder moves the watch with it.
struct WatchedSources {
    let options: ConfigurationOptions
    /// The guides and folders given on the command line; empty for the guide gen.yml names.
    let guides: [String]
    /// Also watched: the site's assets folder (`gen site --watch`).
    var includesAssets = false

    func watched() -> [String] {
        // gen.yml where gen finds it; before it exists, both places gen looks.
        var paths =
            (try? ConfigFile.path(explicit: options.configPath)).map { [$0] }
            ?? [ConfigFile.fileName, "docs-site/\(ConfigFile.fileName)"]
        if let templates = options.templatesDirectory { paths.append(templates) }
        if guides.isEmpty {
            if let pipeline = try? options.pipeline(requireFile: true, quietly: true) {
                paths.append(pipeline.guidePath)
                if let templates = pipeline.templates.path { paths.append(templates) }
                if let openAPI = pipeline.configuration.openAPIPath { paths.append(pipeline.resolve(openAPI)) }
                if includesAssets { paths.append(pipeline.resolve("assets")) }
            }
        } else {
            for guide in guides {
                paths.append(guide)
                if let config = try? ConfigFile.nearest(to: guide) { paths.append(config) }
            }
        }
        var seen: Set<String> = []
        return paths.filter { seen.insert(FileSnapshot.normalized($0)).inserted }
    }

    /// The guides `gen` writes: changes it makes itself do not start another run.
    func written() -> [String] {
        guard !guides.isEmpty else {
            return (try? options.pipeline(requireFile: true, quietly: true)).map { [$0.guidePath] } ?? []
        }
        return guides.flatMap { guide -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: guide, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [guide]
            }
            let names = (FileManager.default.enumerator(atPath: guide)?.allObjects as? [String]) ?? []
            return names.filter { $0.hasSuffix(".md") }.map { guide.hasSuffix("/") ? guide + $0 : "\(guide)/\($0)" }
        }
    }
}

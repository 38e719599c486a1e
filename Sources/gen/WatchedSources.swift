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
        if guides.isEmpty, let (configPath, configuration) = configuration() {
            func resolved(_ path: String) -> String { ConfigFile.resolve(path, relativeTo: configPath) }
            paths.append(resolved(configuration.guidePath))
            if options.templatesDirectory == nil, let templates = configuration.templatesPath {
                paths.append(resolved(templates))
            }
            if let openAPI = configuration.openAPIPath { paths.append(resolved(openAPI)) }
            if includesAssets { paths.append(resolved("assets")) }
        } else {
            for guide in guides {
                paths.append(guide)
                if let config = try? ConfigFile.nearest(to: guide) { paths.append(config) }
            }
        }
        var seen: Set<String> = []
        return paths.filter { seen.insert(FileSnapshot.normalized($0)).inserted }
    }

    /// gen.yml where gen finds it, read on its own: the paths it names are all a watch needs, so
    /// neither the templates nor the OpenAPI document are loaded for it. Nil while there is none
    /// or it cannot be read.
    private func configuration() -> (path: String, configuration: GenConfiguration)? {
        guard let path = try? ConfigFile.path(explicit: options.configPath),
            let bytes = try? FileBytes.read(path, limit: Pipeline.configurationSizeLimit),
            let configuration = try? ConfigFile.parse(bytes: bytes, path: path)
        else { return nil }
        return (path, configuration)
    }

    /// The guides `gen` writes: changes it makes itself do not start another run.
    func written() -> [String] {
        guard !guides.isEmpty else {
            return configuration().map { [ConfigFile.resolve($0.configuration.guidePath, relativeTo: $0.path)] } ?? []
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

import Foundation
import GenConfig
import Generator

/// What `--watch` watches for a command line: gen.yml (`--config`, else where gen looks for it),
/// the guides, and what each gen.yml names (the template folder, or `--templates`, and the
/// OpenAPI document) — found again after each run, so that editing gen.yml to name another guide
/// or folder moves the watch with it. A folder of guides is watched for its `*.md` and gen.yml
/// files only, a template folder for its templates only. The site's output folder and the
/// complete programs' folders are never watched: gen writes them.
struct WatchedSources {
    let options: ConfigurationOptions
    /// The guides and folders given on the command line; empty for the guide gen.yml names.
    let guides: [String]
    /// For `gen site --watch`: the site's assets are watched, and its output folder (`--out`,
    /// else `_site` beside gen.yml) is not.
    var site: Site?

    struct Site {
        let out: String?
    }

    func watched() -> WatchSet {
        var set = WatchSet()
        // gen.yml where gen finds it; before it exists, both places gen looks.
        if let path = try? ConfigFileSearch.path(explicit: options.configPath) {
            set.add(path)
        } else {
            set.add(ConfigFile.fileName)
            set.add("docs-site/\(ConfigFile.fileName)")
        }
        if let templates = options.templatesDirectory { set.add(templates, .templates) }
        if guides.isEmpty {
            if let path = try? ConfigFileSearch.path(explicit: options.configPath) {
                add(configurationAt: path, to: &set, guide: true)
                if let configuration = configuration(at: path), let programs = configuration.completeProgramsPath {
                    let guide = ConfigFile.resolve(configuration.guidePath, relativeTo: path)
                    set.exclude(ConfigFile.resolve(programs, relativeTo: guide))
                }
                if let site {
                    set.add(ConfigFile.resolve("assets", relativeTo: path))
                    set.exclude(site.out ?? ConfigFile.resolve("_site", relativeTo: path))
                }
            }
        } else {
            for guide in guides {
                set.add(guide, .guides)
                if let config = try? ConfigFileSearch.nearest(to: guide) { set.add(config) }
            }
            // Each gen.yml among the guides, or above them, names its own templates and document.
            var configurations: [String] = options.configPath.map { [$0] } ?? []
            for guide in guides {
                if let config = try? ConfigFileSearch.nearest(to: guide) { configurations.append(config) }
            }
            let listings = FolderListings()
            let found = FileSnapshot(set, listings: listings).files.keys.filter {
                $0.hasSuffix("/" + ConfigFile.fileName)
            }
            var seen: Set<String> = []
            var programFolders: Set<String> = []
            for path in configurations + found.sorted() where seen.insert(FileSnapshot.normalized(path)).inserted {
                add(configurationAt: path, to: &set, guide: false)
                if let programs = configuration(at: path)?.completeProgramsPath { programFolders.insert(programs) }
            }
            // Beside every guide, the folder its programs go to (a new guide's, once a run wrote it).
            let guidesFound = FileSnapshot(set, listings: listings).files.keys.filter { $0.hasSuffix(".md") }
            for guide in guidesFound.sorted() {
                for programs in programFolders.sorted() { set.exclude(ConfigFile.resolve(programs, relativeTo: guide)) }
            }
        }
        return set
    }

    /// What the configuration at `path` names: its guide (`guide`), its templates (unless
    /// `--templates` is given) and its OpenAPI document. Nothing while it cannot be read.
    private func add(configurationAt path: String, to set: inout WatchSet, guide: Bool) {
        guard let configuration = configuration(at: path) else { return }
        func resolved(_ relative: String) -> String { ConfigFile.resolve(relative, relativeTo: path) }
        if guide { set.add(resolved(configuration.guidePath)) }
        if options.templatesDirectory == nil, let templates = configuration.templatesPath {
            set.add(resolved(templates), .templates)
        }
        if let openAPI = configuration.openAPIPath { set.add(resolved(openAPI)) }
    }

    /// The configuration at `path`; nil while it cannot be read.
    private func configuration(at path: String) -> GenConfiguration? {
        guard let bytes = try? FileBytes.read(path, limit: Pipeline.configurationSizeLimit) else { return nil }
        return try? ConfigFile.parse(bytes: bytes, path: path)
    }
}

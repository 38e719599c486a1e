import Foundation
import GenConfig

/// The guides one `gen` run fills: the one gen.yml names, or every guide given on the command
/// line (files, or folders searched for `*.md`), each with the gen.yml beside it or above it.
struct GuideBatch {
    struct Job {
        let guidePath: String
        let configPath: String
    }

    let jobs: [Job]

    init(paths: [String], explicitConfig: String?) throws(GenFailure) {
        var jobs: [Job] = []
        var configurations: [String: String] = [:]
        // One guide given twice (the same path, another spelling, a symbolic link) is filled once.
        var seen: Set<String> = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .file(path, "does not exist")
            }
            let guides = isDirectory.boolValue ? Self.markdownFiles(in: path) : [path]
            for guide in guides where seen.insert(Self.identity(of: guide)).inserted {
                let configPath: String
                let folder = (guide as NSString).deletingLastPathComponent
                if let explicitConfig {
                    configPath = explicitConfig
                } else if let known = configurations[folder] {
                    configPath = known
                } else {
                    configPath = try Self.configuration(for: guide)
                    configurations[folder] = configPath
                }
                jobs.append(Job(guidePath: guide, configPath: configPath))
            }
        }
        self.jobs = jobs
    }

    /// The file a path names, whatever its spelling: symbolic links resolved.
    private static func identity(of path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// The nearest gen.yml in the guide's folder or a folder above it.
    private static func configuration(for guide: String) throws(GenFailure) -> String {
        var directory = URL(fileURLWithPath: guide).deletingLastPathComponent().standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent(ConfigFile.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return relative(candidate) }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        throw .file(guide, "no \(ConfigFile.fileName) beside it or in a folder above it; add one, or pass --config PATH")
    }

    /// `*.md` files under `folder`, sorted, skipping hidden folders and build output (`_site`).
    private static func markdownFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let name = enumerator.nextObject() as? String {
            let last = (name as NSString).lastPathComponent
            if last.hasPrefix(".") || last == "_site" {
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            if name.hasSuffix(".md") { files.append(folder.hasSuffix("/") ? folder + name : "\(folder)/\(name)") }
        }
        return files.sorted()
    }

    private static func relative(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}

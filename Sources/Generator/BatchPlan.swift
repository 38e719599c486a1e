import Foundation
import GenConfig
import GuideFilling
import SampleModel
import SampleRendering

/// The guides one run fills when guides are named on the command line (files, or folders
/// searched for `*.md`), each with the gen.yml beside it or above it (or `--config`), and the
/// fillers they share: each configuration loaded once, each template source loaded once, every
/// sample rendered before any guide is filled, so guides can be filled in parallel.
public struct BatchPlan: Sendable {
    public struct Job: Sendable {
        public let guidePath: String
        public let configuration: GenConfiguration
        /// Index into `fillers`: the filler of the job's template source.
        public let filler: Int
    }

    public let jobs: [Job]
    /// One per template source, with the samples of every configuration that uses it rendered.
    public let fillers: [GuideFiller]
    /// Whether blocks edited by hand are replaced (`GeneratorRequest.replacingHandEdits`).
    public let replacingHandEdits: Bool
    /// What the run should say once, each configuration's notes.
    public private(set) var notes: [Diagnostic] = []

    /// The guides `paths` name (files, or folders searched for `*.md`), each with its gen.yml.
    public init(guides paths: [String], request: GeneratorRequest) throws(Diagnostic) {
        try self.init(jobs: Self.guides(paths, explicitConfig: request.configPath), request: request)
    }

    /// The guide gen.yml names (`--config`, else gen.yml in `.` or `docs-site/`): a batch of one,
    /// so that `gen` and `gen <guide>` run, check and report the same way.
    public init(configuredGuideOf request: GeneratorRequest) throws(Diagnostic) {
        let configPath = try ConfigFileSearch.path(explicit: request.configPath)
        var notes: [Diagnostic] = []
        let configuration = try Pipeline.configuration(at: configPath, overrides: request.overrides, notes: &notes)
        let guide = ConfigFile.resolve(configuration.guidePath, relativeTo: configPath)
        try self.init(jobs: [(guide, configPath)], request: request, loaded: [configPath: (configuration, notes)])
    }

    /// `jobs` (guide, configuration file); `loaded` holds configurations read already, with their notes.
    private init(
        jobs guides: [(String, String)], request: GeneratorRequest,
        loaded preloaded: [String: (GenConfiguration, [Diagnostic])] = [:]
    ) throws(Diagnostic) {
        replacingHandEdits = request.replacingHandEdits
        // Each configuration file loaded once, with the filler of its template source.
        var loaded: [String: (configuration: GenConfiguration, filler: Int)] = [:]
        var fillerIndex: [TemplateSource: Int] = [:]
        var fillers: [GuideFiller] = []
        var jobs: [Job] = []
        for (guide, configPath) in guides {
            if let known = loaded[configPath] {
                jobs.append(Job(guidePath: guide, configuration: known.configuration, filler: known.filler))
                continue
            }
            var configurationNotes: [Diagnostic] = []
            let configuration: GenConfiguration
            if let (known, knownNotes) = preloaded[configPath] {
                (configuration, configurationNotes) = (known, knownNotes)
            } else {
                configuration = try Pipeline.configuration(
                    at: configPath, overrides: request.overrides, notes: &configurationNotes)
            }
            notes += configurationNotes
            let templates = Pipeline.templateSource(
                request.templates, configuration: configuration, configPath: configPath)
            let index: Int
            if let known = fillerIndex[templates] {
                index = known
            } else {
                // One template set, and so one rendering of each sample, per template source.
                index = fillers.count
                fillers.append(
                    GuideFiller(
                        renderer: SampleRenderer(templates: try templates.load(languages: configuration.languages))))
                fillerIndex[templates] = index
            }
            // Samples are rendered once per configuration, before the workers start.
            try fillers[index].renderSamples(for: configuration)
            loaded[configPath] = (configuration, index)
            jobs.append(Job(guidePath: guide, configuration: configuration, filler: index))
        }
        self.jobs = jobs
        self.fillers = fillers
    }

    /// Fills one job's guide with a filler of `fillers` (a worker's own copy of `self.fillers`).
    public func fill(_ job: Job, fillers: inout [GuideFiller]) throws(Diagnostic) -> GuidePlan {
        let original = try FileBytes.read(job.guidePath)
        return try GuidePlan.fill(
            path: job.guidePath, original: original, outline: GuidePlan.outline(original, path: job.guidePath),
            configuration: job.configuration, replacingHandEdits: replacingHandEdits, filler: &fillers[job.filler])
    }

    /// Each guide `paths` name, once, with its configuration file.
    private static func guides(_ paths: [String], explicitConfig: String?) throws(Diagnostic) -> [(String, String)] {
        var guides: [(String, String)] = []
        var configurations: [String: String] = [:]
        // One guide given twice (the same path, another spelling, a symbolic link) is filled once.
        var seen: Set<String> = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .error("does not exist", at: Diagnostic.Location(path: path))
            }
            let found = isDirectory.boolValue ? markdownFiles(in: path) : [path]
            for guide in found where seen.insert(identity(of: guide)).inserted {
                let configPath: String
                let folder = (guide as NSString).deletingLastPathComponent
                if let explicitConfig {
                    configPath = explicitConfig
                } else if let known = configurations[folder] {
                    configPath = known
                } else {
                    configPath = try ConfigFileSearch.nearest(to: guide)
                    configurations[folder] = configPath
                }
                guides.append((guide, configPath))
            }
        }
        return guides
    }

    /// The file `gen` leaves in every folder it writes (`gen export`, `gen site`, the complete programs).
    public static let generatedFolderMark = ".gen-output"

    /// The file a path names, whatever its spelling: symbolic links resolved.
    private static func identity(of path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// `*.md` files under `folder`, sorted, skipping hidden folders and build output (`_site`,
    /// and any folder gen wrote: its mark, `.gen-output`, is in it — the complete programs'
    /// READMEs are gen's, not guides).
    private static func markdownFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let name = enumerator.nextObject() as? String {
            let last = (name as NSString).lastPathComponent
            let isFolder = (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory
            let path = folder.hasSuffix("/") ? folder + name : "\(folder)/\(name)"
            if last.hasPrefix(".") || last == "_site"
                || (isFolder && FileManager.default.fileExists(atPath: path + "/" + generatedFolderMark))
            {
                if isFolder { enumerator.skipDescendants() }
                continue
            }
            if name.hasSuffix(".md") { files.append(path) }
        }
        return files.sorted()
    }
}

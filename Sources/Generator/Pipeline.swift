import GenConfig
import GuideFilling
import SampleModel
import SampleRendering

/// What a command asks of the pipeline: where the configuration and the templates come from,
/// and the model values the command line overrides.
public struct GeneratorRequest: Sendable {
    /// `--config`; nil to look for gen.yml in `.` and `docs-site/`.
    public var configPath: String?
    /// `--templates`; nil for gen.yml's `templates:`, else the templates built into gen.
    public var templates: TemplateSource?
    public var overrides: ModelOverrides
    /// `--force`: replace generated blocks edited by hand instead of refusing to.
    public var replacingHandEdits: Bool

    public init(
        configPath: String? = nil, templates: TemplateSource? = nil, overrides: ModelOverrides = ModelOverrides(),
        replacingHandEdits: Bool = false
    ) {
        self.configPath = configPath
        self.templates = templates
        self.overrides = overrides
        self.replacingHandEdits = replacingHandEdits
    }
}

/// The pipeline for one configuration: gen.yml read and validated, the command line's overrides
/// applied, the templates loaded, and a `GuideFiller` that renders each sample once. The one
/// place that sequence is written; commands call it and write what it plans.
public struct Pipeline: Sendable {
    public let configuration: GenConfiguration
    /// The configuration file; nil when there is none and the guide's defaults are used.
    public let configPath: String?
    public let templates: TemplateSource
    /// Whether blocks edited by hand are replaced (`GeneratorRequest.replacingHandEdits`).
    public var replacingHandEdits = false
    /// What the run should say once, on stderr (an OpenAPI value gen.yml overrides).
    public private(set) var notes: [Diagnostic] = []
    /// The languages whose templates the run loads.
    private let languages: [Language]
    /// Made on first use (`withFiller`).
    private var filler: GuideFiller?

    /// The configuration `request` names (else gen.yml in `.` or `docs-site/`; without one, the
    /// defaults, unless `requireFile`), with templates for `languages` (default: the configured ones).
    public init(_ request: GeneratorRequest, requireFile: Bool, languages: [Language]? = nil) throws(Diagnostic) {
        var path: String?
        do {
            path = try ConfigFileSearch.path(explicit: request.configPath)
        } catch {
            if requireFile { throw error }
        }
        try self.init(request, configPath: path, languages: languages)
    }

    /// The configuration at `configPath` (nil: the defaults), with templates for `languages`.
    public init(_ request: GeneratorRequest, configPath: String?, languages: [Language]? = nil) throws(Diagnostic) {
        var notes: [Diagnostic] = []
        let configuration = try Self.configuration(at: configPath, overrides: request.overrides, notes: &notes)
        self.configuration = configuration
        self.configPath = configPath
        self.templates = Self.templateSource(request.templates, configuration: configuration, configPath: configPath)
        self.languages = languages ?? configuration.languages
        replacingHandEdits = request.replacingHandEdits
        self.notes = notes
    }

    /// The most of a configuration file `gen` reads: gen.yml is a few hundred bytes.
    public static let configurationSizeLimit = 1 << 20

    /// Stages 1 and 2: the file read and parsed (or the defaults), then the overrides applied.
    static func configuration(at path: String?, overrides: ModelOverrides) throws(Diagnostic) -> GenConfiguration {
        var notes: [Diagnostic] = []
        return try configuration(at: path, overrides: overrides, notes: &notes)
    }

    /// The same, with what the run should say once (an OpenAPI value gen.yml overrides) in `notes`.
    static func configuration(at path: String?, overrides: ModelOverrides, notes: inout [Diagnostic])
        throws(Diagnostic) -> GenConfiguration
    {
        var configuration = GenConfiguration()
        if let path {
            let bytes = try FileBytes.read(path, limit: configurationSizeLimit)
            configuration = try ConfigFile.parse(bytes: bytes, path: path)
        }
        // gen.yml's paths, like the command line's, are never empty.
        let file = Diagnostic.Location(path: path ?? ConfigFile.fileName)
        if configuration.guidePath.allSatisfy(\.isWhitespace) {
            throw .error("guide: is empty; name the guide's file (the default is guide.md)", at: file)
        }
        if let templates = configuration.templatesPath, templates.allSatisfy(\.isWhitespace) {
            throw .error(
                "templates: is empty; name a template folder, or leave the key out for the built-in templates", at: file
            )
        }
        // Stage 2b: the OpenAPI document's token URL and scopes, before the command line's overrides.
        notes += try OpenAPISource.apply(to: &configuration, configPath: path, overrides: overrides)
        configuration.model = try overrides.applied(to: configuration.model)
        return configuration
    }

    /// The template folder: `--templates`, else gen.yml's `templates:` (relative to gen.yml),
    /// else the set built into gen.
    static func templateSource(_ given: TemplateSource?, configuration: GenConfiguration, configPath: String?)
        -> TemplateSource
    {
        if let given { return given }
        guard let relative = configuration.templatesPath else { return .bundled }
        return .directory(configPath.map { ConfigFile.resolve(relative, relativeTo: $0) } ?? relative)
    }

    /// A path written in the configuration, relative to its file's folder (to `.` without a file).
    public func resolve(_ path: String) -> String {
        ConfigFile.resolve(path, relativeTo: configPath ?? ConfigFile.fileName)
    }

    /// The guide the configuration names.
    public var guidePath: String { resolve(configuration.guidePath) }

    /// Stage 3 and on: the guide the configuration names, read and filled.
    public mutating func fillGuide() throws(Diagnostic) -> GuidePlan {
        try fill(guideAt: guidePath)
    }

    /// The guide at `path`, read and filled with this configuration.
    public mutating func fill(guideAt path: String) throws(Diagnostic) -> GuidePlan {
        let original = try FileBytes.read(path)
        let guide = try GuidePlan.outline(original, path: path)
        let (configuration, replacingHandEdits) = (configuration, replacingHandEdits)
        return try withFiller { (filler: inout GuideFiller) throws(Diagnostic) in
            try GuidePlan.fill(
                path: path, original: original, outline: guide, configuration: configuration,
                replacingHandEdits: replacingHandEdits, filler: &filler)
        }
    }

    /// Every sample the configuration can need, rendered now, so later fills only splice.
    public mutating func renderSamples() throws(Diagnostic) {
        let configuration = configuration
        try withFiller { (filler: inout GuideFiller) throws(Diagnostic) in
            try filler.renderSamples(for: configuration)
        }
    }

    /// `snippets` in `language` and `form`, rendered with the configuration's model.
    public mutating func samples(_ snippets: [Snippet], in language: Language, form: SampleForm) throws(Diagnostic)
        -> [RenderedSample]
    {
        let model = configuration.model
        return try withFiller { (filler: inout GuideFiller) throws(Diagnostic) in
            var samples: [RenderedSample] = []
            for snippet in snippets {
                samples.append(try filler.sample(snippet, in: language, model: model, form: form))
            }
            return samples
        }
    }

    /// Runs `body` with the filler, made the first time: loading the templates is the step that
    /// waits for the thread parsing the built-in ones, so it comes as late as it can.
    private mutating func withFiller<Result>(_ body: (inout GuideFiller) throws(Diagnostic) -> Result)
        throws(Diagnostic) -> Result
    {
        var filler: GuideFiller
        if let made = self.filler.take() {
            filler = made
        } else {
            filler = GuideFiller(renderer: SampleRenderer(templates: try templates.load(languages: languages)))
        }
        defer { self.filler = filler }
        return try body(&filler)
    }
}

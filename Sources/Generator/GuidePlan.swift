import GenConfig
import GuideFilling
import SampleModel

/// One guide as the pipeline would leave it: its bytes as read, its bytes filled, and what to
/// tell the user. The command writes it (or prints its diff) and prints the diagnostics.
public struct GuidePlan: Sendable {
    public let path: String
    public let original: [UInt8]
    public let filled: FilledGuide
    public let coverage: GroupCoverage
    /// The complete programs the guide links to, written in the same run; nil when gen.yml names
    /// no folder for them.
    public var programs: CompletePrograms? = nil

    /// Whether the guide is already as the pipeline would write it.
    public var isCurrent: Bool { filled.bytes == original }

    /// One error per generated block edited by hand: the guide must not be written while any
    /// is left (`gen --force` replaces them).
    public var handEdits: [Diagnostic] {
        filled.editedByHand.map { .error($0.message, at: Diagnostic.Location(path: path, line: $0.line)) }
    }

    init(path: String, original: [UInt8], filled: FilledGuide, coverage: GroupCoverage) {
        self.path = path
        self.original = original
        self.filled = filled
        self.coverage = coverage
    }

    /// `original`, the guide at `path`, outlined; its first mistake is placed in that file.
    static func outline(_ original: [UInt8], path: String) throws(Diagnostic) -> OutlinedGuide {
        try OutlinedGuide(original, path: path)
    }

    /// The guide at `path`, read as `original` and outlined as `guide`, filled with `configuration`.
    static func fill(
        path: String, original: [UInt8], outline guide: OutlinedGuide, configuration: GenConfiguration,
        replacingHandEdits: Bool = false, filler: inout GuideFiller
    ) throws(Diagnostic) -> GuidePlan {
        let filled: FilledGuide
        let programs: CompletePrograms?
        programs = try CompletePrograms.make(configuration: configuration, guidePath: path, filler: &filler)
        filled = try filler.fill(
            guide, configuration: configuration, replacingHandEdits: replacingHandEdits, links: programs?.links)
        var plan = GuidePlan(
            path: path, original: original, filled: filled,
            coverage: GroupCoverage(filled: filled, configuration: configuration, path: path))
        plan.programs = programs
        return plan
    }
}

/// Whether a filled guide has code sections under every heading gen.yml's `groups:` names. A
/// label with a typo (`Pyhton code:`) is not a code section, so such a guide would otherwise be
/// "filled" with nothing and pass `--check`.
public struct GroupCoverage: Sendable {
    public let path: String
    public let hasSections: Bool
    /// Headings of `groups:` that no group of code sections sits under, in gen.yml's order.
    public let missing: [String]

    public init(filled: FilledGuide, configuration: GenConfiguration, path: String) {
        self.path = path
        hasSections = !filled.groups.isEmpty
        let found = Set(filled.groups.map { GroupRule.normalized($0.heading ?? "") })
        var seen: Set<String> = []
        missing = configuration.groups.map(\.heading).filter { heading in
            let key = GroupRule.normalized(heading)
            return !found.contains(key) && seen.insert(key).inserted
        }
    }

    /// For a run that writes: printed on stderr, the run goes on.
    public var warning: Diagnostic? {
        let location = Diagnostic.Location(path: path)
        if !hasSections {
            return .warning(
                "no code sections found; a code section is a paragraph that is only \"<Language> code:\" (such as \"Python code:\") or a fenced block tagged gen=<snippet>",
                at: location)
        }
        guard !missing.isEmpty else { return nil }
        return .warning("no code sections under \(headings), which groups: in gen.yml names", at: location)
    }

    /// For `--check`: a configured group missing from the guide fails the check.
    public var checkFailure: Diagnostic? {
        guard !missing.isEmpty else { return nil }
        let what =
            hasSections ? "no code sections under \(headings)" : "no code sections at all, so none under \(headings)"
        return .error(
            "\(what), which groups: in gen.yml names; fix the heading or the \"<Language> code:\" labels, or remove it from groups:",
            at: Diagnostic.Location(path: path))
    }

    private var headings: String {
        let shown = missing.prefix(3).map { "\"\(Self.shortened($0))\"" }.joined(separator: ", ")
        return missing.count > 3 ? "\(shown) and \(missing.count - 3) more headings" : shown
    }

    /// A heading cut to 60 characters.
    public static func shortened(_ heading: String) -> String {
        heading.count > 60 ? heading.prefix(59) + "…" : heading
    }
}

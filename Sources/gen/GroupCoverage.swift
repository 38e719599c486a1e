import GenConfig
import GuideFilling

/// Whether a filled guide has code sections under every heading gen.yml's `groups:` names. A
/// label with a typo (`Pyhton code:`) is not a code section, so such a guide would otherwise be
/// "filled" with nothing and pass `--check`.
struct GroupCoverage {
    let path: String
    let hasSections: Bool
    /// Headings of `groups:` that no group of code sections sits under, in gen.yml's order.
    let missing: [String]

    init(filled: FilledGuide, configuration: GenConfiguration, path: String) {
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
    var warning: String? {
        if !hasSections {
            return "\(path): warning: no code sections found; a code section is a paragraph that is only \"<Language> code:\" (such as \"Python code:\") or a fenced block tagged gen=<snippet>"
        }
        guard !missing.isEmpty else { return nil }
        return "\(path): warning: no code sections under \(headings), which groups: in gen.yml names"
    }

    /// For `--check`: a configured group missing from the guide fails the check.
    var checkFailure: GenFailure? {
        guard !missing.isEmpty else { return nil }
        let what = hasSections ? "no code sections under \(headings)" : "no code sections at all, so none under \(headings)"
        return .file(path, "\(what), which groups: in gen.yml names; fix the heading or the \"<Language> code:\" labels, or remove it from groups:")
    }

    private var headings: String {
        let shown = missing.prefix(3).map { "\"\(FillSummary.shortened($0))\"" }.joined(separator: ", ")
        return missing.count > 3 ? "\(shown) and \(missing.count - 3) more headings" : shown
    }
}

/// The one line `gen` prints for a filled guide: what was filled and where, short whatever the
/// guide's size.
enum FillSummary {
    static let listedGroups = 5

    static func line(_ filled: FilledGuide, path: String) -> String {
        let samples = filled.groups.reduce(0) { $0 + $1.languages.count }
        var line = "\(path): \(count(samples, "sample")) in \(count(filled.groups.count, "group"))"
        if !filled.removed.isEmpty {
            line += ", \(count(filled.removed.count, "stale sample")) removed"
        }
        guard !filled.groups.isEmpty else { return line }
        var parts = filled.groups.prefix(listedGroups).map { group in
            let place = group.heading.map { "\"\(shortened($0))\"" } ?? "line \(group.line)"
            return "\(group.snippet.rawValue) × \(group.languages.count) under \(place)"
        }
        if filled.groups.count > listedGroups { parts.append("and \(filled.groups.count - listedGroups) more") }
        line += " (" + parts.joined(separator: "; ") + ")"
        return line
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A heading cut to 60 characters.
    static func shortened(_ heading: String) -> String {
        heading.count > 60 ? heading.prefix(59) + "…" : heading
    }
}

import Generator
import GuideFilling

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
            let place = group.heading.map { "\"\(GroupCoverage.shortened($0))\"" } ?? "line \(group.line)"
            return "\(group.snippet.rawValue) × \(group.languages.count) under \(place)"
        }
        if filled.groups.count > listedGroups { parts.append("and \(filled.groups.count - listedGroups) more") }
        line += " (" + parts.joined(separator: "; ") + ")"
        return line
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

import GuideDocument
import SampleModel

/// A guide with its samples in place, and what was done to it.
public struct FilledGuide: Sendable {
    public let bytes: [UInt8]
    public let groups: [FilledGroup]

    /// One line for the command line: what was filled and where.
    public func summary(path: String) -> String {
        let parts = groups.map { group in
            let place = group.heading.map { "\"\($0)\"" } ?? "line \(group.line)"
            return "\(group.snippet.rawValue) × \(group.languages.count) under \(place)"
        }
        let blocks = groups.reduce(0) { $0 + $1.languages.count }
        return "\(path): \(blocks) samples in \(groups.count) groups (" + parts.joined(separator: "; ") + ")"
    }
}

/// One group of code sections and the samples it holds now.
public struct FilledGroup: Sendable, Hashable {
    public let heading: String?
    /// Line of the group's first section in the guide as read.
    public let line: Int
    public let snippet: Snippet
    public let languages: [Language]
    /// Languages whose section did not exist before and was added.
    public let inserted: [Language]
}

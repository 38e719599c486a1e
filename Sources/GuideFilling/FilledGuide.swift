import GuideDocument
import SampleModel

/// A guide with its samples in place, and what was done to it.
public struct FilledGuide: Sendable {
    public let bytes: [UInt8]
    public let groups: [FilledGroup]
    /// Generated samples taken out because the configuration no longer produces them (a
    /// language dropped from `languages:`, a heading dropped from `groups:`).
    public var removed: [RemovedSample] = []
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

/// A generated sample `gen` removed: its language and the line its section started on.
public struct RemovedSample: Sendable, Hashable {
    public let language: Language
    public let line: Int
}

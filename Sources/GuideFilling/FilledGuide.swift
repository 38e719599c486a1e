import GuideDocument
import SampleModel

/// A guide with its samples in place, and what was done to it.
public struct FilledGuide: Sendable {
    public let bytes: [UInt8]
    public let groups: [FilledGroup]
    /// Generated samples taken out because the configuration no longer produces them (a
    /// language dropped from `languages:`, a heading dropped from `groups:`).
    public var removed: [RemovedSample] = []
    /// Generated samples someone edited since `gen` wrote them, left as they are.
    public var editedByHand: [EditedSample] = []
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

/// A generated sample whose block no longer holds what `gen` wrote (its digest differs).
public struct EditedSample: Sendable, Hashable {
    public let language: Language
    public let snippet: Snippet
    /// The line of the block's opening fence.
    public let line: Int

    /// What to tell the person who edited it; the command adds `--force` to replace it.
    public var message: String {
        "the \(language.displayName) sample was edited by hand; move the change into Templates/ or gen.yml, or run gen --force to replace it"
    }
}

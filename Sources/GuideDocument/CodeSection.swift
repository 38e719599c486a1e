import SampleModel

/// One language's place in a group: a "<Language> code:" label, the fenced block `gen` wrote
/// after it (if any), or both.
public struct CodeSection: Sendable, Hashable {
    public let language: Language
    /// The label paragraph, as exported from Confluence; nil when only a tagged block is there.
    public let label: SourceRange?
    public let content: Content
    /// Where the section's tab is, for a group written as tabs (`SectionForm`); nil for a label.
    public var tab: TabPlacement? = nil

    public enum Content: Sendable, Hashable {
        /// Nothing follows the label yet: the form the Confluence export has.
        case empty
        /// A block `gen` wrote earlier, recognised by its info string (`python gen=token-request`).
        case generated(GeneratedBlock)
        /// A code block written by hand after the label; `gen` leaves it alone.
        case handWritten(SourceRange)
    }

    public init(language: Language, label: SourceRange?, content: Content, tab: TabPlacement? = nil) {
        self.language = language
        self.label = label
        self.content = content
        self.tab = tab
    }

    /// Where the section starts: its label, else its block.
    public var start: SourcePosition {
        if let label { return label.start }
        switch content {
        case .generated(let block): return block.range.start
        case .handWritten(let range): return range.start
        case .empty: preconditionFailure("a section has a label or a block")
        }
    }

    /// The last line the section occupies.
    public var lastLine: Int {
        if let tab { return tab.lastLine }
        switch content {
        case .generated(let block): return block.lastLine
        case .handWritten(let range): return range.end.line
        case .empty: return label!.end.line
        }
    }
}

/// A fenced code block `gen` wrote, found again by its info string.
public struct GeneratedBlock: Sendable, Hashable {
    public let range: SourceRange
    /// The snippet the info string names.
    public let snippet: Snippet
    /// The `SampleDigest` of what `gen` wrote, from the info string; nil in blocks written
    /// before digests were recorded (adopted as they are).
    public var recordedDigest: String? = nil
    /// The `SampleDigest` of what the block holds now (with its link line, when it has one).
    public var contentDigest: String? = nil
    /// gen's `ProgramLink` line under the block, when it has one: part of the block.
    public private(set) var link: SourceRange? = nil
    /// Whether only blank lines stand between the block and its link line. In a tab, the writer
    /// may have put lines of their own between them; those stay where they are.
    public private(set) var linkIsAdjacent = true

    /// The block's last line: its link line's when that follows it directly, else its closing fence's.
    public var lastLine: Int { linkIsAdjacent ? link?.end.line ?? range.end.line : range.end.line }

    /// The block with `range`, whose text is `text`, as its link line.
    func linked(_ range: SourceRange, text: some Collection<UInt8>, adjacent: Bool = true) -> GeneratedBlock {
        var block = self
        block.link = range
        block.linkIsAdjacent = adjacent
        block.contentDigest = contentDigest.map { ProgramLink.digest(codeDigest: $0, link: text) }
        return block
    }

    public init(range: SourceRange, snippet: Snippet, recordedDigest: String? = nil, contentDigest: String? = nil) {
        self.range = range
        self.snippet = snippet
        self.recordedDigest = recordedDigest
        self.contentDigest = contentDigest
    }

    /// The info-string attribute that marks a block as generated: `gen=<snippet>`.
    public static let attribute = "gen"

    /// The info string `gen` writes for a sample: its language, its snippet, and the digest of
    /// its code.
    public static func infoString(language: Language, snippet: Snippet, code: String) -> String {
        infoString(language: language, snippet: snippet, digest: SampleDigest.of(code))
    }

    static func infoString(language: Language, snippet: Snippet, digest: String) -> String {
        "\(language.fenceTag) \(attribute)=\(snippet.rawValue) \(SampleDigest.attribute)=\(digest)"
    }

    /// Whether someone changed the block since `gen` wrote it: what it holds no longer matches
    /// the digest it records.
    public var isEditedByHand: Bool {
        guard let recordedDigest else { return false }
        return recordedDigest != contentDigest
    }

    /// Whether an info string may be a generated block's with a recorded digest (cheap: checked
    /// for every fenced block of a guide). Wherever the words stand (`{digest=… .python gen=…}`
    /// too): a block whose digest went unread would count as edited by hand.
    static func recordsDigest(info: String) -> Bool {
        info.utf8.count > 12 && info.contains("\(SampleDigest.attribute)=") && info.contains("\(attribute)=")
    }
}

/// Consecutive code sections with nothing else between them, under one heading: the guide's
/// "Python code: / Javascript code: / PHP code:" runs.
public struct CodeSectionGroup: Sendable, Hashable {
    public let sections: [CodeSection]
    /// The text of the nearest heading above the group, which `gen.yml` maps to a snippet.
    public let heading: String?
    public let headingLine: Int?
    /// Labels, or one of the docs platforms' tab markups.
    public let form: SectionForm

    public init(sections: [CodeSection], heading: String?, headingLine: Int?, form: SectionForm = .labels) {
        self.sections = sections
        self.heading = heading
        self.headingLine = headingLine
        self.form = form
    }

    public var languages: [Language] { sections.map(\.language) }

    /// The snippet the group's generated blocks already name, if they agree on one.
    public var taggedSnippet: Snippet? {
        let snippets = Set(
            sections.compactMap { section -> Snippet? in
                if case .generated(let block) = section.content { return block.snippet }
                return nil
            })
        return snippets.count == 1 ? snippets.first : nil
    }
}

/// A language SampleGen writes samples in: an identifier, with everything else about the
/// language in its `LanguageDescriptor` (one file each under `Languages/`).
///
/// `language.displayName`, `language.fileExtension` and the other facts read through to the
/// descriptor. Nothing switches over languages; adding one is a descriptor file, its entry in
/// `allCases`, and its templates (see the README's "Adding a language").
@dynamicMemberLookup
public struct Language: Sendable, Hashable, Comparable, CaseIterable, Codable, RawRepresentable,
    CustomStringConvertible
{
    /// Every language, in the order readers see them (tabs, inserted sections, `gen --list`).
    public static let allCases: [Language] = [.curl, .python, .javascript, .php, .ruby, .go, .java, .swift]

    /// Everything SampleGen knows about the language.
    public let descriptor: LanguageDescriptor

    public init(_ descriptor: LanguageDescriptor) {
        self.descriptor = descriptor
    }

    /// The identifier: `python`, `javascript`, … (template folders, fence tags, `--lang`).
    public var rawValue: String { descriptor.name }

    public init?(rawValue: String) {
        guard let language = Language.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = language
    }

    /// Reads a language name wherever one is written — a guide label, a tab title, a `:sync:` key,
    /// a fence tag, `--lang`, gen.yml's `languages:` — through the one alias table the descriptors
    /// hold (`LanguageDescriptor.spellings`), in any case and with any blanks around it
    /// ("Javascript", " Node.js ", "PY"). Nil for a name of no language of ours (`kt`, `ts`, `c#`).
    public init?(name: some StringProtocol) {
        let spelling = LanguageDescriptor.normalised(name)
        guard let language = Language.allCases.first(where: { $0.descriptor.names(spelling) }) else { return nil }
        self = language
    }

    public subscript<Value>(dynamicMember fact: KeyPath<LanguageDescriptor, Value>) -> Value {
        descriptor[keyPath: fact]
    }

    public var description: String { rawValue }

    public static func == (lhs: Language, rhs: Language) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let language = Language(rawValue: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown language \"\(name)\"")
        }
        self = language
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Language {
    /// Whether the language has a sample of `snippet` (curl has no token manager).
    public func offers(_ snippet: Snippet) -> Bool {
        descriptor.snippets.contains(snippet)
    }

    /// The languages with a sample of `snippet`, in `allCases` order.
    public static func offering(_ snippet: Snippet) -> [Language] {
        allCases.filter { $0.offers(snippet) }
    }

    /// Every language and snippet pair that has a sample, languages in `allCases` order.
    public static var offeredPairs: [(Language, Snippet)] {
        allCases.flatMap { language in language.snippets.map { (language, $0) } }
    }
}

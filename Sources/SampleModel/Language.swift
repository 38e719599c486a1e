/// A language SampleGen writes samples in.
///
/// Adding a language means a case here, a `LiteralEncoder` for it and a folder of templates.
public enum Language: String, CaseIterable, Codable, Sendable, Comparable {
    case python
    case javascript
    case php
    case swift

    /// The name readers see, on tabs and in inserted "<Name> code:" labels.
    public var displayName: String {
        switch self {
        case .python: "Python"
        case .javascript: "JavaScript"
        case .php: "PHP"
        case .swift: "Swift"
        }
    }

    /// The word a generated fenced block's info string starts with (syntax highlighters know it).
    public var fenceTag: String { rawValue }

    /// The extension of a file holding one sample, so golden files can be run and linted as they are.
    public var fileExtension: String {
        switch self {
        case .python: "py"
        case .javascript: "mjs"
        case .php: "php"
        case .swift: "swift"
        }
    }

    /// Reads a language name as written in a guide label, a fence tag or on the command line,
    /// in any case ("Javascript", "PHP", "python").
    public init?(name: some StringProtocol) {
        let lowered = name.lowercased()
        guard let language = Language.allCases.first(where: { $0.rawValue == lowered }) else { return nil }
        self = language
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

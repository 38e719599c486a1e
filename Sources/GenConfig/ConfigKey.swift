import SampleModel

/// The mappings of gen.yml: the file itself and the two sections under it.
public typealias ConfigSection = ModelSetting.Section

/// Every key gen.yml reads: the file's own keys, and one for each model setting
/// (`ModelSetting.all`, whose entry gives its name, section, option and kind of value), so a new
/// setting is a new entry there and nothing here.
public enum ConfigKey: Sendable, Hashable, CaseIterable, RawRepresentable {
    case guide, templates, languages, groups
    /// The folder the complete programs are written into, beside the guide's concise samples.
    case completePrograms
    /// The team's OpenAPI document, and the OAuth 2.0 scheme in it, for the token URL and scopes.
    case openAPI
    case securityScheme
    case tokenRequest
    case refreshPolicy
    /// A model setting's key: its field's name.
    case setting(ModelField)

    /// The file's keys, then each setting's in the table's order.
    public static let allCases: [ConfigKey] =
        [
            .guide, .templates, .languages, .groups, .completePrograms, .openAPI, .securityScheme, .tokenRequest,
            .refreshPolicy,
        ]
        + ModelSetting.all.map { .setting($0.field) }

    public init?(rawValue: String) {
        guard let key = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = key
    }

    /// The key as gen.yml spells it.
    public var rawValue: String {
        switch self {
        case .guide: "guide"
        case .templates: "templates"
        case .languages: "languages"
        case .groups: "groups"
        case .completePrograms: "complete_programs"
        case .openAPI: "openapi"
        case .securityScheme: "security_scheme"
        case .tokenRequest: "token_request"
        case .refreshPolicy: "refresh_policy"
        case .setting(let field): field.rawValue
        }
    }

    /// The key as gen.yml spells it.
    public var name: String { rawValue }

    /// The model setting the key sets (`ModelSetting.all`); nil for keys about the file (guide,
    /// templates, …).
    public var setting: ModelSetting? {
        field.map(ModelSetting.of)
    }

    /// The mapping the key belongs in: a model setting's comes from its table entry.
    public var section: ConfigSection {
        setting?.section ?? .file
    }

    /// The mapping the key's value is, for the two section keys.
    public var subsection: ConfigSection? {
        switch self {
        case .tokenRequest: .tokenRequest
        case .refreshPolicy: .refreshPolicy
        default: nil
        }
    }

    /// The keys of one mapping, in the table's order.
    public static func keys(in section: ConfigSection) -> [ConfigKey] {
        allCases.filter { $0.section == section }
    }

    /// The model field the key sets; nil for keys about the file.
    public var field: ModelField? {
        if case .setting(let field) = self { return field }
        return nil
    }

    /// The key that sets a model field.
    public init(field: ModelField) {
        self = .setting(field)
    }

    /// The command-line option that overrides the key, for the keys `gen` offers one for.
    public var option: String? {
        setting?.option?.name
    }

    /// The option's name without its dashes, for declaring it (`@Option(name: .customLong(…))`).
    public var optionName: String? {
        option.map { String($0.dropFirst(2)) }
    }

    /// An optional text setting as given (`scope`), in gen.yml or with its option: empty means
    /// none, on both.
    public static func textOrNone(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

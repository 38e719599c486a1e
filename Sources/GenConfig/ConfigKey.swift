import SampleModel

/// The mappings of gen.yml: the file itself and the two sections under it.
public typealias ConfigSection = ModelSetting.Section

/// Every key gen.yml reads, spelled as its raw value: the file's own keys, and one for each model
/// setting (`ModelSetting.all`, whose entry gives its section, option and kind of value).
public enum ConfigKey: String, CaseIterable, Sendable, Hashable {
    // The file.
    case guide, templates, languages, groups
    /// The folder the complete programs are written into, beside the guide's concise samples.
    case completePrograms = "complete_programs"
    /// The team's OpenAPI document, and the OAuth 2.0 scheme in it, for the token URL and scopes.
    case openAPI = "openapi"
    case securityScheme = "security_scheme"
    case apiURL = "api_url"
    case tokenRequest = "token_request"
    case refreshPolicy = "refresh_policy"
    // token_request:
    case tokenURL = "token_url"
    case clientAuthentication = "client_authentication"
    case formEncodeCredentials = "form_encode_credentials"
    case clientIDInBody = "client_id_in_body"
    case scope
    case extraParameters = "extra_parameters"
    case clientIDVariable = "client_id_variable"
    case clientSecretVariable = "client_secret_variable"
    case timeoutSeconds = "timeout_seconds"
    // refresh_policy:
    case renewMarginSeconds = "renew_margin_seconds"
    case maxRenewFraction = "max_renew_fraction"
    case defaultLifetimeSeconds = "default_lifetime_seconds"
    case refreshRetryDelaySeconds = "refresh_retry_delay_seconds"
    case maxWaitSeconds = "max_wait_seconds"
    case maxAttempts = "max_attempts"
    case initialBackoffSeconds = "initial_backoff_seconds"
    case backoffJitter = "backoff_jitter"
    case maxRetryAfterSeconds = "max_retry_after_seconds"
    case retryStatuses = "retry_statuses"

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

    /// The model field the key sets: the field of the same name; nil for keys about the file.
    public var field: ModelField? {
        ModelField(rawValue: rawValue)
    }

    /// The key that sets a model field.
    public init?(field: ModelField) {
        self.init(rawValue: field.rawValue)
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

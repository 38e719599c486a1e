import SampleModel

/// The mappings of gen.yml: the file itself and the two sections under it.
public enum ConfigSection: String, Sendable, Hashable {
    case file = "the configuration"
    case tokenRequest = "token_request"
    case refreshPolicy = "refresh_policy"
}

/// Every key gen.yml reads: the one table that YAML parsing, model validation's messages and the
/// command line's options are all driven by. Its spelling is its raw value.
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

    /// The mapping the key belongs in.
    public var section: ConfigSection {
        switch self {
        case .guide, .templates, .languages, .groups, .completePrograms, .openAPI, .securityScheme, .apiURL,
            .tokenRequest, .refreshPolicy:
            .file
        case .tokenURL, .clientAuthentication, .formEncodeCredentials, .clientIDInBody, .scope, .extraParameters,
            .clientIDVariable, .clientSecretVariable, .timeoutSeconds:
            .tokenRequest
        case .renewMarginSeconds, .maxRenewFraction, .defaultLifetimeSeconds, .refreshRetryDelaySeconds,
            .maxWaitSeconds,
            .maxAttempts, .initialBackoffSeconds, .backoffJitter, .maxRetryAfterSeconds, .retryStatuses:
            .refreshPolicy
        }
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

    /// The model field the key sets; nil for keys about the file (guide, templates, …).
    public var field: ModelField? {
        switch self {
        case .guide, .templates, .languages, .groups, .completePrograms, .openAPI, .securityScheme, .tokenRequest,
            .refreshPolicy:
            nil
        case .apiURL: .apiURL
        case .tokenURL: .tokenURL
        case .clientAuthentication: .clientAuthentication
        case .formEncodeCredentials: .formEncodesBasicCredentials
        case .clientIDInBody: .sendsClientIDInBody
        case .scope: .scope
        case .extraParameters: .extraParameters
        case .clientIDVariable: .clientIDVariable
        case .clientSecretVariable: .clientSecretVariable
        case .timeoutSeconds: .timeoutSeconds
        case .renewMarginSeconds: .renewMarginSeconds
        case .maxRenewFraction: .maxRenewFraction
        case .defaultLifetimeSeconds: .defaultLifetimeSeconds
        case .refreshRetryDelaySeconds: .refreshRetryDelaySeconds
        case .maxWaitSeconds: .maxWaitSeconds
        case .maxAttempts: .maxAttempts
        case .initialBackoffSeconds: .initialBackoffSeconds
        case .backoffJitter: .backoffJitter
        case .maxRetryAfterSeconds: .maxRetryAfterSeconds
        case .retryStatuses: .retryStatuses
        }
    }

    /// The key that sets a model field.
    public init?(field: ModelField) {
        guard let key = Self.allCases.first(where: { $0.field == field }) else { return nil }
        self = key
    }

    /// The command-line option that overrides the key, for the keys `gen` offers one for.
    public var option: String? {
        switch self {
        case .apiURL: "--api-url"
        case .tokenURL: "--token-url"
        case .clientAuthentication: "--client-authentication"
        case .formEncodeCredentials: "--form-encode-credentials"
        case .clientIDInBody: "--client-id-in-body"
        case .scope: "--scope"
        case .clientIDVariable: "--client-id-variable"
        case .clientSecretVariable: "--client-secret-variable"
        case .timeoutSeconds: "--timeout"
        case .guide, .templates, .languages, .groups, .completePrograms, .openAPI, .securityScheme, .tokenRequest,
            .refreshPolicy, .extraParameters,
            .renewMarginSeconds, .maxRenewFraction, .defaultLifetimeSeconds, .refreshRetryDelaySeconds, .maxWaitSeconds,
            .maxAttempts, .initialBackoffSeconds, .backoffJitter, .maxRetryAfterSeconds, .retryStatuses:
            nil
        }
    }

    /// The option's name without its dashes, for declaring it (`@Option(name: .customLong(…))`).
    public var optionName: String? {
        option.map { String($0.dropFirst(2)) }
    }

    /// A scope as given, in gen.yml or with `--scope`: empty means no scope, on both.
    public static func scope(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

/// One setting of the client model as people give it, and the one table of them (`all`).
///
/// Each entry says where gen.yml writes the setting (its section; the key is the field's name),
/// where the model keeps it, what kind of value it is — which decides how gen.yml and the command
/// line read and check it and which values templates get — and the option that overrides it, with
/// its `--help` text. Reading gen.yml (`ConfigFile`), applying the command line's values
/// (`ModelOverrides`), declaring the options and building the template context (`SampleContext`)
/// all walk this table; none of them lists the settings again.
public struct ModelSetting: Sendable {
    /// The mapping of gen.yml the key belongs in.
    public enum Section: String, Sendable, Hashable {
        case file = "the configuration"
        case tokenRequest = "token_request"
        case refreshPolicy = "refresh_policy"
    }

    /// What kind of value a setting holds, and where the model keeps it. The kind decides how it
    /// is read and which template values it gives (see `SampleContext`).
    public enum Value: Sendable {
        /// An endpoint (`EndpointURL`): one string literal.
        case url(WritableKeyPath<ClientModel, EndpointURL> & Sendable)
        /// Where a credential comes from: a string literal (`client_id_env`) and the bare name
        /// (`client_id_variable`).
        case variableName(WritableKeyPath<ClientModel, EnvironmentVariableName> & Sendable)
        /// The client authentication method: one flag per method (`client_secret_basic`, …).
        case clientAuthentication(WritableKeyPath<ClientModel, ClientAuthentication> & Sendable)
        /// A flag.
        case flag(WritableKeyPath<ClientModel, Bool> & Sendable)
        /// A number literal; a `*_seconds` setting also gives `*_duration`, the language's duration.
        case number(WritableKeyPath<ClientModel, Double> & Sendable)
        /// An integer literal.
        case count(WritableKeyPath<ClientModel, Int> & Sendable)
        /// A string literal, or no value: absent in gen.yml keeps the default, an empty string
        /// sets none, and the template value is then absent (`{{#scope}}…{{/scope}}`).
        case optionalText(WritableKeyPath<ClientModel, String?> & Sendable)
        /// Extra form fields: rows of `{name, value}` string literals.
        case formParameters(WritableKeyPath<ClientModel, [FormParameter]> & Sendable)
        /// HTTP statuses: comma-separated integer literals.
        case statuses(WritableKeyPath<ClientModel, [Int]> & Sendable)
    }

    /// `gen`'s option for a setting and what `gen --help` says about it.
    public struct Option: Sendable {
        /// `--timeout`.
        public let name: String
        public let help: String
        /// The value's name in `--help` (`url`); nil for a flag (`--x` / `--no-x`).
        public let valueName: String?
    }

    public let field: ModelField
    public let section: Section
    public let value: Value
    /// What gen.yml's comment beside the key says (`gen init` writes it).
    public let comment: String
    /// Nil for the settings only gen.yml sets.
    public let option: Option?

    init(_ field: ModelField, _ section: Section, _ value: Value, comment: String, option: Option? = nil) {
        self.field = field
        self.section = section
        self.value = value
        self.comment = comment
        self.option = option
    }

    /// The setting's gen.yml key, which is also its template value's name.
    public var name: String { field.rawValue }

    /// Every setting, in the order gen.yml documents them.
    public static let all: [ModelSetting] = [
        .init(
            .apiURL, .file, .url(\.apiURL),
            comment: "The protected API the token-refresh sample calls to show the token in use.",
            option: Option(name: "--api-url", help: "The API the token-refresh sample calls.", valueName: "url")),
        .init(
            .tokenURL, .tokenRequest, .url(\.tokenRequest.tokenURL),
            comment: "Replace with your authorization server's token endpoint (https; http only for a loopback host), "
                + "or name your OpenAPI document below.",
            option: Option(
                name: "--token-url", help: "The token endpoint (https; http only for loopback hosts).",
                valueName: "url")),
        .init(
            .clientAuthentication, .tokenRequest, .clientAuthentication(\.tokenRequest.clientAuthentication),
            comment: "or client_secret_post",
            option: Option(
                name: "--client-authentication", help: "client_secret_basic or client_secret_post.",
                valueName: "method")),
        .init(
            .formEncodesBasicCredentials, .tokenRequest, .flag(\.tokenRequest.formEncodesBasicCredentials),
            comment: "RFC 6749 §2.3.1; false only for servers that do not decode",
            option: Option(
                name: "--form-encode-credentials",
                help: "Form-encode the ID and secret before Basic encodes them (RFC 6749 §2.3.1).", valueName: nil)),
        .init(
            .sendsClientIDInBody, .tokenRequest, .flag(\.tokenRequest.sendsClientIDInBody),
            comment: "client_id in the body too",
            option: Option(
                name: "--client-id-in-body", help: "Send client_id in the body too, as the guide does.",
                valueName: nil)),
        .init(
            .scope, .tokenRequest, .optionalText(\.tokenRequest.scope),
            comment: "e.g. \"read write\"; no value: the openapi: document's scopes (else none); \"\" requests none",
            option: Option(
                name: "--scope", help: "The scope to request; an empty string requests none.", valueName: "scope")),
        .init(
            .extraParameters, .tokenRequest, .formParameters(\.tokenRequest.extraParameters),
            comment: "e.g. {audience: \"https://api.example.com\"}"),
        .init(
            .clientIDVariable, .tokenRequest, .variableName(\.tokenRequest.credentials.clientIDVariable),
            comment: "the environment variable the samples read",
            option: Option(
                name: "--client-id-variable", help: "Environment variable the samples read the client ID from.",
                valueName: "name")),
        .init(
            .clientSecretVariable, .tokenRequest, .variableName(\.tokenRequest.credentials.clientSecretVariable),
            comment: "the environment variable the samples read",
            option: Option(
                name: "--client-secret-variable",
                help: "Environment variable the samples read the client secret from.", valueName: "name")),
        .init(
            .timeoutSeconds, .tokenRequest, .number(\.tokenRequest.timeoutSeconds),
            comment: "each request's time limit",
            option: Option(name: "--timeout", help: "Token request timeout in seconds.", valueName: "seconds")),
        .init(
            .renewMarginSeconds, .refreshPolicy, .number(\.refreshPolicy.renewMarginSeconds),
            comment: "renew this long before expiry..."),
        .init(
            .maxRenewFraction, .refreshPolicy, .number(\.refreshPolicy.maxRenewFraction),
            comment: "...but never more than this part of the token's lifetime"),
        .init(
            .defaultLifetimeSeconds, .refreshPolicy, .number(\.refreshPolicy.defaultLifetimeSeconds),
            comment: "when the answer has no expires_in"),
        .init(
            .refreshRetryDelaySeconds, .refreshPolicy, .number(\.refreshPolicy.refreshRetryDelaySeconds),
            comment: "after a failed renewal of a usable token, wait this long"),
        .init(
            .maxWaitSeconds, .refreshPolicy, .number(\.refreshPolicy.maxWaitSeconds),
            comment: "the longest a caller waits when no token is usable"),
        .init(
            .maxAttempts, .refreshPolicy, .count(\.refreshPolicy.retry.maxAttempts), comment: "tries per token request"),
        .init(
            .initialBackoffSeconds, .refreshPolicy, .number(\.refreshPolicy.retry.initialBackoffSeconds),
            comment: "doubled on each retry"),
        .init(
            .backoffJitter, .refreshPolicy, .number(\.refreshPolicy.retry.jitterFraction),
            comment: "a random part of each wait: 0.1 is ±10 %"),
        .init(
            .maxRetryAfterSeconds, .refreshPolicy, .number(\.refreshPolicy.retry.maxRetryAfterSeconds),
            comment: "the longest Retry-After honoured"),
        .init(
            .retryStatuses, .refreshPolicy, .statuses(\.refreshPolicy.retry.retryableStatuses),
            comment: "HTTP statuses retried"),
    ]

    /// The setting of a model field.
    public static func of(_ field: ModelField) -> ModelSetting {
        guard let setting = byField[field] else { preconditionFailure("\(field) has no entry in ModelSetting.all") }
        return setting
    }

    private static let byField = Dictionary(uniqueKeysWithValues: all.map { ($0.field, $0) })
}

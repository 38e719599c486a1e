import Mustache
import SampleModel

/// The values a template sees, every one already a literal of the template's language.
///
/// `Templates/README.md` documents each value under its template name (`templateNames`); a
/// template naming anything else fails to render (see `SampleRenderer`). A value the model does
/// not have (`scope`) is nil: `{{#scope}}…{{/scope}}` then renders nothing and `{{^scope}}` its
/// body, as for a false flag.
public struct SampleContext: Sendable, Hashable {
    /// One extra form field, both parts string literals.
    public struct FormField: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    public let tokenURL: String
    public let apiURL: String
    /// The environment variables' names as string literals…
    public let clientIDEnv: String
    public let clientSecretEnv: String
    /// …and bare, validated identifiers, for prose and comments.
    public let clientIDVariable: String
    public let clientSecretVariable: String
    public let clientSecretBasic: Bool
    public let clientSecretPost: Bool
    public let formEncodeCredentials: Bool
    public let clientIDInBody: Bool
    public let scope: String?
    public let extraParameters: [FormField]
    public let timeoutSeconds: String
    public let renewMarginSeconds: String
    public let maxRenewFraction: String
    public let defaultLifetimeSeconds: String
    public let refreshRetryDelaySeconds: String
    public let maxWaitSeconds: String
    public let maxAttempts: String
    /// `maxAttempts` is more than 1, so retry and backoff code is rendered.
    public let retries: Bool
    public let initialBackoffSeconds: String
    public let backoffJitter: String
    public let maxRetryAfterSeconds: String
    /// Comma-separated integer literals.
    public let retryStatuses: String
    /// The `*_seconds` durations as literals of the language's duration type (`LiteralEncoder.durationLiteral`).
    public let durations: [String: String]

    public init(model: ClientModel, encoder: some LiteralEncoder) {
        let request = model.tokenRequest
        let policy = model.refreshPolicy
        let retry = policy.retry
        let number = encoder.numberLiteral
        tokenURL = encoder.stringLiteral(request.tokenURL.text)
        apiURL = encoder.stringLiteral(model.apiURL.text)
        clientIDEnv = encoder.stringLiteral(request.credentials.clientIDVariable.name)
        clientSecretEnv = encoder.stringLiteral(request.credentials.clientSecretVariable.name)
        clientIDVariable = request.credentials.clientIDVariable.name
        clientSecretVariable = request.credentials.clientSecretVariable.name
        clientSecretBasic = request.clientAuthentication == .clientSecretBasic
        clientSecretPost = request.clientAuthentication == .clientSecretPost
        formEncodeCredentials = request.formEncodesBasicCredentials
        clientIDInBody = request.bodyCarriesClientID
        scope = request.scope.map(encoder.stringLiteral)
        extraParameters = request.extraParameters.map { parameter in
            FormField(name: encoder.stringLiteral(parameter.name), value: encoder.stringLiteral(parameter.value))
        }
        timeoutSeconds = number(request.timeoutSeconds)
        renewMarginSeconds = number(policy.renewMarginSeconds)
        maxRenewFraction = number(policy.maxRenewFraction)
        defaultLifetimeSeconds = number(policy.defaultLifetimeSeconds)
        refreshRetryDelaySeconds = number(policy.refreshRetryDelaySeconds)
        maxWaitSeconds = number(policy.maxWaitSeconds)
        maxAttempts = number(Double(retry.maxAttempts))
        retries = retry.maxAttempts > 1
        initialBackoffSeconds = number(retry.initialBackoffSeconds)
        backoffJitter = number(retry.jitterFraction)
        maxRetryAfterSeconds = number(retry.maxRetryAfterSeconds)
        retryStatuses = retry.retryableStatuses.map { String($0) }.joined(separator: ", ")
        durations = [
            "timeout_duration": request.timeoutSeconds,
            "renew_margin_duration": policy.renewMarginSeconds,
            "default_lifetime_duration": policy.defaultLifetimeSeconds,
            "refresh_retry_delay_duration": policy.refreshRetryDelaySeconds,
            "max_wait_duration": policy.maxWaitSeconds,
            "initial_backoff_duration": retry.initialBackoffSeconds,
            "max_retry_after_duration": retry.maxRetryAfterSeconds,
        ].mapValues { encoder.durationLiteral(seconds: $0) }
    }

    /// The names templates use, each with its value: a literal, a flag, nil for an absent
    /// value, or a list of rows (`{{#extra_parameters}}{{name}}={{value}}{{/extra_parameters}}`).
    static let values: [String: @Sendable (SampleContext) -> Any?] = [
        "token_url": { $0.tokenURL },
        "api_url": { $0.apiURL },
        "client_id_env": { $0.clientIDEnv },
        "client_secret_env": { $0.clientSecretEnv },
        "client_id_variable": { $0.clientIDVariable },
        "client_secret_variable": { $0.clientSecretVariable },
        "client_secret_basic": { $0.clientSecretBasic },
        "client_secret_post": { $0.clientSecretPost },
        "form_encode_credentials": { $0.formEncodeCredentials },
        "client_id_in_body": { $0.clientIDInBody },
        "scope": { $0.scope },
        "extra_parameters": { $0.extraParameters },
        "timeout_seconds": { $0.timeoutSeconds },
        "renew_margin_seconds": { $0.renewMarginSeconds },
        "max_renew_fraction": { $0.maxRenewFraction },
        "default_lifetime_seconds": { $0.defaultLifetimeSeconds },
        "refresh_retry_delay_seconds": { $0.refreshRetryDelaySeconds },
        "max_wait_seconds": { $0.maxWaitSeconds },
        "max_attempts": { $0.maxAttempts },
        "retries": { $0.retries },
        "initial_backoff_seconds": { $0.initialBackoffSeconds },
        "backoff_jitter": { $0.backoffJitter },
        "max_retry_after_seconds": { $0.maxRetryAfterSeconds },
        "retry_statuses": { $0.retryStatuses },
        "timeout_duration": { $0.durations["timeout_duration"] },
        "renew_margin_duration": { $0.durations["renew_margin_duration"] },
        "default_lifetime_duration": { $0.durations["default_lifetime_duration"] },
        "refresh_retry_delay_duration": { $0.durations["refresh_retry_delay_duration"] },
        "max_wait_duration": { $0.durations["max_wait_duration"] },
        "initial_backoff_duration": { $0.durations["initial_backoff_duration"] },
        "max_retry_after_duration": { $0.durations["max_retry_after_duration"] },
    ]

    /// Every name a template may use at the top level (`Templates/README.md` lists them).
    public static var templateNames: Set<String> { Set(values.keys) }

    /// The names a row of `extra_parameters` adds inside its section.
    public static let formFieldNames: Set<String> = ["name", "value"]
}

extension SampleContext.FormField: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": value
        default: nil
        }
    }
}

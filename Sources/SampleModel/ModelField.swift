/// A value of the client model that validation can refuse. The configuration file maps it to
/// its YAML key, the command line to its option.
///
/// Its raw value is the name a person knows the value by, its gen.yml key (`extra_parameters`),
/// so a message that names the field names it as the user wrote it, never as Swift spells it
/// (`ConfigKey` checks that each agrees with the key it maps to).
public enum ModelField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case tokenURL = "token_url"
    case apiURL = "api_url"
    case clientAuthentication = "client_authentication"
    case formEncodesBasicCredentials = "form_encode_credentials"
    case sendsClientIDInBody = "client_id_in_body"
    case scope
    case extraParameters = "extra_parameters"
    case clientIDVariable = "client_id_variable"
    case clientSecretVariable = "client_secret_variable"
    case timeoutSeconds = "timeout_seconds"
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

    /// The field's gen.yml key, for messages that reach the user without a place to name it.
    public var description: String { rawValue }
}

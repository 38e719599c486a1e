import SampleModel

/// The values a template sees, every one already a literal of the template's language.
///
/// `Templates/README.md` documents each key for template writers; a template naming a key not
/// listed here fails to render (see `SampleRenderer`).
public struct SampleContext: Sendable {
    /// Key → value: a literal (`String`), a flag (`Bool`) or a list of `[String: String]` rows.
    public let values: [String: any Sendable]

    public init(model: ClientModel, encoder: some LiteralEncoder) {
        let request = model.tokenRequest
        let policy = model.refreshPolicy
        let retry = policy.retry
        let number = encoder.numberLiteral
        values = [
            "token_url": encoder.stringLiteral(request.tokenURL.text),
            "api_url": encoder.stringLiteral(model.apiURL.text),
            "client_id_env": encoder.stringLiteral(request.credentials.clientIDVariable.name),
            "client_secret_env": encoder.stringLiteral(request.credentials.clientSecretVariable.name),
            "client_id_variable": request.credentials.clientIDVariable.name,
            "client_secret_variable": request.credentials.clientSecretVariable.name,
            "client_secret_basic": request.clientAuthentication == .clientSecretBasic,
            "client_secret_post": request.clientAuthentication == .clientSecretPost,
            "form_encode_credentials": request.formEncodesBasicCredentials,
            "client_id_in_body": request.bodyCarriesClientID,
            "scope": request.scope.map(encoder.stringLiteral) ?? false,
            "extra_parameters": request.extraParameters.map { parameter in
                ["name": encoder.stringLiteral(parameter.name), "value": encoder.stringLiteral(parameter.value)]
            },
            "timeout_seconds": number(request.timeoutSeconds),
            "renew_margin_seconds": number(policy.renewMarginSeconds),
            "max_renew_fraction": number(policy.maxRenewFraction),
            "default_lifetime_seconds": number(policy.defaultLifetimeSeconds),
            "refresh_retry_delay_seconds": number(policy.refreshRetryDelaySeconds),
            "max_wait_seconds": number(policy.maxWaitSeconds),
            "max_attempts": number(Double(retry.maxAttempts)),
            "retries": retry.maxAttempts > 1,
            "initial_backoff_seconds": number(retry.initialBackoffSeconds),
            "backoff_jitter": number(retry.jitterFraction),
            "max_retry_after_seconds": number(retry.maxRetryAfterSeconds),
            "retry_statuses": retry.retryableStatuses.map { String($0) }.joined(separator: ", "),
        ]
    }
}

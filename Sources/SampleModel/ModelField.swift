/// A value of the client model that validation can refuse. The configuration file maps it to
/// its YAML key, the command line to its option; the model itself knows neither.
public enum ModelField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case tokenURL, apiURL, clientAuthentication, formEncodesBasicCredentials, sendsClientIDInBody, scope
    case extraParameters, clientIDVariable, clientSecretVariable, timeoutSeconds
    case renewMarginSeconds, maxRenewFraction, defaultLifetimeSeconds, refreshRetryDelaySeconds, maxWaitSeconds
    case maxAttempts, initialBackoffSeconds, backoffJitter, maxRetryAfterSeconds, retryStatuses

    /// The field's name in Swift, for messages nothing maps to a key or an option.
    public var description: String { rawValue }
}

/// How a token manager keeps its access token fresh.
///
/// Defaults: renew 300 s before expiry (MSAL, google-auth-library-nodejs and Azure Identity use
/// 300 s) but never more than half the token's lifetime, so a 60 s token is not renewed on every
/// call; assume 600 s (MSAL's choice) when the server leaves out `expires_in`.
///
/// Under failure (as Azure Identity and MSAL behave): a cached token is *usable* until it expires and
/// *due* from its renew-at instant. While a usable token exists no caller waits for a renewal or
/// sees its failure: the renewal is one attempt in the background, and after a failure the next is
/// not made before `refreshRetryDelaySeconds` (or a longer `Retry-After`), never later than expiry.
/// Without a usable token, callers share one request with retries, bounded by `maxWaitSeconds`.
///
/// Fixed by design rather than configurable: expiry is measured on a monotonic clock read before
/// the request is sent; one in-flight token request is shared by all concurrent callers; a failed
/// renewal keeps a still-valid token; `token_type` is compared to `bearer` case-insensitively; a
/// `refresh_token` is ignored (RFC 6749 §4.4.3); a 401 from the API drops the token that failed
/// and retries the call once.
public struct RefreshPolicy: Codable, Sendable, Hashable {
    public var renewMarginSeconds: Double
    /// The renew margin never exceeds this fraction of the token's lifetime.
    public var maxRenewFraction: Double
    /// Lifetime assumed when the answer has no usable `expires_in`.
    public var defaultLifetimeSeconds: Double
    /// After a failed renewal of a still-usable token, the next attempt waits this long (Azure
    /// Identity's `DEFAULT_TOKEN_REFRESH_RETRY_DELAY`), so an outage costs one request per delay.
    public var refreshRetryDelaySeconds: Double
    /// The longest a caller waits for a token when none is usable, retries and backoff included.
    public var maxWaitSeconds: Double
    public var retry: RetryPolicy

    public init(
        renewMarginSeconds: Double = 300,
        maxRenewFraction: Double = 0.5,
        defaultLifetimeSeconds: Double = 600,
        refreshRetryDelaySeconds: Double = 30,
        maxWaitSeconds: Double = 60,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.renewMarginSeconds = renewMarginSeconds
        self.maxRenewFraction = maxRenewFraction
        self.defaultLifetimeSeconds = defaultLifetimeSeconds
        self.refreshRetryDelaySeconds = refreshRetryDelaySeconds
        self.maxWaitSeconds = maxWaitSeconds
        self.retry = retry
    }

    public func validate() throws(ModelError) {
        guard renewMarginSeconds >= 0, renewMarginSeconds <= 86_400 else {
            throw .outOfRange(field: .renewMarginSeconds, value: renewMarginSeconds, expected: "from 0 to 86400")
        }
        guard maxRenewFraction >= 0, maxRenewFraction < 1 else {
            throw .outOfRange(field: .maxRenewFraction, value: maxRenewFraction, expected: "at least 0 and less than 1")
        }
        guard defaultLifetimeSeconds > 0, defaultLifetimeSeconds <= 86_400 else {
            throw .outOfRange(
                field: .defaultLifetimeSeconds, value: defaultLifetimeSeconds, expected: "more than 0 and at most 86400"
            )
        }
        guard refreshRetryDelaySeconds > 0, refreshRetryDelaySeconds <= 3600 else {
            throw .outOfRange(
                field: .refreshRetryDelaySeconds, value: refreshRetryDelaySeconds,
                expected: "more than 0 and at most 3600")
        }
        guard maxWaitSeconds > 0, maxWaitSeconds <= 3600 else {
            throw .outOfRange(field: .maxWaitSeconds, value: maxWaitSeconds, expected: "more than 0 and at most 3600")
        }
        try retry.validate()
    }
}

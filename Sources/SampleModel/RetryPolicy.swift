/// When a sample asks the token endpoint again after a failure.
///
/// Defaults: 3 attempts, 1 s doubling with ±10 % jitter, a server's `Retry-After` honoured up to
/// 60 s — what the widely used client libraries do. 400 and 401 are never retried: asking again
/// with the same credentials cannot succeed.
public struct RetryPolicy: Codable, Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Delay before the first retry; each later retry doubles it.
    public var initialBackoffSeconds: Double
    /// Random spread applied to each delay, as a fraction (0.1 is ±10 %).
    public var jitterFraction: Double
    /// The most a server's `Retry-After` may make a sample wait.
    public var maxRetryAfterSeconds: Double
    /// Answers worth retrying; network errors and timeouts are always retried.
    public var retryableStatuses: [Int]

    public init(
        maxAttempts: Int = 3,
        initialBackoffSeconds: Double = 1,
        jitterFraction: Double = 0.1,
        maxRetryAfterSeconds: Double = 60,
        retryableStatuses: [Int] = [408, 429, 500, 502, 503, 504]
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoffSeconds = initialBackoffSeconds
        self.jitterFraction = jitterFraction
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
        self.retryableStatuses = retryableStatuses
    }

    public func validate() throws(ModelError) {
        guard (1...10).contains(maxAttempts) else {
            throw .outOfRange(field: .maxAttempts, value: Double(maxAttempts), expected: "from 1 to 10")
        }
        guard initialBackoffSeconds >= 0, initialBackoffSeconds <= 60 else {
            throw .outOfRange(field: .initialBackoffSeconds, value: initialBackoffSeconds, expected: "from 0 to 60")
        }
        guard jitterFraction >= 0, jitterFraction < 1 else {
            throw .outOfRange(field: .backoffJitter, value: jitterFraction, expected: "at least 0 and less than 1")
        }
        guard maxRetryAfterSeconds >= 0, maxRetryAfterSeconds <= 3600 else {
            throw .outOfRange(field: .maxRetryAfterSeconds, value: maxRetryAfterSeconds, expected: "from 0 to 3600")
        }
        for status in retryableStatuses {
            guard (400...599).contains(status) else {
                throw .outOfRange(
                    field: .retryStatuses, value: Double(status), expected: "an HTTP error status (400 to 599)")
            }
            guard status != 400, status != 401 else { throw .unretryableStatus(status) }
        }
    }
}

/// How much of a snippet a sample shows. The guide teaches with the concise form; readers who
/// ship take the complete program, which survives an outage. Both come from the one model and
/// share their file name, run line and public names, so either can stand in for the other.
public enum SampleForm: String, CaseIterable, Codable, Sendable {
    /// The few lines that matter: the request as the model says, a timeout, a clear failure.
    case concise
    /// Every behaviour of the refresh policy: retries, backoff, cool-down, size limits.
    case complete
}

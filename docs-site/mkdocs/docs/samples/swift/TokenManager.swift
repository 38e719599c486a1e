// TokenManager: an OAuth 2.0 client-credentials token manager (RFC 6749 §4.4). It caches the access
// token, renews it in the background shortly before it expires, shares one token request among
// concurrent callers and retries an API call once with a new token after a 401.
// While no token is usable, it retries the token endpoint with backoff.
// Swift 6.0 or later; on Apple platforms, macOS 13 or iOS 16 or later.
// Run: swiftc -parse-as-library TokenManager.swift -o token-manager
//      CLIENT_ID=... CLIENT_SECRET=... ./token-manager
// The credentials come from those environment variables unless passed to TokenManager.init.
// In your own program, delete the @main type at the end and share one TokenManager.
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking  // URLSession on Linux
#endif

private let tokenURL = URL(string: "https://auth.example.com/oauth2/token")!

actor TokenManager {
    static let clientIDVariable = "CLIENT_ID"
    static let clientSecretVariable = "CLIENT_SECRET"
    static let timeoutSeconds: Double = 20  // one token request, from connect to the last body byte
    static let renewMarginSeconds: Double = 300  // renew this long before expiry...
    static let maxRenewFraction: Double = 0.5  // ...but at most this fraction of the lifetime
    static let defaultLifetimeSeconds: Double = 600  // when the server sends no expires_in
    static let refreshRetryDelaySeconds: Double = 30  // after a failed renewal, wait this long
    static let maxWaitSeconds: Double = 60  // the longest a caller waits when no token is usable
    static let maxAttempts = 3  // token requests in all while no token is usable
    static let initialBackoffSeconds: Double = 1  // doubled on each retry
    static let backoffJitter: Double = 0.1  // ± this fraction of random jitter on each delay
    static let retryStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]
    static let maxRetryAfterSeconds: Double = 60  // cap on the server's Retry-After

    private let clientID: String
    private let clientSecret: String
    private let session = URLSession(configuration: .ephemeral)  // for the API calls
    private var cached: (token: String, renewAt: ContinuousClock.Instant, expiresAt: ContinuousClock.Instant)?
    private var renewal: Task<Void, Never>?  // the one background renewal in flight
    private var renewalAllowedAt = ContinuousClock.now  // the cool-down after a failed renewal ends here
    private var waiting: Task<String, any Error>?  // the one request that callers without a usable token share

    init(clientID: String? = nil, clientSecret: String? = nil) throws {
        self.clientID = try clientID ?? Self.environment(Self.clientIDVariable)
        self.clientSecret = try clientSecret ?? Self.environment(Self.clientSecretVariable)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Returns the cached token at once while it has not expired, starting a background renewal
    /// when it is due; a failed renewal never reaches the caller. Without a usable token, waits
    /// for a new one, at most maxWaitSeconds.
    func token() async throws -> String {
        let now = ContinuousClock.now
        if let cached, now < cached.expiresAt {
            if now >= cached.renewAt, now >= renewalAllowedAt, renewal == nil {
                renewal = Task { await renewInBackground() }  // not awaited
            }
            return cached.token
        }
        let task = waiting ?? Task { try await newToken() }
        waiting = task
        return try await task.value
    }

    /// Drops the cached token; given a token, only if that is still the cached one.
    func invalidate(_ token: String? = nil) {
        if token == nil || token == cached?.token { cached = nil }
    }

    /// Sends `request` with `Authorization: Bearer <token>` (RFC 6750 §2.1). On a 401 the token was
    /// revoked or expired early: drop it (unless another caller already replaced it), get a token
    /// again and retry once. A second 401 is returned to the caller.
    func data(for request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let token = try await token()
        let (data, response) = try await send(request, bearer: token)
        guard response.statusCode == 401 else { return (data, response) }
        invalidate(token)
        return try await send(request, bearer: try await self.token())
    }

    /// One attempt that no caller awaits. After a failure the cached token stays in use, and the
    /// next attempt waits out refreshRetryDelaySeconds, or a longer Retry-After.
    private func renewInBackground() async {
        defer { renewal = nil }
        do {
            _ = try await attempt(within: .seconds(Self.timeoutSeconds))
        } catch {
            let retryAfter = Self.retryAfter(error as? TokenError) ?? .zero
            renewalAllowedAt = .now + max(.seconds(Self.refreshRetryDelaySeconds), retryAfter)
        }
    }

    /// The request that callers without a usable token share: attempts with backoff, at most
    /// maxWaitSeconds in all. It runs on the actor after token() stored it and clears it before it
    /// ends, so nobody can join a request that has already finished.
    private func newToken() async throws -> String {
        defer { waiting = nil }
        let deadline = ContinuousClock.now + .seconds(Self.maxWaitSeconds)
        await renewal?.value  // a background renewal under way ends first, within timeoutSeconds
        if let cached, ContinuousClock.now < cached.expiresAt { return cached.token }
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await attempt(within: min(.seconds(Self.timeoutSeconds), deadline - .now))
            } catch let error as TokenError {
                let transient = error.status.map { Self.retryStatuses.contains($0) } ?? true  // nil: no answer
                guard transient, attempts < Self.maxAttempts else { throw Self.failed(error, attempts: attempts) }
                let delay = Self.retryAfter(error) ?? Self.backoff(attempts)
                guard ContinuousClock.now + delay < deadline else {
                    let note = ", no time left to retry within \(Self.maxWaitSeconds) s"
                    throw Self.failed(error, attempts: attempts, note: note)
                }
                try await Task.sleep(for: delay)
            }
        }
    }

    /// One token request; stores and returns the token.
    private func attempt(within timeout: Duration) async throws -> String {
        let start = ContinuousClock.now  // read before sending: the lifetime counts from here
        let answer = try await requestToken(clientID: clientID, clientSecret: clientSecret, timeout: timeout)
        let token = answer.accessToken ?? ""  // requestToken checked that it is there
        let lifetime = answer.expiresIn.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? Self.defaultLifetimeSeconds
        // The margin is capped so that a short-lived token is not renewed on every call.
        let margin = min(Self.renewMarginSeconds, lifetime * Self.maxRenewFraction)
        cached = (token, start + .seconds(lifetime - margin), start + .seconds(lifetime))
        renewalAllowedAt = .now  // a renewal that failed before this token no longer delays the next
        return token
    }

    private func send(_ request: URLRequest, bearer token: String) async throws -> (Data, HTTPURLResponse) {
        var request = request
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        guard let response = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, response)
    }

    /// The last attempt's error, saying how many attempts were made.
    private static func failed(_ error: TokenError, attempts: Int, note: String = "") -> TokenError {
        guard attempts > 1 || !note.isEmpty else { return error }
        let description = "\(error.description) (\(attempts) attempt\(attempts > 1 ? "s" : "")\(note))"
        return TokenError(
            description: description, status: error.status, error: error.error,
            errorDescription: error.errorDescription, retryAfter: error.retryAfter)
    }

    /// Delay before retry `attempt` (1, 2, …): exponential backoff with random jitter.
    private static func backoff(_ attempt: Int) -> Duration {
        let jitter = 1 + Double.random(in: -backoffJitter...backoffJitter)
        return .seconds(initialBackoffSeconds * pow(2, Double(attempt - 1)) * jitter)
    }

    /// The wait a failed request's Retry-After asked for, in seconds or as an HTTP-date (RFC 9110 §10.2.3), capped.
    private static func retryAfter(_ error: TokenError?) -> Duration? {
        guard let value = error?.retryAfter?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard let seconds = UInt(value).map(Double.init) ?? httpDate.date(from: value)?.timeIntervalSinceNow else {
            return nil
        }
        return .seconds(min(max(seconds, 0), maxRetryAfterSeconds))
    }

    /// RFC 9110's IMF-fixdate; one formatter, which is thread-safe for parsing.
    private static let httpDate = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter
    }()

    private static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TokenError(description: "set the \(name) environment variable")
        }
        return value
    }
}

/// POSTs the client-credentials grant (RFC 6749 §4.4.2) and returns the token, within `timeout`.
func requestToken(clientID: String, clientSecret: String, timeout: Duration) async throws -> TokenResponse {
    var form = [("grant_type", "client_credentials")]
    form.append(("client_id", clientID))
    var request = URLRequest(url: tokenURL)
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    let credentials = "\(formEncode(clientID)):\(formEncode(clientSecret))"  // RFC 6749 §2.3.1
    request.setValue("Basic \(Data(credentials.utf8).base64EncodedString())", forHTTPHeaderField: "Authorization")
    request.httpBody = Data(form.map { "\(formEncode($0))=\(formEncode($1))" }.joined(separator: "&").utf8)
    let (data, response) = try await send(request, within: timeout)
    let status = response.statusCode
    let retryAfter = response.value(forHTTPHeaderField: "Retry-After")
    guard let answer = try? JSONDecoder().decode(TokenResponse.self, from: data) else {
        let message = "token request failed with HTTP \(status): the answer is not JSON"
        throw TokenError(description: message, status: status, retryAfter: retryAfter)
    }
    guard (200..<300).contains(status), answer.error == nil else {  // RFC 6749 §5.2
        let details = [answer.error, answer.errorDescription].compactMap { $0 }.map { ": \($0)" }.joined()
        throw TokenError(
            description: "token request failed with HTTP \(status)\(details)", status: status, error: answer.error,
            errorDescription: answer.errorDescription, retryAfter: retryAfter)
    }
    guard answer.accessToken?.isEmpty == false else {
        throw TokenError(description: "the token response has no access_token", status: status)
    }
    guard answer.tokenType?.lowercased() == "bearer" else {
        throw TokenError(description: "the token_type is \(answer.tokenType ?? "missing"), not bearer", status: status)
    }
    return answer  // a refresh_token, if any, is not used: the grant is simply run again (RFC 6749 §4.4.3)
}

/// The token endpoint's answer: a token (RFC 6749 §5.1) or an error (§5.2); absent fields are nil.
struct TokenResponse: Decodable, Sendable {
    let accessToken: String?
    let tokenType: String?
    let expiresIn: Double?  // seconds; only RECOMMENDED
    let error: String?
    let errorDescription: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case error
        case errorDescription = "error_description"
    }

    init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try? json.decode(String.self, forKey: .accessToken)
        tokenType = try? json.decode(String.self, forKey: .tokenType)
        // Some servers send expires_in as a string.
        expiresIn =
            (try? json.decode(Double.self, forKey: .expiresIn))
            ?? (try? json.decode(String.self, forKey: .expiresIn)).flatMap { Double($0) }
        error = try? json.decode(String.self, forKey: .error)
        errorDescription = try? json.decode(String.self, forKey: .errorDescription)
    }
}

/// A failed token request: the HTTP status and the server's `error` and `error_description`
/// (RFC 6749 §5.2) when it answered. Never carries the secret or a token.
struct TokenError: Error, CustomStringConvertible {
    let description: String
    var status: Int? = nil
    var error: String? = nil
    var errorDescription: String? = nil
    var retryAfter: String? = nil  // the answer's Retry-After header
}

/// Percent-encodes every byte but A–Z a–z 0–9 - . _ ~, which form-encoding (application/x-www-form-urlencoded)
/// and RFC 6749 §2.3.1 both read back; a space becomes %20.
private func formEncode(_ value: String) -> String {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    return value.utf8.map { byte in
        unreserved.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
    }.joined()
}

/// Sends `request` and returns the answer, whatever its status, within `timeout` from connect to the last byte.
///
/// Written for Linux, where Foundation ignores `timeoutIntervalForResource` (`timeoutInterval` only bounds
/// the wait for the next byte), so a timer cancels the task at the deadline; and where a 401 with
/// `WWW-Authenticate: Basic realm="…"` never completes unless the challenge is refused, after which the task
/// ends in an error although the 401 and its body have arrived: `Exchange` keeps them. On Apple platforms,
/// `session.data(for: request)` does all of this with `configuration.timeoutIntervalForResource` set.
private func send(_ request: URLRequest, within timeout: Duration) async throws -> (Data, HTTPURLResponse) {
    let exchange = Exchange()
    let session = URLSession(configuration: .ephemeral, delegate: exchange, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let task = session.dataTask(with: request)
    let deadline = ContinuousClock.now + timeout
    let timer = Task {
        try await Task.sleep(until: deadline)
        task.cancel()
    }
    defer { timer.cancel() }
    do {
        return try await withCheckedThrowingContinuation { exchange.start(task, then: $0) }
    } catch let error as URLError where error.code == .timedOut || (error.code == .cancelled && .now >= deadline) {
        throw TokenError(description: "token request timed out after \(timeout)")
    } catch let error as URLError {
        throw TokenError(description: "token request failed: \(error.localizedDescription)")
    }
}

/// One request's answer, gathered as URLSession delivers it (see `send`).
private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    typealias Answer = CheckedContinuation<(Data, HTTPURLResponse), any Error>
    private let lock = NSLock()  // guards the three below; URLSession calls from its own queue
    nonisolated(unsafe) private var response: HTTPURLResponse?
    nonisolated(unsafe) private var body = Data()
    nonisolated(unsafe) private var answer: Answer?

    nonisolated func start(_ task: URLSessionDataTask, then answer: Answer) {
        lock.withLock { self.answer = answer }
        task.resume()
    }

    nonisolated func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { self.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    nonisolated func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock { body.append(data) }
    }

    nonisolated func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        completionHandler(.rejectProtectionSpace, nil)  // a client-credentials request has nothing else to offer
    }

    nonisolated func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (response, body, answer) = lock.withLock { (self.response, self.body, self.answer) }
        if let response, error == nil || response.statusCode == 401 {
            answer?.resume(returning: (body, response))
        } else {
            answer?.resume(throwing: error ?? URLError(.badServerResponse))
        }
    }
}

/// Usage: one authorised API call.
@main
struct TokenManagerExample {
    static let apiURL = URL(string: "https://api.example.com/v1/resource")!

    static func main() async {
        do {
            let manager = try TokenManager()  // create once, share it: it is safe to use concurrently
            let (_, response) = try await manager.data(for: URLRequest(url: apiURL))
            print("GET \(apiURL.absoluteString) -> HTTP \(response.statusCode)")
            if !(200..<300).contains(response.statusCode) { exit(1) }
        } catch {
            let message = (error as? TokenError)?.description ?? error.localizedDescription
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(1)
        }
    }
}

// TokenManager gets OAuth 2.0 access tokens with the client-credentials grant (RFC 6749 §4.4),
// caches them, renews them shortly before they expire, retries transient token-endpoint failures
// and retries an API call once when the API answers 401. The credentials come from the
// CLIENT_ID and CLIENT_SECRET environment variables unless passed to init.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking // URLSession on Linux
#endif
#if canImport(FoundationNetworking) && !compiler(>=6.0)
// Linux before Swift 6 has no async URLSession API: the same call over the completion handler.
extension URLSession {
    func data(for request: URLRequest) async throws -> (Data, URLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            dataTask(with: request) { data, response, error in
                if let data, let response {
                    continuation.resume(returning: (data, response))
                } else {
                    continuation.resume(throwing: error ?? URLError(.badServerResponse))
                }
            }.resume()
        }
    }
}
#endif

private let tokenURL = URL(string: "https://auth.example.com/oauth2/token")!
private let apiURL = URL(string: "https://api.example.com/v1/resource")!
private let clientIDVariable = "CLIENT_ID"
private let clientSecretVariable = "CLIENT_SECRET"
private let timeoutSeconds: TimeInterval = 20
private let renewMarginSeconds: Double = 300 // renew this long before expiry...
private let maxRenewFraction: Double = 0.5 // ...but at most this fraction of the lifetime
private let defaultLifetimeSeconds: Double = 600 // when expires_in is missing
private let maxAttempts = 3 // token-endpoint attempts in all
private let initialBackoffSeconds: Double = 1 // doubled on each retry
private let backoffJitter: Double = 0.1 // ± this fraction of random jitter
private let maxRetryAfterSeconds: Double = 60 // cap on the server's Retry-After
private let retryStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

/// A failed token request: the HTTP status and the server's `error` and `error_description`
/// (RFC 6749 §5.2) when it answered. Never carries the secret or a token.
struct TokenError: Error, CustomStringConvertible {
    let description: String
    var status: Int? = nil, error: String? = nil, errorDescription: String? = nil
}

actor TokenManager {
    private let session: URLSession
    private let tokenRequest: URLRequest
    private var cached: (token: String, renewAt: ContinuousClock.Instant, expiresAt: ContinuousClock.Instant)?
    private var inFlight: Task<String, Error>? // the one token request that all callers wait for

    init(clientID: String? = nil, clientSecret: String? = nil, session: URLSession = .shared) throws {
        let id = try clientID ?? environment(clientIDVariable)
        let secret = try clientSecret ?? environment(clientSecretVariable)
        var request = URLRequest(url: tokenURL)
        request.httpMethod = "POST"
        request.timeoutInterval = timeoutSeconds // a property: Linux ignores the initializer's timeout
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        // RFC 6749 §2.3.1: id and secret are form-encoded BEFORE base64. Most samples skip this,
        // which breaks as soon as a secret contains a character such as ':', '%' or '+'.
        let credentials = "\(formEncode(id)):\(formEncode(secret))"
        request.setValue("Basic \(Data(credentials.utf8).base64EncodedString())", forHTTPHeaderField: "Authorization")
        let form: [(String, String)] = [
            ("grant_type", "client_credentials"),
            ("client_id", id),
        ]
        request.httpBody = Data(form.map { "\(formEncode($0))=\(formEncode($1))" }.joined(separator: "&").utf8)
        self.tokenRequest = request
        self.session = session
    }

    /// A valid access token: the cached one until it is due for renewal, else a new one.
    func token() async throws -> String {
        if let cached, ContinuousClock.now < cached.renewAt { return cached.token }
        // Callers arriving while a token request runs wait for it: one request on the wire.
        let task = inFlight ?? Task { try await renew() }
        inFlight = task
        return try await task.value
    }

    /// Drops the cached token; with `token`, only if that is still the cached one.
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

    /// The body of the shared task. It runs on the actor, after token() has stored the task, and
    /// clears it before finishing, so nobody can join a request that has already ended.
    private func renew() async throws -> String {
        defer { inFlight = nil }
        do {
            let (token, lifetime, start) = try await requestToken()
            // The margin is capped so that a short-lived token is not renewed on every call.
            let margin = min(renewMarginSeconds, lifetime * maxRenewFraction)
            cached = (token, start + .seconds(lifetime - margin), start + .seconds(lifetime))
            return token
        } catch {
            // The renewal failed, but the cached token has not expired yet: keep using it.
            if let cached, ContinuousClock.now < cached.expiresAt { return cached.token }
            throw error
        }
    }

    /// POSTs the grant, retrying network errors and `retryStatuses` with backoff. Returns the
    /// token, its lifetime in seconds and when the successful attempt started.
    private func requestToken() async throws -> (String, Double, ContinuousClock.Instant) {
        var attempt = 0
        while true {
            attempt += 1
            let start = ContinuousClock.now // read before sending: the lifetime counts from here
            let data: Data, response: HTTPURLResponse
            do {
                (data, response) = try await send(tokenRequest)
            } catch let error as URLError {
                guard attempt < maxAttempts else {
                    let reason = error.code == .timedOut ? "timed out" : error.localizedDescription
                    throw TokenError(description: "token request failed: \(reason)")
                }
                try await Task.sleep(for: .seconds(backoff(attempt)))
                continue
            }
            if retryStatuses.contains(response.statusCode), attempt < maxAttempts {
                try await Task.sleep(for: .seconds(retryAfter(response) ?? backoff(attempt)))
                continue
            }
            let (token, lifetime) = try parse(data, status: response.statusCode)
            return (token, lifetime, start)
        }
    }

    private func send(_ request: URLRequest, bearer token: String? = nil) async throws -> (Data, HTTPURLResponse) {
        var request = request
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        guard let response = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, response)
    }
}

/// Checks a token response (RFC 6749 §5.1, §5.2); returns the token and its lifetime in seconds.
private func parse(_ data: Data, status: Int) throws -> (String, Double) {
    guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        throw TokenError(description: "token request failed with HTTP \(status): the answer is not JSON",
                         status: status)
    }
    if !(200..<300).contains(status) || json["error"] != nil {
        let error = json["error"] as? String, about = json["error_description"] as? String
        let details = [error ?? "no error code", about].compactMap { $0 }.joined(separator: ": ")
        throw TokenError(description: "token request failed with HTTP \(status): \(details)",
                         status: status, error: error, errorDescription: about)
    }
    guard let token = json["access_token"] as? String, !token.isEmpty else {
        throw TokenError(description: "the token response has no access_token", status: status)
    }
    let tokenType = json["token_type"] as? String ?? "(none)"
    guard tokenType.lowercased() == "bearer" else {
        throw TokenError(description: "expected a bearer token, got token_type \(tokenType)", status: status)
    }
    // expires_in (whole seconds) is only RECOMMENDED, and some servers send it as a string.
    // A refresh_token is ignored: a new token comes from the same grant (RFC 6749 §4.4.3).
    let expiresIn = json["expires_in"] as? Int ?? Int(json["expires_in"] as? String ?? "")
    return (token, expiresIn.flatMap { $0 > 0 ? Double($0) : nil } ?? defaultLifetimeSeconds)
}

/// Delay before retry `attempt` (1, 2, …): exponential backoff with random jitter.
private func backoff(_ attempt: Int) -> Double {
    initialBackoffSeconds * pow(2, Double(attempt - 1)) * (1 + .random(in: -backoffJitter...backoffJitter))
}

/// The server's Retry-After, in seconds or as an HTTP-date (RFC 9110 §10.2.3), capped.
private func retryAfter(_ response: HTTPURLResponse) -> Double? {
    guard let value = response.value(forHTTPHeaderField: "Retry-After") else { return nil }
    let httpDate = DateFormatter()
    httpDate.locale = Locale(identifier: "en_US_POSIX")
    httpDate.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let seconds = UInt(value).map(Double.init) ?? httpDate.date(from: value)?.timeIntervalSinceNow else {
        return nil
    }
    return min(max(seconds, 0), maxRetryAfterSeconds)
}

private func environment(_ name: String) throws -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        throw TokenError(description: "set the \(name) environment variable")
    }
    return value
}

/// Percent-encodes every byte except RFC 3986 unreserved characters (space becomes %20).
private func formEncode(_ value: String) -> String {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    return value.utf8.map { byte in
        unreserved.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
    }.joined()
}

// Usage: one authorised API call. Call it from your program's entry point, e.g. a main.swift
// containing `await callProtectedAPI()`, built with `swiftc TokenManager.swift main.swift`.
func callProtectedAPI() async {
    do {
        let manager = try TokenManager() // create once, share it: it is safe to use concurrently
        var request = URLRequest(url: apiURL)
        request.timeoutInterval = timeoutSeconds
        let (_, response) = try await manager.data(for: request)
        print("GET \(apiURL.absoluteString) -> HTTP \(response.statusCode)")
        if !(200..<300).contains(response.statusCode) { exit(1) }
    } catch {
        let message = (error as? TokenError)?.description ?? error.localizedDescription
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(1)
    }
}

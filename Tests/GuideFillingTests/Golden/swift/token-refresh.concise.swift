// TokenManager: an OAuth 2.0 client-credentials token (RFC 6749 §4.4), cached and renewed for concurrent callers. Run:
// swiftc -parse-as-library TokenManager.swift -o token-manager && CLIENT_ID=... CLIENT_SECRET=... ./token-manager
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking  // URLSession on Linux
#endif

/// POSTs the client-credentials grant (RFC 6749 §4.4.2); a refusal throws the server's error (§5.2).
func requestToken(clientID: String, clientSecret: String) async throws -> TokenResponse {
    let answer = Answer()
    let session = URLSession(configuration: .ephemeral, delegate: answer, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    var (data, status) = (Data(), 0)
    do {
        let (body, response) = try await session.data(for: tokenRequest(clientID, clientSecret), delegate: answer)
        (data, status) = (body, (response as? HTTPURLResponse)?.statusCode ?? 0)
    } catch URLError.cancelled where !answer.body.isEmpty { (data, status) = (answer.body, 401) }  // Answer refused it
    catch URLError.timedOut { throw TokenError(description: "the token request timed out") }
    let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    guard (200..<300).contains(status), let token = json["access_token"] as? String else {
        let details = [json["error"], json["error_description"]].compactMap { $0.map { ": \($0)" } }.joined()
        throw TokenError(description: "token request failed with HTTP \(status)\(details)")
    }
    return (token, json["token_type"] as? String ?? "", json["expires_in"].flatMap { Double("\($0)") })
}

private func tokenRequest(_ clientID: String, _ clientSecret: String) -> URLRequest {
    let form = [
        ("grant_type", "client_credentials"), ("client_id", clientID),
    ]
    var request = URLRequest(url: URL(string: "https://auth.example.com/oauth2/token")!)
    request.httpMethod = "POST"
    request.timeoutInterval = 20  // seconds without an answer
    request.allHTTPHeaderFields = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
    // RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" in either is safe.
    let credentials = "\(formEncode(clientID)):\(formEncode(clientSecret))"
    request.setValue("Basic \(Data(credentials.utf8).base64EncodedString())", forHTTPHeaderField: "Authorization")
    request.httpBody = Data(form.map { "\(formEncode($0))=\(formEncode($1))" }.joined(separator: "&").utf8)
    return request
}

typealias TokenResponse = (accessToken: String, tokenType: String, expiresIn: Double?)
struct TokenError: Error, CustomStringConvertible { let description: String }
private func formEncode(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: formSafe)! }
private let formSafe = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
nonisolated private func environment(_ name: String) throws -> String {
    if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
    throw TokenError(description: "set the \(name) environment variable")
}

/// Linux Foundation (before 6.3.2) hangs on a 401 Basic challenge unless it is refused; Answer keeps the 401's body.
private nonisolated final class Answer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    var body = Data()
    func urlSession(_: URLSession, dataTask _: URLSessionDataTask, didReceive data: Data) { body.append(data) }
    func urlSession(
        _: URLSession, task _: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler reply: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) { reply(challenge.failureResponse == nil ? .performDefaultHandling : .rejectProtectionSpace, nil) }  // 401s only
}

actor TokenManager {
    private let credentials: (id: String, secret: String)
    private var cached: (token: String, renewAt: ContinuousClock.Instant)?
    private var pending: Task<String, any Error>?  // the one token request concurrent callers share
    init(clientID: String? = nil, clientSecret: String? = nil) throws {
        credentials = try (clientID ?? environment("CLIENT_ID"), clientSecret ?? environment("CLIENT_SECRET"))
    }
    /// The cached token until it is due for renewal, else a new one.
    func token() async throws -> String {
        if let cached, ContinuousClock.now < cached.renewAt { return cached.token }
        if pending == nil { pending = Task { try await newToken() } }
        return try await pending!.value
    }
    /// Drops the cached token; given a token, only if that is still the cached one.
    func invalidate(_ token: String? = nil) { if token == nil || token == cached?.token { cached = nil } }
    /// Sends `request` with the token (RFC 6750 §2.1), and once more with a new one after a 401 (revoked or expired).
    func data(for request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        var request = request
        let token = try await token()
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        var (data, response) = try await URLSession.shared.data(for: request)
        if (response as? HTTPURLResponse)?.statusCode == 401 {
            invalidate(token)
            request.setValue("Bearer \(try await self.token())", forHTTPHeaderField: "Authorization")
            (data, response) = try await URLSession.shared.data(for: request)
        }
        return (data, response as! HTTPURLResponse)
    }
    private func newToken() async throws -> String {
        defer { pending = nil }
        let start = ContinuousClock.now  // the lifetime counts from the request
        let answer = try await requestToken(clientID: credentials.id, clientSecret: credentials.secret)
        let lifetime = answer.expiresIn ?? 600  // when the server sends no expires_in
        // Renew ahead of expiry by the margin, but by at most a fraction of the lifetime.
        cached = (answer.accessToken, start + .seconds(lifetime - min(300, 0.5 * lifetime)))
        return answer.accessToken
    }
}

@main struct TokenManagerExample {  // usage: one authorised API call
    static func main() async {
        let apiURL = URL(string: "https://api.example.com/v1/resource")!
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

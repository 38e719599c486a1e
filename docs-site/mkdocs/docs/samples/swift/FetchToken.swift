// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Swift 6.0 or later; on Apple platforms, macOS 13 or iOS 16 or later.
// Run: swiftc -parse-as-library FetchToken.swift -o fetch-token
//      CLIENT_ID=... CLIENT_SECRET=... ./fetch-token
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking  // URLSession on Linux
#endif

private let tokenURL = URL(string: "https://auth.example.com/oauth2/token")!
private let timeout: Duration = .seconds(20)  // the whole request, from connect to the last body byte

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

@main
struct FetchToken {
    static func main() async {
        do {
            let token = try await requestToken(
                clientID: environment("CLIENT_ID"), clientSecret: environment("CLIENT_SECRET"),
                timeout: timeout)  // never print the token itself
            let tokenType = token.tokenType ?? ""
            if let seconds = token.expiresIn {
                print("Got a \(tokenType) token that expires in \(String(format: "%.0f", seconds)) seconds.")
            } else {
                print("Got a \(tokenType) token; the server did not say when it expires.")
            }
        } catch {
            let message = (error as? TokenError)?.description ?? error.localizedDescription
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(1)
        }
    }

    private static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TokenError(description: "set the \(name) environment variable")
        }
        return value
    }
}

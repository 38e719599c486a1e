// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4). Run:
// swiftc -parse-as-library FetchToken.swift -o fetch-token && CLIENT_ID=... CLIENT_SECRET=... ./fetch-token
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

@main struct FetchToken {
    static func main() async {
        do {
            let token = try await requestToken(
                clientID: environment("CLIENT_ID"), clientSecret: environment("CLIENT_SECRET"))
            let lifetime = token.expiresIn.map { " that expires in \(String(format: "%.0f", $0)) seconds" }
            print("Got a \(token.tokenType) token\(lifetime ?? "; the server did not say when it expires").")
        } catch {
            let message = (error as? TokenError)?.description ?? error.localizedDescription
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(1)
        }
    }
}

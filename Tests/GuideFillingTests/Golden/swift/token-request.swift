// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: export CLIENT_ID=... CLIENT_SECRET=...
//      swiftc -parse-as-library FetchToken.swift -o fetch-token && ./fetch-token
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
private let clientIDVariable = "CLIENT_ID"
private let clientSecretVariable = "CLIENT_SECRET"
private let timeoutSeconds: TimeInterval = 20

struct TokenResponse {
    let accessToken: String
    let tokenType: String
    let expiresIn: Int? // seconds; nil when the server did not say
}

struct TokenError: Error, CustomStringConvertible { let description: String }

func fetchToken(clientID: String? = nil, clientSecret: String? = nil) async throws -> TokenResponse {
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

    let data: Data, response: URLResponse
    do {
        (data, response) = try await URLSession.shared.data(for: request)
    } catch {
        let reason = (error as? URLError)?.code == .timedOut ? "timed out" : error.localizedDescription
        throw TokenError(description: "token request failed: \(reason)")
    }
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        throw TokenError(description: "token request failed with HTTP \(status): the answer is not JSON")
    }
    if !(200..<300).contains(status) || json["error"] != nil { // RFC 6749 §5.2
        let details = [json["error"] as? String ?? "no error code", json["error_description"] as? String]
        let message = details.compactMap { $0 }.joined(separator: ": ")
        throw TokenError(description: "token request failed with HTTP \(status): \(message)")
    }
    guard let accessToken = json["access_token"] as? String, !accessToken.isEmpty else {
        throw TokenError(description: "the token response has no access_token")
    }
    let tokenType = json["token_type"] as? String ?? "(none)"
    guard tokenType.lowercased() == "bearer" else {
        throw TokenError(description: "expected a bearer token, got token_type \(tokenType)")
    }
    // expires_in (whole seconds) is only RECOMMENDED (RFC 6749 §5.1); some servers send a string.
    let expiresIn = json["expires_in"] as? Int ?? Int(json["expires_in"] as? String ?? "")
    return TokenResponse(accessToken: accessToken, tokenType: tokenType, expiresIn: expiresIn)
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

@main
struct FetchToken {
    static func main() async {
        do {
            let token = try await fetchToken()
            if let seconds = token.expiresIn {
                print("Got a \(token.tokenType) token that expires in \(seconds) seconds.")
            } else {
                print("Got a \(token.tokenType) token; the server did not say when it expires.")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }
}

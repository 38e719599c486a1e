// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Swift 6.0 or later; on Apple platforms, macOS 13 or iOS 16 or later.
// Run: swiftc -parse-as-library FetchToken.swift -o fetch-token
//      CLIENT_ID=... CLIENT_SECRET=... ./fetch-token
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking  // URLSession on Linux
#endif

struct TokenError: Error, CustomStringConvertible { let description: String }

/// A token response (RFC 6749 §5.1) or an error response (§5.2); absent fields are nil.
struct TokenResponse: Decodable {
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

private let tokenURL = URL(string: "https://auth.example.com/oauth2/token")!
private let clientIDVariable = "CLIENT_ID"
private let clientSecretVariable = "CLIENT_SECRET"
private let timeoutSeconds: Double = 0.5  // the whole request, from connect to the last body byte

/// Requests a token; a returned response has a non-empty access_token and token_type bearer.
func fetchToken(clientID: String? = nil, clientSecret: String? = nil) async throws -> TokenResponse {
    let id = try clientID ?? environment(clientIDVariable)
    let secret = try clientSecret ?? environment(clientSecretVariable)
    var request = URLRequest(url: tokenURL)
    request.httpMethod = "POST"
    request.timeoutInterval = timeoutSeconds  // only an idle timeout: see post(_:)
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    // RFC 6749 §2.3.1: id and secret are form-encoded BEFORE base64. Most samples skip this,
    // which breaks as soon as a secret contains a character such as ':', '%' or '+'.
    let credentials = "\(formEncode(id)):\(formEncode(secret))"
    request.setValue("Basic \(Data(credentials.utf8).base64EncodedString())", forHTTPHeaderField: "Authorization")
    var form: [(String, String)] = []  // the form fields, in order
    form.append(("grant_type", "client_credentials"))
    form.append(("client_id", id))
    request.httpBody = Data(form.map { "\(formEncode($0))=\(formEncode($1))" }.joined(separator: "&").utf8)

    let (data, response) = try await post(request)
    let status = response.statusCode
    guard let answer = try? JSONDecoder().decode(TokenResponse.self, from: data) else {
        throw TokenError(description: "token request failed with HTTP \(status): the answer is not JSON")
    }
    if !(200..<300).contains(status) || answer.error != nil {
        let details = [answer.error ?? "no error code", answer.errorDescription].compactMap { $0 }
        throw TokenError(description: "token request failed with HTTP \(status): \(details.joined(separator: ": "))")
    }
    guard answer.accessToken?.isEmpty == false else {
        throw TokenError(description: "the token response has no access_token")
    }
    guard answer.tokenType?.lowercased() == "bearer" else {
        throw TokenError(description: "the token_type is \(answer.tokenType ?? "missing"), not bearer")
    }
    return answer
}

/// Sends `request`, bounded as a whole by timeoutSeconds: URLRequest.timeoutInterval only limits
/// the wait for the next byte, so a server that trickles its answer could hold it for ever.
private func post(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
    let session = URLSession(configuration: .ephemeral, delegate: ChallengeCanceller(), delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
    var timer: Task<Void, any Error>?
    defer { timer?.cancel() }
    let data: Data
    let response: URLResponse
    do {
        (data, response) = try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request) { data, response, error in
                if let response, error == nil {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: error ?? URLError(.badServerResponse))
                }
            }
            task.resume()
            // The deadline cancels the URLSessionTask itself: cancelling a Swift Task that awaits
            // URLSession.data(for:) can deadlock on Linux when the answer arrives at that moment.
            timer = Task {
                try await Task.sleep(until: deadline)
                task.cancel()
            }
        }
    } catch let error as URLError where error.code == .timedOut || (error.code == .cancelled && .now >= deadline) {
        throw TokenError(description: "token request timed out after \(timeoutSeconds) s")
    } catch let error as URLError where error.code == .cancelled || error.code == .userCancelledAuthentication {
        // ChallengeCanceller stopped a 401 with `WWW-Authenticate: Basic`: the server refused the
        // client's credentials (RFC 6749 §5.2). URLSession gives no access to that answer's body.
        throw TokenError(
            description: "token request failed with HTTP 401: invalid_client (the server refused the client"
                + " credentials; its error body is unavailable because URLSession stopped at the Basic challenge)")
    } catch let error as URLError {
        throw TokenError(description: "token request failed: \(error.localizedDescription)")
    }
    guard let response = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    return (data, response)
}

/// Cancels every HTTP authentication challenge. Without this, URLSession on Linux never
/// completes a 401 that carries `WWW-Authenticate: Basic realm="..."`.
private final class ChallengeCanceller: NSObject, URLSessionTaskDelegate {
    nonisolated func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
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
            let response = try await fetchToken()  // never print the token itself
            let tokenType = response.tokenType ?? ""
            if let seconds = response.expiresIn {
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
}

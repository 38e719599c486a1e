import Foundation
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Authlib authorization server of Tests/Execution/Server, started once for the whole run.
/// Every test creates its own client on it, so tests run in parallel without seeing each other.
final class OAuthTestServer: Sendable {
    let baseURL: String
    private let process: Process
    /// Kept open: the server exits when the test process ends and this pipe closes.
    private let stdin: Pipe

    static let shared = Task { try OAuthTestServer() }

    var tokenURL: String { "\(baseURL)/oauth/token" }
    var apiURL: String { "\(baseURL)/api/resource" }

    private init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Interpreters.require("python3"))
        process.arguments = [RepositoryPaths.path("Tests/Execution/Server/oauth_server.py"), "--exit-on-stdin-eof"]
        let stdout = Pipe()
        stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while line.last != UInt8(ascii: "\n") {
            let byte: Data
            do {
                byte = try stdout.fileHandleForReading.read(upToCount: 1) ?? Data()
            } catch let error as NSError where error.domain == NSPOSIXErrorDomain && error.code == Int(EINTR) {
                continue
            } catch let error as CocoaError where (error.underlying as? POSIXError)?.code == .EINTR {
                continue
            }
            guard !byte.isEmpty else {
                throw ServerFailed(
                    message:
                        "the OAuth test server exited before it was ready; check that Authlib and Flask are installed (\(Interpreters.installHint))"
                )
            }
            line.append(byte)
        }
        let ready = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard ready.hasPrefix("READY ") else {
            throw ServerFailed(message: "unexpected first line from the server: \(ready)")
        }
        baseURL = String(ready.dropFirst("READY ".count))
    }

    struct ServerFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A new client with the given behaviour; its id and secret contain `: % + / = &`.
    func createClient(_ config: ClientConfig = ClientConfig()) async throws -> TestClient {
        let data = try await send("POST", "/_test/clients", body: JSONEncoder().encode(config))
        return try JSONDecoder().decode(TestClient.self, from: data)
    }

    /// Every request the server attributed to `client`, in order.
    func log(for client: TestClient) async throws -> [LogRecord] {
        try JSONDecoder().decode(
            [LogRecord].self, from: await send("GET", "/_test/log?client_id=\(Self.quoted(client.clientID))"))
    }

    /// The access tokens issued to `client`.
    func tokens(for client: TestClient) async throws -> [String] {
        try JSONDecoder().decode(
            [String].self, from: await send("GET", "/_test/tokens?client_id=\(Self.quoted(client.clientID))"))
    }

    private func send(_ method: String, _ path: String, body: Data? = nil) async throws -> Data {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw ServerFailed(
                message:
                    "\(method) \(path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0): \(String(decoding: data, as: UTF8.self))"
            )
        }
        return data
    }

    static func quoted(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }
}

struct TestClient: Codable, Sendable {
    let clientID: String
    let clientSecret: String

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case clientSecret = "client_secret"
    }

    /// The same client presenting another secret, as a misconfigured service would.
    func withSecret(_ secret: String) -> TestClient { TestClient(clientID: clientID, clientSecret: secret) }

    /// The id and secret form-encoded as RFC 6749 §2.3.1 requires before Basic encodes them.
    var formEncoded: [String] {
        [clientID, clientSecret].map {
            $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!
        }
    }
}

/// How the server treats one client (see CLIENT_DEFAULTS in oauth_server.py).
struct ClientConfig: Encodable, Sendable {
    struct Failure: Encodable, Sendable {
        var status: Int
        var retryAfter: String? = nil
        enum CodingKeys: String, CodingKey {
            case status
            case retryAfter = "retry_after"
        }
    }

    /// A token-endpoint outage: once `after` tokens were issued, every token request fails
    /// (503 at once, or after hanging `hangSeconds`) for `duration` seconds (nil: for good), with
    /// `Retry-After: retryAfter` when that is set.
    struct Outage: Encodable, Sendable {
        enum Mode: String, Encodable, Sendable {
            case unavailable = "503"
            case hang
        }
        var after: Int = 1
        var mode: Mode
        var duration: Double? = nil
        var hangSeconds: Double? = nil
        var retryAfter: String? = nil
        enum CodingKeys: String, CodingKey {
            case after, mode, duration
            case hangSeconds = "hang_seconds"
            case retryAfter = "retry_after"
        }
    }

    var authMethod: String? = nil
    var lifetime: Double? = nil
    var expiresIn: String? = nil
    var tokenType: String? = nil
    var tokenDelay: Double? = nil
    var tokenFailures: [Failure]? = nil
    var alwaysFail: Failure? = nil
    var bornRevoked: Bool? = nil
    var errorIn2xx: Bool? = nil
    var refreshToken: Bool? = nil
    /// The WWW-Authenticate form of a 401 invalid_client: "basic-realm" (RFC 7617, the default), "basic", "bearer".
    var challenge: String? = nil
    var outage: Outage? = nil

    enum CodingKeys: String, CodingKey {
        case authMethod = "auth_method"
        case lifetime
        case expiresIn = "expires_in"
        case tokenType = "token_type"
        case tokenDelay = "token_delay"
        case tokenFailures = "token_failures"
        case alwaysFail = "always_fail"
        case bornRevoked = "born_revoked"
        case errorIn2xx = "error_in_2xx"
        case refreshToken = "refresh_token"
        case challenge, outage
    }
}

/// One request as the server saw it.
struct LogRecord: Decodable, Sendable {
    let kind: String
    let t: Double
    let method: String
    let status: Int
    let authorization: String?
    let contentType: String?
    let headers: [String: String]?
    let form: [String: String]?
    let rawBody: String?
    let basic: [String]?
    let response: TokenAnswer?

    struct TokenAnswer: Decodable, Sendable {
        let error: String?
        let errorDescription: String?
        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, t, method, status, authorization, headers, form, basic, response
        case contentType = "content_type"
        case rawBody = "raw_body"
    }

    var isToken: Bool { kind == "token" }
    var isAPI: Bool { kind == "api" }
}

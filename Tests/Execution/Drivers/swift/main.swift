// Test driver for the Swift TokenManager sample (SampleGen execution tests). TokenManager.swift
// ends with an @main type, so it is compiled as a module of its own, with that entry point renamed
// and internal declarations visible to `@testable import`; the sample's text is not edited:
//   swiftc -Onone -parse-as-library -enable-testing -module-name TokenManagerSample \
//     -emit-module -emit-module-path "$OUT/TokenManagerSample.swiftmodule" \
//     -Xfrontend -entry-point-function-name -Xfrontend tokenManagerSampleMain \
//     -c "$SAMPLE_DIR/TokenManager.swift" -o "$OUT/TokenManagerSample.o"
//   swiftc -Onone -I "$OUT" Tests/Execution/Drivers/swift/main.swift "$OUT/TokenManagerSample.o" -o "$OUT/driver"
//   ./driver '<case JSON>'   ->  {"results": [...]} on stdout
// Every step result has "t" (seconds since start when it finished) and "elapsed" (seconds it took).
// Tokens are reported as fingerprints only: the first 12 hex digits of FNV-1a 64 (SHA-256 is not
// in Foundation on Linux). Never prints a token or a secret.
import Foundation

@testable import TokenManagerSample

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

typealias JSONObject = [String: Any]

let spec = (try? JSONSerialization.jsonObject(with: Data(CommandLine.arguments[1].utf8))) as? JSONObject ?? [:]
let clientID = spec["client_id"] as? String ?? ""
let resourceURL = URL(string: spec["api_url"] as? String ?? "")!
let serverURL = spec["server"] as? String ?? ""
let started = ContinuousClock.now
guard let manager = try? TokenManager(clientID: clientID, clientSecret: spec["client_secret"] as? String) else {
    print(#"{"error": "could not create the TokenManager"}"#)
    exit(1)
}

func fingerprint(_ token: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64-bit
    for byte in token.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return String(String(format: "%016llx", hash).prefix(12))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func message(_ error: Error) -> String {
    (error as? TokenError)?.description ?? error.localizedDescription
}

/// One outcome of a concurrent op: an HTTP status, a token fingerprint or an error message.
func attempt(_ manager: TokenManager, _ url: URL, getToken: Bool) async -> (Int?, String?, String?) {
    do {
        if getToken { return (nil, fingerprint(try await manager.token()), nil) }
        return (try await manager.data(for: URLRequest(url: url)).1.statusCode, nil, nil)
    } catch {
        return (nil, nil, message(error))
    }
}

@MainActor func run(_ step: JSONObject) async -> JSONObject {
    let op = step["op"] as? String ?? ""
    var result: JSONObject = ["op": op]
    let stepStarted = ContinuousClock.now
    switch op {
    case "request", "get_token":
        let (status, token, error) = await attempt(manager, resourceURL, getToken: op == "get_token")
        result["status"] = status
        result["token"] = token
        result["error"] = error
    case "concurrent_get_token", "concurrent_request":
        let (manager, url, n) = (manager, resourceURL, step["n"] as? Int ?? 10)
        let outcomes = await withTaskGroup(of: (Int?, String?, String?).self) { group in
            for _ in 0..<n {
                group.addTask { await attempt(manager, url, getToken: op == "concurrent_get_token") }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        result[op == "concurrent_get_token" ? "tokens" : "statuses"] =
            op == "concurrent_get_token" ? outcomes.compactMap { $0.1 } as [Any] : outcomes.compactMap { $0.0 }
        result["errors"] = outcomes.compactMap { $0.2 }
    case "sleep":
        try? await Task.sleep(for: .seconds(step["seconds"] as? Double ?? 0))
    case "revoke":
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let quoted = clientID.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        var request = URLRequest(url: URL(string: "\(serverURL)/_test/revoke?client_id=\(quoted)")!)
        request.httpMethod = "POST"
        if (try? await URLSession.shared.data(for: request)) == nil { result["error"] = "revoke failed" }
    case "invalidate":
        await manager.invalidate()
    case "repeat":
        var inner: [JSONObject] = []
        for index in 0..<(step["count"] as? Int ?? 1) {
            if index > 0 { try? await Task.sleep(for: .seconds(step["interval"] as? Double ?? 0)) }
            inner.append(await run(step["step"] as? JSONObject ?? [:]))
        }
        result["results"] = inner
    default:
        result["error"] = "unknown op \(op)"
    }
    let now = ContinuousClock.now
    result["t"] = seconds(now - started)  // when the step finished
    result["elapsed"] = seconds(now - stepStarted)  // how long the step took
    return result
}

var results: [JSONObject] = []
for step in spec["steps"] as? [JSONObject] ?? [] {
    results.append(await run(step))
}
// A background renewal the last call started may still be in flight, and a Swift process ends its
// tasks when it exits (the Python and Ruby drivers join their threads instead; the sample keeps its
// renewal task private). Half a second lets it reach the loopback server, even on a loaded machine.
try? await Task.sleep(for: .milliseconds(500))
let output = try! JSONSerialization.data(withJSONObject: ["results": results], options: [.sortedKeys])
print(String(decoding: output, as: UTF8.self))

import Foundation
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Every rendered sample, for every model variant, scanned for what must never appear: TLS
/// verification turned off, a secret or token printed or logged, a secret written as a literal,
/// plain http to a host that is not loopback.
@Suite struct SampleSecurityTests {
    static var samples: [(name: String, code: String, model: ClientModel)] {
        let renderer = SampleRenderer(templates: try! TemplateSet(TemplateDirectory.files()))
        var local = ClientModel.guideDefault
        local.tokenRequest.tokenURL = try! EndpointURL("http://127.0.0.1:8080/oauth/token")
        let models = SampleModelVariants.all + [("loopback", local)]
        return models.flatMap { name, model in
            Language.allCases.flatMap { language in
                language.snippets.flatMap { snippet in
                    SampleForm.allCases.map { form in
                        (
                            "\(name) \(language.rawValue) \(snippet.rawValue) \(form.rawValue)",
                            try! renderer.render(snippet, in: language, model: model, form: form).code, model
                        )
                    }
                }
            }
        }
    }

    static let tlsOff = [
        "verify=False", "verify = False", "rejectUnauthorized", "NODE_TLS_REJECT_UNAUTHORIZED",
        "CURLOPT_SSL_VERIFYPEER",
        "CURLOPT_SSL_VERIFYHOST", "ssl._create_unverified_context", "CERT_NONE", "serverTrust", "URLCredential(trust",
        "ServerTrust",
        "check_hostname", "insecure",
    ]

    @Test func tlsVerificationIsNeverTurnedOff() {
        for sample in Self.samples {
            for pattern in Self.tlsOff where sample.code.contains(pattern) {
                Issue.record("\(sample.name) contains \(pattern)")
            }
        }
    }

    @Test func nothingPrintedOrLoggedMentionsASecretOrAToken() throws {
        for sample in Self.samples {
            for (leak, statement) in try Self.leaks(in: sample.code) {
                Issue.record("\(sample.name) prints \(leak) in: \(statement)")
            }
        }
    }

    @Test func noSecretIsWrittenAsALiteral() throws {
        // An assignment to a secret-named name of a quoted value, other than the name of the
        // environment variable the secret is read from.
        let assignment = try Regex(#"(?i)\b\$?\w*(secret|password)\w*\b\s*(=|:|=>)\s*"([^"]*)""#)
        for sample in Self.samples {
            let variable = sample.model.tokenRequest.credentials.clientSecretVariable.name
            for match in sample.code.matches(of: assignment) {
                let literal = sample.code[match.range].split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                if literal != variable {
                    Issue.record("\(sample.name) writes a secret-named literal: \(sample.code[match.range])")
                }
            }
        }
    }

    @Test func plainHTTPOnlyEverGoesToLoopback() throws {
        let http = try Regex(#"http://([^/"'\s]+)"#)
        for sample in Self.samples {
            for match in sample.code.matches(of: http) {
                let host = String(sample.code[match.range].dropFirst("http://".count))
                #expect(
                    host.hasPrefix("127.") || host.hasPrefix("localhost") || host.hasPrefix("[::1]"),
                    "\(sample.name) sends to http://\(host)")
            }
        }
    }

    /// The scan above, run on statements that leak (each must be caught) and on statements that
    /// only look like it (none may be).
    @Test func theScannerCatchesWhatItLooksFor() throws {
        let leaks = [
            "print(token)", "console.log(`token ${accessToken}`)", "echo $clientSecret;",
            "print(\"secret: \\(secret)\")",
            "logging.info(f\"got {token}\")", "error_log($clientSecret);", "fwrite(STDERR, $token);",
            "FileHandle.standardError.write(Data(\"\\(secret)\".utf8))", "printf(\"%s\", client_secret)",
        ]
        for leak in leaks {
            #expect(try !Self.leaks(in: leak).isEmpty, "\(leak) slipped through")
        }
        let harmless = [
            "print(token['token_type'])", "print(\"Got a Bearer token\")", "console.log(token.expiresIn)",
            "echo $token['scope'];",
        ]
        for statement in harmless {
            #expect(try Self.leaks(in: statement).isEmpty, "\(statement) was taken for a leak")
        }
    }

    /// Where output starts: printing, logging, writing to standard error, exiting with a message.
    static func outputStatement() throws -> Regex<AnyRegexOutput> {
        try Regex(
            #"(print\(|console\.\w+\(|echo |printf\(|fwrite\(STDERR|error_log\(|standardError\.write\(|sys\.exit\(|logging\.\w+\(|logger\.\w+\()"#
        )
    }

    /// The scan: each output statement in `code` that holds a leak, with the leak.
    static func leaks(in code: String) throws -> [(leak: Substring, statement: Substring)] {
        let forbidden = try leak()
        return try code.matches(of: outputStatement()).compactMap { match in
            let statement = statement(in: code, from: match.range.lowerBound)
            return statement.firstMatch(of: forbidden).map { (code[$0.range], statement) }
        }
    }

    /// What an output statement must not hold: the token's or the secret's field names anywhere,
    /// or a token, secret or credential variable used as a value (interpolated, an argument,
    /// concatenated) rather than indexed for one of its fields (`token['token_type']`). Words in
    /// the message text ("Got a Bearer token") are not values.
    static func leak() throws -> Regex<AnyRegexOutput> {
        let names = "(token|secret|clientSecret|client_secret|credentials|authorization|Authorization|auth)"
        return try Regex(
            #"(access_token|accessToken|client_secret|clientSecret)"#
                + #"|(\{|\$\{|\\\(|\(|,\s*|\+\s*|\.\s+)\$?"# + names + #"\b(?!\s*(\[|\.|->|\())"#
                + #"|\$"# + names + #"\b(?!\s*(\[|->))"#)
    }

    /// The output statement starting at `start`: up to the parenthesis that closes it, or the
    /// end of the line for PHP's `echo`.
    static func statement(in code: String, from start: String.Index) -> Substring {
        var depth = 0
        var index = start
        var sawParenthesis = false
        while index < code.endIndex {
            let character = code[index]
            if character == "(" {
                depth += 1
                sawParenthesis = true
            }
            if character == ")" { depth -= 1 }
            if sawParenthesis, depth == 0 { return code[start...index] }
            if !sawParenthesis, character == ";" || character == "\n" { return code[start..<index] }
            index = code.index(after: index)
        }
        return code[start...]
    }
}

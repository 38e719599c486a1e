import GenConfig
import SampleModel
import Testing

/// What a URL cannot hold and what a program reads from the environment (issue 18, items 5
/// and 15), refused at the gen.yml value that holds it (file:line:column) and at the option that
/// gave it — for both URLs, and both variables.
@Suite struct ConfigEndpointTests {
    func failure(_ yaml: String) -> Diagnostic? {
        do {
            _ = try ConfigFile.parse(yaml, path: "gen.yml")
            return nil
        } catch {
            return error
        }
    }

    /// `text` as a YAML double-quoted scalar: `\` and `"` escaped, and every character that does
    /// not print written as an escape, so the file itself stays valid YAML.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case _ where Diagnostic.isPrinting(scalar): result.unicodeScalars.append(scalar)
            default: result += scalar.value <= 0xFFFF ? "\\u" + hex(scalar.value, 4) : "\\U" + hex(scalar.value, 8)
            }
        }
        return result + "\""
    }

    static func hex(_ value: UInt32, _ digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// Where each URL's value starts in the file that sets it: `api_url` at 1:10, `token_url` at 2:14.
    static let urlKeys: [(key: ConfigKey, yaml: @Sendable (String) -> String, line: Int, column: Int)] = [
        (.setting(.apiURL), { "api_url: \($0)\n" }, 1, 10),
        (.setting(.tokenURL), { "token_request:\n  token_url: \($0)\n" }, 2, 14),
    ]

    /// Several inputs of each class a URL cannot hold, with what the message must say.
    static let badURLs: [(url: String, says: String)] = [
        ("https://auth.example.com/{tenant}/oauth2/token", "holds \"{tenant}\", a template placeholder"),
        ("https://auth.example.com/t?tenant={tenant}", "percent-encode them: %7Btenant%7D"),
        ("https://{tenant}.example.com/t", "its host holds \"{tenant}\", a template placeholder"),
        ("https://auth.example.com/${TENANT}/t", "holds \"${TENANT}\""),
        ("https://auth.example.com/<tenant>/t", "holds \"<tenant>\""),
        ("https://auth.example.com/a b", "its path holds a space, which a URL cannot hold; percent-encode it as %20"),
        ("https://auth.example.com/t?scope=a b", "its query holds a space"),
        ("https://auth.example.com/a\"b", "percent-encode it as %22"),
        ("https://auth.example.com/oauth2\\token", "Node reads it as /"),
        ("https://auth.example.com/a<b", "percent-encode it as %3C"),
        ("https://auth.example.com/a^b", "percent-encode it as %5E"),
        ("https://auth.example.com/a`b", "percent-encode it as %60"),
        ("https://auth.example.com/a|b", "percent-encode it as %7C"),
        ("https://auth.example.com/t?ids=[1-3]", "curl reads [ ] as a range"),
        ("https://auth.example.com/a\tb", "holds U+0009, a control character"),
        ("https://auth.example.com/a\u{1}b", "holds U+0001, a control character"),
        ("https://auth.example.com/a\u{7F}", "holds U+007F, a control character"),
        (
            "https://auth.example.com/caf\u{E9}",
            "holds é (U+00E9), which a URL cannot hold as it is; percent-encode it as %C3%A9"
        ),
        ("https://auth.example.com/t\u{202E}", "holds U+202E"),
        ("https://b\u{FC}cher.example/t", "ASCII form (IDNA, xn--…)"),
        ("https://auth.example.com/100%", "does not begin a percent-encoded byte"),
        ("https://auth.example.com/a%zz", "write a % itself as %25"),
        ("https://auth.example.com/t#section", "it has a fragment (#section)"),
        ("https://user:secret@auth.example.com/t", "it carries credentials"),
        ("https://auth_1.example.com/t", "Java's URI cannot read"),
        ("https://[fe80::1%25eth0]/t", "has a zone (%25eth0)"),
        ("https://auth.example.com/a\nb", "it contains a line break"),
    ]

    @Test func aURLThatCannotBeSentIsRefusedAtItsValueForBothURLs() {
        for (url, says) in Self.badURLs {
            for (key, yaml, line, column) in Self.urlKeys {
                let error = failure(yaml(Self.quoted(url)))
                #expect(
                    error?.location?.line == line && error?.location?.column == column,
                    "\(key.name) \(url): \(String(describing: error))")
                #expect(error?.message.contains(says) == true, "\(key.name) \(url): \(String(describing: error))")
                #expect(error?.message.contains("is not a usable endpoint URL") == true, "\(String(describing: error))")
                // A control character reaches the message as an escape, never as itself.
                #expect(
                    error?.message.unicodeScalars.allSatisfy { Diagnostic.isPrinting($0) } == true,
                    "\(String(describing: error))")
            }
        }
    }

    /// The same classes given with `--token-url` and `--api-url`: the option is named, no line.
    @Test func aURLThatCannotBeSentIsRefusedAtItsOption() {
        for (url, says) in Self.badURLs {
            for key in [ConfigKey.setting(.tokenURL), .setting(.apiURL)] {
                do throws(Diagnostic) {
                    _ = try ModelOverrides([key.field!: .text(url)]).applied(to: .guideDefault)
                    Issue.record("\(key.option!) \(url) was accepted")
                } catch {
                    #expect(error.location?.isOption == true && error.location?.path == key.option, "\(error)")
                    #expect(error.message.contains(says), "\(error)")
                    #expect(error.description.hasPrefix("\(key.option!): error: "), "\(error)")
                }
            }
        }
    }

    @Test func aURLWithReservedCharactersWrittenAsThePathAllowsIsKept() throws {
        let url = "https://auth.example.com/t/%7Btenant%7D/x;v=1?a=b&c=d%20e'f(g)*!$,:@~"
        let configuration = try ConfigFile.parse(
            "api_url: \(Self.quoted(url))\ntoken_request:\n  token_url: \(Self.quoted(url))\n", path: "gen.yml")
        #expect(configuration.model.apiURL.text == url && configuration.model.tokenRequest.tokenURL.text == url)
    }

    /// Each variable key, in gen.yml and with its option.
    static let variableKeys: [(key: ConfigKey, name: String)] = [
        (.setting(.clientSecretVariable), "client_secret_variable"),
        (.setting(.clientIDVariable), "client_id_variable"),
    ]

    @Test(arguments: [
        ("LD_PRELOAD", "the dynamic loader (ld.so)"), ("ld_preload", "the dynamic loader (ld.so)"),
        ("DYLD_INSERT_LIBRARIES", "dyld"), ("NODE_OPTIONS", "Node.js"), ("JAVA_TOOL_OPTIONS", "Java"),
        ("BASH_ENV", "bash"), ("PYTHONSTARTUP", "Python"), ("RUBYOPT", "Ruby"), ("PHPRC", "PHP"),
        ("GOFLAGS", "Go"), ("https_proxy", "as a proxy"), ("SSL_CERT_FILE", "OpenSSL"), ("GLIBC_TUNABLES", "glibc"),
        ("PATH", "most programs"), ("SWIFT_BACKTRACE", "Swift"),
    ])
    func aVariableAProgramReadsIsRefusedAtItsValueAndItsOption(_ variable: String, _ reader: String) {
        for (key, name) in Self.variableKeys {
            let error = failure("# variables\ntoken_request:\n  \(name): \(variable)\n")
            #expect(
                error?.location?.line == 3 && error?.location?.column == 5 + name.count, "\(String(describing: error))")
            #expect(
                error?.message.hasPrefix("\"\(variable)\" cannot carry a credential: it is read by ") == true
                    && error?.message.contains(reader) == true,
                "\(String(describing: error))")
            #expect(error?.message.contains("choose a name of your own") == true)
            do throws(Diagnostic) {
                _ = try ModelOverrides([key.field!: .text(variable)]).applied(to: .guideDefault)
                Issue.record("\(key.option!) \(variable) was accepted")
            } catch {
                #expect(
                    error.location?.path == key.option && error.location?.isOption == true
                        && error.message.contains(reader), "\(error)")
            }
        }
    }

    @Test(arguments: ["PWD", "SHLVL", "RANDOM", "_"])
    func aVariableTheShellSetsIsRefusedAtItsValue(_ variable: String) {
        let error = failure("token_request:\n  client_secret_variable: \(variable)\n")
        #expect(
            error?.location?.line == 2 && error?.message.contains("the shell sets it itself") == true,
            "\(String(describing: error))")
    }
}

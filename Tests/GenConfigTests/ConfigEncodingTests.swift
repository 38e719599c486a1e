import GenConfig
import SampleModel
import Testing

/// gen.yml as bytes: UTF-8 only, refused at the bad byte; a byte-order mark at the start of the
/// file allowed, a U+FEFF inside a value kept (issue 10, item 10), and secret-looking keys
/// refused however they are spelled (item 14).
@Suite struct ConfigEncodingTests {
    func parse(_ bytes: [UInt8]) throws(ConfigError) -> GenConfiguration {
        try ConfigFile.parse(bytes: bytes, path: "gen.yml")
    }

    @Test(
        arguments: [
            // (bytes, line, column, byte)
            (Array("token_request:\n  scope: caf".utf8) + [0xE9] + Array("\n".utf8), 2, 13, "E9"),
            ([0xFF] + Array("guide: g.md\n".utf8), 1, 1, "FF"),
            (Array("guide: \u{E9}".utf8) + [0xC3, 0x28], 1, 9, "C3"),
            (Array("# ok\n# ok\nguide: a\u{1F600}b".utf8) + [0xF0, 0x9F, 0x98] + Array("\n".utf8), 3, 11, "F0"),
            (Array("guide: a".utf8) + [0xED, 0xA0, 0x80], 1, 9, "ED"),
            (Array("guide: a".utf8) + [0xC0, 0xAF], 1, 9, "C0"),
        ] as [([UInt8], Int, Int, String)])
    func bytesThatAreNotUTF8AreRefusedWhereTheyAre(_ bytes: [UInt8], _ line: Int, _ column: Int, _ byte: String) {
        #expect(
            throws: ConfigError(
                source: "gen.yml", line: line, column: column,
                message:
                    "this is not UTF-8 (byte 0x\(byte)); save the file as UTF-8")
        ) {
            try parse(bytes)
        }
    }

    @Test func aByteOrderMarkAtTheStartIsAllowed() throws {
        #expect(try parse([0xEF, 0xBB, 0xBF] + Array("guide: g.md\n".utf8)).guidePath == "g.md")
        #expect(try parse([0xEF, 0xBB, 0xBF]) == GenConfiguration())
    }

    @Test(arguments: [
        "token_request:\n  scope: \"\u{FEFF}read\"\n",
        "token_request:\n  scope: '\u{FEFF}read'\n",
        "token_request:\n  scope: \u{FEFF}read\n",
        "token_request:\n  scope: |\n    \u{FEFF}read\n",
        "token_request:\n  scope:\n    \u{FEFF}read\n",
    ])
    func aLeadingByteOrderMarkInsideAValueIsKept(_ yaml: String) throws {
        let scope = try parse(Array(yaml.utf8)).model.tokenRequest.scope
        #expect(
            scope.map { Array($0.unicodeScalars.prefix(5)) } == ["\u{FEFF}", "r", "e", "a", "d"],
            "\(scope.map { $0.unicodeScalars.map { String($0.value, radix: 16) } } ?? [])")
    }

    @Test(arguments: [
        "clientSecret", "client_assertion", "apikey", "private_key", "pwd", "refresh_token", "Access-Token",
        "\"client_secret \"",
    ])
    func secretLookingExtraParametersAreRefusedAtTheirKey(_ key: String) {
        do {
            _ = try parse(Array("token_request:\n  extra_parameters:\n    audience: a\n    \(key): x\n".utf8))
            Issue.record("\(key) was accepted")
        } catch {
            #expect(error.line == 4 && error.column == 5, "\(error)")
            #expect(error.message.contains("looks like a secret"), "\(error)")
        }
    }

    @Test func aSecretInTheTokenURLOrTheAPIURLQueryIsRefusedAtTheValue() {
        #expect(throws: ConfigError.self) {
            try parse(Array("token_request:\n  token_url: https://a.example.com/t?client_secret=x\n".utf8))
        }
        do {
            _ = try parse(Array("guide: g.md\napi_url: https://a.example.com/r?access_token=x\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2 && error.column == 10, "\(error)")
            #expect(error.message.contains("access_token"))
        }
    }

    @Test func knownKeysThatMentionCredentialsStayAccepted() throws {
        let configuration = try parse(
            Array(
                "token_request:\n  form_encode_credentials: false\n  client_secret_variable: S\n  extra_parameters:\n    client_assertion_type: urn:x\n"
                    .utf8))
        #expect(!configuration.model.tokenRequest.formEncodesBasicCredentials)
    }

    @Test func theVariableUnderscoreIsRefused() {
        #expect(throws: ConfigError.self) { try parse(Array("token_request:\n  client_id_variable: _\n".utf8)) }
    }
}

import GenConfig
import SampleModel
import Testing

/// YAML mistakes as one line in the user's words, at the place to fix (issue 10, smaller items).
@Suite struct ConfigMessageTests {
    func failure(_ yaml: String) -> Diagnostic? {
        do {
            _ = try ConfigFile.parse(yaml, path: "gen.yml")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        "guide: " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000) + "\n",
        "guide: " + String(repeating: "{a: ", count: 2000) + "1" + String(repeating: "}", count: 2000) + "\n",
        String(repeating: "- ", count: 3000) + "x\n",
    ])
    func tooDeepANestingSaysSoWithoutLibyamlsWords(_ yaml: String) throws {
        let error = try #require(failure(yaml))
        #expect(
            error.message == "the YAML nests lists or mappings too deeply here; gen.yml needs at most three levels",
            "\(error)")
        #expect(!error.description.contains("yaml_") && (error.location?.line ?? 0) >= 1)
    }

    @Test(arguments: [
        ("# c\ntoken_request:\n  scope: a\n  timeout_seconds: 3\n  scope: b\n", 5, 3, "scope", 3),
        ("# c\nguide: a\n\nguide: b\n", 4, 1, "guide", 2),
        ("groups:\n  A: token-request\n  \"A\": token-refresh\n", 3, 3, "A", 2),
        ("refresh_policy:\n  max_attempts: 2\n  max_attempts: 3\n", 3, 3, "max_attempts", 2),
    ])
    func aRepeatedKeyIsReportedWhereItIsRepeated(
        _ yaml: String, _ line: Int, _ column: Int, _ key: String, _ first: Int
    ) throws {
        let error = try #require(failure(yaml))
        #expect(
            error
                == Diagnostic.configuration(
                    in: "gen.yml", line: line, column: column,
                    message: "the key \"\(key)\" is given twice (first on line \(first)); keep one"))
    }

    @Test func aValueReachedThroughAnAliasIsReportedWhereTheAliasIsUsed() throws {
        let error = try #require(failure("languages: &l [python]\n\n\ngroups: *l\n"))
        #expect(error.location?.line == 4 && error.location?.column == 1, "\(error)")
        #expect(error.message.hasPrefix("groups must map a heading to a snippet"))
        let other = try #require(failure("api_url: &u https://a.example.com\ntoken_request:\n  timeout_seconds: *u\n"))
        #expect(other.location?.line == 3 && other.location?.column == 3, "\(other)")
        let items = try #require(failure("guide: &g guide.md\nlanguages: [python, *g]\n"))
        #expect(items.location?.line == 2 && items.location?.column == 12, "\(items)")
        #expect(items.message.hasSuffix("(the value of the anchor on line 1)"), "\(items)")
    }

    @Test func anUndefinedAliasIsSaidPlainly() throws {
        let error = try #require(failure("guide: g.md\n\ngroups: *nothing\n"))
        #expect(
            error
                == Diagnostic.configuration(
                    in: "gen.yml", line: 3, column: 9,
                    message: "this alias (*name) names no anchor (&name) given above it"))
    }
}

/// Every message names a value by its gen.yml key or its option, never by its Swift name
/// (issue 18, item 18b: `extraParameters holds U+0`).
extension ConfigMessageTests {
    /// The model's field names are the keys: a message that reaches the user without a place
    /// still names the key.
    @Test func everyModelFieldIsNamedByItsKey() {
        for field in ModelField.allCases {
            #expect(field.description == ConfigKey(field: field).name, "\(field)")
            #expect(field.description == field.description.lowercased(), "\(field)")
        }
    }

    @Test(arguments: [
        ("token_request:\n  extra_parameters:\n    audience: \"a\\0\"\n", "extra_parameters"),
        ("token_request:\n  scope: \"\\uFFFF\"\n", "scope"),
        ("token_request:\n  timeout_seconds: 0\n", "timeout_seconds"),
        ("refresh_policy:\n  renew_margin_seconds: -1\n", "renew_margin_seconds"),
        ("refresh_policy:\n  max_renew_fraction: 1\n", "max_renew_fraction"),
        ("refresh_policy:\n  default_lifetime_seconds: 0\n", "default_lifetime_seconds"),
        ("refresh_policy:\n  refresh_retry_delay_seconds: 0\n", "refresh_retry_delay_seconds"),
        ("refresh_policy:\n  max_wait_seconds: 0\n", "max_wait_seconds"),
        ("refresh_policy:\n  max_attempts: 0\n", "max_attempts"),
        ("refresh_policy:\n  initial_backoff_seconds: -1\n", "initial_backoff_seconds"),
        ("refresh_policy:\n  backoff_jitter: 2\n", "backoff_jitter"),
        ("refresh_policy:\n  max_retry_after_seconds: -1\n", "max_retry_after_seconds"),
        ("refresh_policy:\n  retry_statuses: [401]\n", "retry_statuses"),
        ("token_request:\n  extra_parameters:\n    scope: x\n", "extra_parameters"),
        ("token_request:\n  extra_parameters:\n    \"\": x\n", "extra_parameters"),
    ])
    func aRefusalNamesTheKeyNeverTheSwiftName(_ yaml: String, _ key: String) throws {
        let error = try #require(failure(yaml))
        #expect(error.message.contains(key), "\(error)")
        // No camelCase word: a lower-case letter followed by an upper-case one.
        let scalars = Array(error.message.unicodeScalars)
        #expect(
            !zip(scalars, scalars.dropFirst()).contains { ("a"..."z").contains($0) && ("A"..."Z").contains($1) },
            "\(error)")
    }
}

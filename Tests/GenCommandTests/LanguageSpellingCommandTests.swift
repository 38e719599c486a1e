import TestSupport
import Testing

/// `--lang` reads a language through the same alias table as guides do (issue 18, item 16).
@Suite struct LanguageSpellingCommandTests {
    let commands = GenCommandTests()

    @Test(arguments: [
        ("js", "token-request.mjs"), ("Node.js", "token-request.mjs"), ("py", "token_request.py"),
        ("golang", "token_request.go"), ("rb", "token_request.rb"), ("Shell", "token-request.sh"),
    ])
    func langAcceptsAnotherSpellingOfALanguage(_ spelling: String, _ file: String) throws {
        let canonical = try commands.run(["--lang", spelling, "--snippet", "token-request"])
        #expect(canonical.status == 0, "\(canonical.stderr)")
        #expect(canonical.stdout.contains(file), "\(canonical.stdout.prefix(400))")
    }

    @Test(arguments: ["kt", "kotlin", "ts", "TypeScript", "c#", "console"])
    func langRefusesANeighbouringLanguage(_ name: String) throws {
        let result = try commands.run(["--lang", name])
        #expect(result.status == 64)
        #expect(result.stderr.contains("The value '\(name)' is invalid for '--lang <language>'"), "\(result.stderr)")
    }
}

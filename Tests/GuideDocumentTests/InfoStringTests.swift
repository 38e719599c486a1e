import GuideDocument
import SampleModel
import Testing

/// A generated block's info string: gen rewrites its own words and keeps every other word as the
/// writer wrote it (issue 18, item 14).
@Suite struct InfoStringTests {
    static func rewritten(_ info: String, snippet: Snippet = .tokenRequest, language: Language = .python) -> String {
        InfoString(Array(info.utf8)).rewritten(fenceTag: language.fenceTag, snippet: snippet, digest: "0123456789ab")
    }

    /// (writer's info string, what gen writes over it), for a Python token-request sample.
    static let cases: [(String, String)] = [
        // gen's own words only
        ("python gen=token-request digest=ffffffffffff", "python gen=token-request digest=0123456789ab"),
        // pymdownx.superfences options after gen's words, quotes with blanks inside as one word
        (
            #"python gen=token-request digest=ffffffffffff title="token_request.py" linenums="1" hl_lines="3 4""#,
            #"python gen=token-request digest=0123456789ab title="token_request.py" linenums="1" hl_lines="3 4""#
        ),
        // … and between them, in place
        (
            #"python title="token request.py" gen=token-refresh hl_lines="3 4" digest=ffffffffffff linenums="1""#,
            #"python title="token request.py" gen=token-request hl_lines="3 4" digest=0123456789ab linenums="1""#
        ),
        // the writer's blanks between words stay as they were
        (
            "python  gen=token-request\tdigest=ffffffffffff   linenums=\"1\"",
            "python  gen=token-request\tdigest=0123456789ab   linenums=\"1\""
        ),
        // single quotes, an escaped quote, a quoted `gen=` that is the writer's text
        (
            #"python title='a gen=x b' gen=token-request digest=ffffffffffff"#,
            #"python title='a gen=x b' gen=token-request digest=0123456789ab"#
        ),
        (
            #"python title="say \"gen=x digest=y\"" gen=token-request digest=ffffffffffff"#,
            #"python title="say \"gen=x digest=y\"" gen=token-request digest=0123456789ab"#
        ),
        // a quote never closed is an ordinary byte: gen's words after it are still found
        (
            "python title=it's gen=token-request digest=ffffffffffff",
            "python title=it's gen=token-request digest=0123456789ab"
        ),
        // a brace group (Pandoc, remark) is one word, blanks and all
        (
            #"python {.numberLines startFrom="10"} gen=token-request digest=ffffffffffff {1, 3-4}"#,
            #"python {.numberLines startFrom="10"} gen=token-request digest=0123456789ab {1, 3-4}"#
        ),
        // an attribute list: the language is its first class, gen's words inside it
        (
            #"{.python .numberLines gen=token-request digest=ffffffffffff startFrom="10"}"#,
            #"{.python .numberLines gen=token-request digest=0123456789ab startFrom="10"}"#
        ),
        (
            "{#sample .py .numberLines gen=token-request digest=ffffffffffff}",
            "{#sample .python .numberLines gen=token-request digest=0123456789ab}"
        ),
        // another spelling of the language becomes the canonical fence tag
        ("py gen=token-request digest=ffffffffffff", "python gen=token-request digest=0123456789ab"),
        ("Python3 gen=token-request digest=ffffffffffff x", "python gen=token-request digest=0123456789ab x"),
        // a block written before digests: the digest goes after gen=
        (
            #"python gen=token-request title="t.py""#,
            #"python gen=token-request digest=0123456789ab title="t.py""#
        ),
        // placeholders: gen's words follow the language, the writer's stay after them
        ("", "python gen=token-request digest=0123456789ab"),
        ("python", "python gen=token-request digest=0123456789ab"),
        ("py", "python gen=token-request digest=0123456789ab"),
        (
            #"python title="token_request.py" linenums="1""#,
            #"python gen=token-request digest=0123456789ab title="token_request.py" linenums="1""#
        ),
        (#"title="token_request.py""#, #"python gen=token-request digest=0123456789ab title="token_request.py""#),
        ("{.python .numberLines}", "{.python gen=token-request digest=0123456789ab .numberLines}"),
        ("{.numberLines}", "{.python gen=token-request digest=0123456789ab .numberLines}"),
        (
            "{.numberLines .py gen=token-request digest=ffffffffffff}",
            "{.numberLines .python gen=token-request digest=0123456789ab}"
        ),
        ("{}", "{.python gen=token-request digest=0123456789ab}"),
        ("text", "python gen=token-request digest=0123456789ab"),
        // the writer's blanks around the info string stay too
        (" python gen=token-request digest=ffffffffffff ", " python gen=token-request digest=0123456789ab "),
    ]

    @Test func genRewritesItsOwnWordsAndKeepsEveryOtherByte() {
        for (info, expected) in Self.cases {
            #expect(Self.rewritten(info) == expected, "\(info)")
        }
    }

    @Test func rewritingIsIdempotentAndReadsBackWhatItWrote() {
        for (info, _) in Self.cases {
            let once = Self.rewritten(info)
            #expect(Self.rewritten(once) == once, "\(info)")
            let read = InfoString(Array(once.utf8))
            #expect(read.language == .python, "\(once)")
            #expect(read.snippetName == "token-request", "\(once)")
            #expect(read.recordedDigest == "0123456789ab", "\(once)")
        }
    }

    @Test func theFenceTagIsTheLanguagesWhateverSpellingItReplaces() {
        #expect(
            Self.rewritten(#"js gen=token-request digest=ffffffffffff title="a.mjs""#, language: .javascript)
                == #"javascript gen=token-request digest=0123456789ab title="a.mjs""#)
        #expect(
            Self.rewritten("shell gen=token-request", language: .curl) == "bash gen=token-request digest=0123456789ab")
        #expect(
            Self.rewritten("{.golang linenums=\"1\"}", language: .go)
                == "{.go gen=token-request digest=0123456789ab linenums=\"1\"}")
    }

    @Test func theWordsGenReadsAreFoundOnlyWhereTheyAreWords() {
        // A first word `gen=…` names no language: the block is the writer's.
        #expect(InfoString(Array("gen=token-request".utf8)).snippetName == nil)
        // gen= inside a quoted value or a brace group is text.
        #expect(InfoString(Array(#"python title="gen=token-request""#.utf8)).snippetName == nil)
        #expect(InfoString(Array("python {gen=token-request}".utf8)).snippetName == nil)
        #expect(InfoString(Array("python xgen=token-request".utf8)).snippetName == nil)
        // No language: a key=value or a quoted word first.
        #expect(InfoString(Array(#"title="x" gen=token-request"#.utf8)).languageName == nil)
        #expect(InfoString(Array("{.js .numberLines}".utf8)).language == .javascript)
        #expect(InfoString(Array("{#id .numberLines}".utf8)).language == nil)
        #expect(InfoString(Array("Node.js gen=token-request".utf8)).language == .javascript)
        #expect(InfoString(Array("kotlin gen=token-request".utf8)).language == nil)
    }

    /// Quotes or braces never closed cost one search each kind, not one per byte.
    @Test func anInfoStringOfUnclosedQuotesIsReadInLinearTime() {
        func time(_ count: Int) -> Duration {
            let info = Array(repeating: Array(#"a" b' {c "#.utf8), count: count).joined() + Array("gen=x".utf8)
            return ContinuousClock().measure {
                for _ in 0..<3 { #expect(InfoString(Array(info)).snippetName == "x") }
            }
        }
        _ = time(1_000)
        let small = time(10_000)
        let large = time(100_000)
        // Linear: about 10×; quadratic would be about 100×.
        #expect(large / small < 35, "\(small) for 10,000 groups, \(large) for 100,000")
    }
}

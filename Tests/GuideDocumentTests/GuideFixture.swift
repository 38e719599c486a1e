import GuideDocument
import SampleModel

/// Runs the finder and the splicer over a small guide with fixed one-line samples, so tests can
/// state exactly which bytes come out.
struct GuideFixture {
    let text: [UInt8]

    init(_ text: String) { self.text = Array(text.utf8) }
    init(bytes: [UInt8]) { self.text = bytes }

    static func code(_ language: Language) -> String { "\(language.rawValue) sample" }

    func groups() throws -> [CodeSectionGroup] {
        let source = try SourceText(text)
        return try SectionFinder().groups(in: MarkdownDocument(parsing: source))
    }

    /// The guide filled with `languages`, every group showing `snippet`; a block edited by hand
    /// is replaced only when `replacingHandEdits` (`gen --force`).
    func filled(
        _ languages: [Language] = [.python, .javascript, .php, .swift], snippet: Snippet = .tokenRequest,
        replacingHandEdits: Bool = false, code: (Language) -> String = GuideFixture.code
    ) throws -> [UInt8] {
        let source = try SourceText(text)
        let groups = try SectionFinder().groups(in: MarkdownDocument(parsing: source))
        let splicer = GuideSplicer(source: source)
        var blocks = FencedBlockCache()
        let edits = groups.flatMap {
            splicer.edits(
                filling: $0, with: snippet, languages: languages, blocks: &blocks,
                replacingHandEdits: replacingHandEdits, code: code)
        }
        return GuideEdit.apply(edits, to: source.bytes)
    }

    /// The filled guide as text, each generated block's ` digest=…` left out so that layout tests
    /// read as the layout (`SampleDigestTests` pins the digests themselves).
    func filledText(_ languages: [Language] = [.python, .javascript, .php, .swift], snippet: Snippet = .tokenRequest)
        throws -> String
    {
        Self.withoutDigests(String(decoding: try filled(languages, snippet: snippet), as: UTF8.self))
    }

    static func withoutDigests(_ text: String) -> String {
        text.replacing(#/ digest=[0-9a-f]{12}/#, with: "")
    }
}

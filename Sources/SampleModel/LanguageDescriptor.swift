/// Everything the product knows about one language, in one value: how readers and guides name
/// it, how its files and fenced blocks are marked, how model values become its literals, and
/// how an exported folder of its samples is laid out and run.
///
/// Each language's descriptor is one file in `Languages/`; the templates under
/// `Templates/<name>/` and the test driver under `Tests/Execution/Drivers/<name>/` complete it.
public struct LanguageDescriptor: Sendable {
    /// The identifier, lower case: the template folder, `--lang`, the site's `data-lang`.
    public let name: String
    /// The name readers see, on tabs and in inserted "<Name> code:" labels.
    public let displayName: String
    /// The extension of a file holding one sample, so golden files can be run and linted as they are.
    public let fileExtension: String
    /// The word a generated fenced block's info string starts with (syntax highlighters know it).
    public let fenceTag: String
    /// Further spellings a label, tab title, `:sync:` key, fence tag, `--lang` or gen.yml may use
    /// besides `name` and `fenceTag`: lower case, one blank between words. The usual names of the
    /// language only — never a neighbour's (`kt` is Kotlin, not Java; `ts` is TypeScript, not
    /// JavaScript), since a name read as ours makes `gen` fill that tab or label.
    public let otherSpellings: [String]
    /// The encoder for this language's literals.
    public let literalEncoder: any LiteralEncoder
    /// The file `gen export` writes a snippet to.
    public let exportFileName: @Sendable (Snippet) -> String
    /// The snippets this language offers, in order. A shell has no long-lived process, so curl
    /// offers no token manager: a group of that snippet simply has no tab for it.
    public let snippets: [Snippet]
    /// The `language` parameter of a Confluence `code` macro for this language's blocks; `none`
    /// where Confluence has no highlighter for it (the code still shows, unhighlighted).
    public let confluenceLanguage: String
    /// Further files an exported folder needs beside the samples (Go's `go.mod`), name → contents.
    public let exportSupportFiles: [String: String]
    /// The commands an exported folder's README shows: `environment` is the credentials prefix
    /// (`CLIENT_ID=... CLIENT_SECRET=...`), `file` gives each snippet's file name.
    public let runCommands: @Sendable (_ environment: String, _ file: (Snippet) -> String) -> [String]

    public init(
        name: String,
        displayName: String,
        fileExtension: String,
        fenceTag: String? = nil,
        otherSpellings: [String] = [],
        literalEncoder: any LiteralEncoder,
        snippets: [Snippet] = Snippet.allCases,
        confluenceLanguage: String? = nil,
        exportFileName: @escaping @Sendable (Snippet) -> String,
        exportSupportFiles: [String: String] = [:],
        runCommands: @escaping @Sendable (_ environment: String, _ file: (Snippet) -> String) -> [String]
    ) {
        self.name = name
        self.displayName = displayName
        self.fileExtension = fileExtension
        self.fenceTag = fenceTag ?? name
        self.otherSpellings = otherSpellings
        self.literalEncoder = literalEncoder
        self.snippets = snippets
        self.confluenceLanguage = confluenceLanguage ?? name
        self.exportSupportFiles = exportSupportFiles
        self.exportFileName = exportFileName
        self.runCommands = runCommands
    }

    /// Every spelling that names this language, in the order the README's table lists them:
    /// `name`, `fenceTag` when it differs, then `otherSpellings`.
    public var spellings: [String] {
        var spellings = [name]
        for spelling in [fenceTag.lowercased()] + otherSpellings where !spellings.contains(spelling) {
            spellings.append(spelling)
        }
        return spellings
    }

    /// Whether `spelling` (normalised by `LanguageDescriptor.normalised`) names this language.
    func names(_ spelling: String) -> Bool {
        spelling == name || spelling == fenceTag.lowercased() || otherSpellings.contains(spelling)
    }

    /// A name as the alias table compares it: lower case, without blanks around it, and each run
    /// of blanks inside it one space (`" Node.JS "` → `node.js`, `"Python\t3"` → `python 3`).
    public static func normalised(_ name: some StringProtocol) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

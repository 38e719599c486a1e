import SampleModel

/// One sample's code, ready to go into a guide or a file.
public struct RenderedSample: Sendable, Hashable {
    public let language: Language
    public let snippet: Snippet
    public let form: SampleForm
    /// The code, without a trailing line break.
    public let code: String

    public init(language: Language, snippet: Snippet, form: SampleForm = .complete, code: String) {
        self.language = language
        self.snippet = snippet
        self.form = form
        self.code = code
    }

    /// The code as a file holds it: ending with exactly one line break.
    public var fileText: String { code + "\n" }
}

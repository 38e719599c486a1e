import GuideDocument
import SampleModel

/// A guide read and outlined: its text validated, parsed with cmark-gfm, and its code sections
/// found. Outlining needs no template, so a run does it while the templates are still being
/// parsed (the built-in ones parse on another thread from the moment `gen` starts).
public struct OutlinedGuide: Sendable {
    let source: SourceText
    let groups: [CodeSectionGroup]
    /// The guide's file, where its mistakes are placed; nil for bytes from elsewhere.
    let path: String?

    /// Fails with the guide's first mistake (invalid UTF-8, a label that is not a section),
    /// placed in the file at `path`.
    public init(_ bytes: [UInt8], path: String?) throws(Diagnostic) {
        self.path = path
        do {
            // Validate, parse, then index lines: the line index is not held through cmark's peak.
            try SourceText.validate(bytes)
            let document = MarkdownDocument(parsingValidated: bytes)
            source = document.source
            groups = try SectionFinder().groups(in: document)
        } catch {
            throw error.diagnostic(in: path)
        }
    }

    /// A mistake in this guide, as the diagnostic every stage reports.
    func diagnostic(_ error: GuideError) -> Diagnostic {
        error.diagnostic(in: path)
    }
}

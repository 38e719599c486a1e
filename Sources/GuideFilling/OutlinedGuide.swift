import GuideDocument

/// A guide read and outlined: its text validated, parsed with cmark-gfm, and its code sections
/// found. Outlining needs no template, so a run does it while the templates are still being
/// parsed (the built-in ones parse on another thread from the moment `gen` starts).
public struct OutlinedGuide: Sendable {
    let source: SourceText
    let groups: [CodeSectionGroup]

    /// Fails with the guide's first mistake (invalid UTF-8, a label that is not a section).
    public init(_ bytes: [UInt8]) throws(FillError) {
        do {
            // Validate, parse, then index lines: the line index is not held through cmark's peak.
            try SourceText.validate(bytes)
            let outline = MarkdownOutline(parsing: bytes)
            source = SourceText(validated: bytes)
            groups = try SectionFinder().groups(in: outline, source: source)
        } catch {
            throw .guide(error)
        }
    }
}

import GenConfig
import GuideDocument
import SampleModel

/// A guide's code sections as `gen init` drafts gen.yml from them: each group, found exactly as
/// filling finds it (labels, MkDocs content tabs, MyST tab sets), with its nearest heading, its
/// languages and the snippet its generated blocks already name.
public enum GuideSurvey {
    /// The groups of the guide `bytes` read from `path`; fails with the guide's first mistake,
    /// at its line, as filling it would.
    public static func groups(in bytes: [UInt8], path: String) throws(Diagnostic) -> [ConfigDraft.Group] {
        let found: [CodeSectionGroup]
        do {
            try SourceText.validate(bytes)
            let source = SourceText(validated: bytes)
            found = try SectionFinder().groups(in: MarkdownDocument(parsing: source))
        } catch {
            throw error.diagnostic(in: path)
        }
        return found.map { group in
            let form: ConfigDraft.Group.Form =
                switch group.form {
                case .labels: .labels
                case .mkdocsTabs: .mkdocsTabs
                case .mystTabSet: .mystTabSet
                case .vitepressCodeGroup: .vitepressCodeGroup
                case .docusaurusTabs: .docusaurusTabs
                case .gitbookTabs: .gitbookTabs
                case .mintlifyCodeGroup: .mintlifyCodeGroup
                }
            return ConfigDraft.Group(
                heading: group.heading, line: group.sections[0].start.line, languages: group.languages, form: form,
                taggedSnippet: group.taggedSnippet)
        }
    }
}

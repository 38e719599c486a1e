import GuideDocument
import SampleModel

/// Which nodes of a guide belong to a group of labelled code sections, found by the same
/// `SectionFinder` as `gen` uses, so the published page groups exactly what was filled. (Groups
/// written as tabs are published from their tab sets: `TabbedDocument`.)
struct SampleGroupIndex {
    struct Member {
        let group: Int
        let language: Language
        let isLabel: Bool
    }

    /// Group members by where they start.
    let members: [SourcePosition: Member]
    let groups: [CodeSectionGroup]

    /// Where each label with nothing after it starts.
    var emptyLabels: [SourcePosition] {
        groups.flatMap(\.sections).compactMap { $0.content == .empty ? $0.label?.start : nil }
    }

    init(document: MarkdownDocument) throws(GuideError) {
        groups = try SectionFinder().groups(in: document).filter { $0.form == .labels }
        var members: [SourcePosition: Member] = [:]
        for (index, group) in groups.enumerated() {
            for section in group.sections {
                if let label = section.label {
                    members[label.start] = Member(group: index, language: section.language, isLabel: true)
                }
                switch section.content {
                case .generated(let block):
                    members[block.range.start] = Member(group: index, language: section.language, isLabel: false)
                case .handWritten(let range):
                    members[range.start] = Member(group: index, language: section.language, isLabel: false)
                case .empty:
                    break
                }
            }
        }
        self.members = members
    }
}

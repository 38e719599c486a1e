import Dispatch
import GenConfig
import GuideDocument
import SampleModel
import SampleRendering
import Synchronization

/// Fills guides: finds their code sections, renders each needed sample once, splices it in.
///
/// Keeps the samples it rendered, so a run over many guides with the same model renders each
/// language and snippet once.
public struct GuideFiller: Sendable {
    public let renderer: SampleRenderer
    private var samples: [SampleKey: RenderedSample] = [:]
    private var blocks = FencedBlockCache()

    public init(renderer: SampleRenderer) {
        self.renderer = renderer
    }

    /// The guide `bytes` with every configured language's sample in every group. A block edited
    /// by hand since `gen` wrote it is left as it is and listed in `FilledGuide.editedByHand`,
    /// unless `replacingHandEdits` (`gen --force`).
    /// A mistake in the guide is placed in the file at `path` (`3:1: error: …` without one).
    /// With `links`, a line under each concise sample links to its complete program, where the
    /// group's rule asks for it and its form holds such a line.
    public mutating func fill(
        _ bytes: [UInt8], path: String? = nil, configuration: GenConfiguration, replacingHandEdits: Bool = false,
        links: ProgramLinks? = nil
    ) throws(Diagnostic) -> FilledGuide {
        try fill(
            OutlinedGuide(bytes, path: path), configuration: configuration, replacingHandEdits: replacingHandEdits,
            links: links)
    }

    /// The same, for a guide outlined already.
    public mutating func fill(
        _ guide: OutlinedGuide, configuration: GenConfiguration, replacingHandEdits: Bool = false,
        links: ProgramLinks? = nil
    ) throws(Diagnostic) -> FilledGuide {
        let (source, groups) = (guide.source, guide.groups)
        let splicer = GuideSplicer(source: source)
        var edits: [GuideEdit] = []
        var filled: [FilledGroup] = []
        let rules = configuration.rulesByHeading
        let needed = groups.compactMap { rules[GroupRule.normalized($0.heading ?? "")] }
        prerender(
            configuration.languages.flatMap { language in
                needed.filter { language.offers($0.snippet) }.map {
                    SampleKey(language: language, snippet: $0.snippet, form: $0.form, model: configuration.model)
                }
            })
        var removed: [RemovedSample] = []
        var editedByHand: [EditedSample] = []
        /// Whether a generated section must stay as it is: edited by hand, and not forced.
        func keeps(_ section: CodeSection) -> Bool {
            guard !replacingHandEdits, case .generated(let block) = section.content, block.isEditedByHand else {
                return false
            }
            editedByHand.append(
                EditedSample(language: section.language, snippet: block.snippet, line: block.range.start.line))
            return true
        }
        for group in groups {
            guard let rule = rules[GroupRule.normalized(group.heading ?? "")] else {
                // Stale: gen wrote every section of this group, and no rule of groups: maps its
                // heading any more. The whole group goes, labels included — unless a tab holds the
                // writer's text beside gen's block, which is theirs as a hand-written block is.
                if group.sections.allSatisfy({
                    guard case .generated = $0.content else { return false }
                    return $0.tab?.holdsOtherContent != true
                }) {
                    for section in group.sections where !keeps(section) {
                        edits += splicer.removal(of: section, withLabel: true)
                        removed.append(RemovedSample(language: section.language, line: section.start.line))
                    }
                    continue
                }
                let under = group.heading.map { "under the heading \"\($0)\"" } ?? "before any heading"
                throw guide.diagnostic(
                    GuideError(
                        position: group.sections[0].start,
                        message:
                            "no snippet is configured for the code sections \(under); map the heading to token-request or token-refresh under groups: in gen.yml"
                    ))
            }
            let snippet = rule.snippet
            // Only the configured languages that offer this snippet get a section (curl has no
            // token manager: its group simply has no curl tab).
            let languages = configuration.languages.filter { $0.offers(snippet) }
            // A label of such a language, written by hand, can never be filled: say so.
            if let unfillable = group.sections.first(where: {
                $0.content == .empty && configuration.languages.contains($0.language) && !$0.language.offers(snippet)
            }) {
                let offered = unfillable.language.snippets.map(\.rawValue).joined(separator: ", ")
                throw guide.diagnostic(
                    GuideError(
                        position: unfillable.start,
                        message:
                            "\(unfillable.language.displayName) has no \(snippet.rawValue) sample (it offers \(offered)), so this label cannot be filled; remove it"
                    ))
            }
            // Stale: a block gen wrote for a language no longer in languages: (or that does not
            // offer this snippet) goes, with its label when the label reads as gen inserts it.
            for section in group.sections where !languages.contains(section.language) && !keeps(section) {
                let removal = splicer.removal(of: section, withLabel: splicer.isInsertedLabel(section))
                if !removal.isEmpty {
                    edits += removal
                    removed.append(RemovedSample(language: section.language, line: section.start.line))
                }
            }
            var code: [Language: String] = [:]
            for language in languages {
                code[language] = try sample(snippet, in: language, model: configuration.model, form: rule.form).code
            }
            for section in group.sections where languages.contains(section.language) {
                _ = keeps(section)
            }
            let linked = rule.form == .concise && rule.linksCompleteProgram && group.form.holdsProgramLinks
            edits += splicer.edits(
                filling: group, with: snippet, languages: languages, blocks: &blocks,
                replacingHandEdits: replacingHandEdits, code: { code[$0]! },
                link: { language in linked ? links?.line(language, snippet) : nil })
            let inserted = languages.filter { !group.languages.contains($0) }
            // The order the sections now stand in: each inserted one after the last language
            // before it in the configured order, as the splicer places them.
            var order = group.languages.filter(languages.contains)
            for language in inserted where group.form != .labels {
                order.append(language)  // a new tab goes after the last one
            }
            for language in inserted where group.form == .labels {
                let rank = { (other: Language) in languages.firstIndex(of: other) ?? Int.max }
                var preceding = order.lastIndex { rank($0) < rank(language) }
                while let index = preceding, index + 1 < order.count, rank(order[index + 1]) == Int.max {
                    preceding = index + 1
                }
                order.insert(language, at: preceding.map { $0 + 1 } ?? 0)
            }
            filled.append(
                FilledGroup(
                    heading: group.heading, line: group.sections[0].start.line, snippet: snippet,
                    languages: order, inserted: inserted))
        }
        var guide = FilledGuide(bytes: GuideEdit.apply(edits, to: source.bytes), groups: filled)
        guide.removed = removed
        guide.editedByHand = editedByHand.sorted { $0.line < $1.line }
        return guide
    }

    /// Renders every sample `configuration` can need, so later fills only splice.
    public mutating func renderSamples(for configuration: GenConfiguration) throws(Diagnostic) {
        let keys = configuration.languages.flatMap { language in
            language.snippets.flatMap { snippet in
                SampleForm.allCases.map {
                    SampleKey(language: language, snippet: snippet, form: $0, model: configuration.model)
                }
            }
        }
        prerender(keys)
        for key in keys {
            _ = try sample(key.snippet, in: key.language, model: key.model, form: key.form)
        }
    }

    /// Renders `keys` side by side on every core and keeps the samples. A sample that fails is
    /// left out: its first use renders it again and reports the error where it always did.
    private mutating func prerender(_ keys: [SampleKey]) {
        let pending = Array(Set(keys.filter { samples[$0] == nil }))
        guard pending.count > 1 else { return }
        let rendered = Mutex([SampleKey: RenderedSample]())
        let renderer = renderer
        DispatchQueue.concurrentPerform(iterations: pending.count) { index in
            let key = pending[index]
            guard let sample = try? renderer.render(key.snippet, in: key.language, model: key.model, form: key.form)
            else { return }
            rendered.withLock { $0[key] = sample }
        }
        samples.merge(rendered.withLock { $0 }) { old, _ in old }
    }

    /// One sample, rendered on first use.
    public mutating func sample(
        _ snippet: Snippet, in language: Language, model: ClientModel, form: SampleForm = .complete
    ) throws(Diagnostic) -> RenderedSample {
        let key = SampleKey(language: language, snippet: snippet, form: form, model: model)
        if let sample = samples[key] { return sample }
        let sample = try renderer.render(snippet, in: language, model: model, form: form)
        samples[key] = sample
        return sample
    }
}

private struct SampleKey: Hashable, Sendable {
    let language: Language
    let snippet: Snippet
    let form: SampleForm
    let model: ClientModel
}

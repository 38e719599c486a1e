import Dispatch
import Mustache
import SampleModel
import Synchronization

/// Every template of a run, checked once up front: each declares text content, every tag is
/// closed, sections balance, and every partial it names exists. A template is parsed the first
/// time it is rendered, with the partials it reaches, so a run pays only for what it renders.
public struct TemplateSet: Sendable {
    public let files: [String: TemplateFile]
    /// Each file's tags, from the check.
    let tags: [String: [TemplateTag]]
    private let parsed = ParsedTemplates()

    public init(_ files: [TemplateFile]) throws(Diagnostic) {
        var byName: [String: TemplateFile] = [:]
        for file in files { byName[file.name] = file }
        // Each file checked on its own, side by side; the first failure in name order is reported.
        let sorted = files.sorted(by: { $0.name < $1.name })
        let partials = byName
        let checked = Mutex([Result<[TemplateTag], Diagnostic>?](repeating: nil, count: sorted.count))
        DispatchQueue.concurrentPerform(iterations: sorted.count) { index in
            let result = Result { () throws(Diagnostic) in try Self.check(sorted[index], partials: partials) }
            checked.withLock { $0[index] = result }
        }
        var tags: [String: [TemplateTag]] = [:]
        for (file, result) in zip(sorted, checked.withLock { $0 }) {
            tags[file.name] = try result!.get()
        }
        try Self.checkPartialCycles(tags: tags, files: byName)
        self.files = byName
        self.tags = tags
    }

    /// Refuses a partial that includes itself, directly or through others: Mustache would
    /// recurse until the stack runs out. Reported at the tag that closes the cycle.
    private static func checkPartialCycles(tags: [String: [TemplateTag]], files: [String: TemplateFile])
        throws(Diagnostic)
    {
        var done: Set<String> = []
        for root in tags.keys.sorted() where !done.contains(root) {
            // Depth-first, iteratively: (file, index of the next tag to follow).
            var path: [(name: String, next: Int)] = [(root, 0)]
            var onPath: Set<String> = [root]
            while let (name, next) = path.last {
                let fileTags = tags[name] ?? []
                guard
                    let offset = fileTags[next...].firstIndex(where: {
                        ($0.kind == .partial || $0.kind == .parent) && files[$0.name] != nil
                    })
                else {
                    path.removeLast()
                    onPath.remove(name)
                    done.insert(name)
                    continue
                }
                path[path.count - 1].next = offset + 1
                let tag = fileTags[offset]
                if onPath.contains(tag.name) {
                    let cycle = Array(path.map(\.name).drop(while: { $0 != tag.name })) + [tag.name]
                    throw Diagnostic.template(
                        files[name]?.path ?? name, line: tag.line,
                        message:
                            "the partial \"\(tag.name)\" includes itself (\(cycle.joined(separator: " → "))); Mustache would recurse forever, so break the cycle"
                    )
                }
                if !done.contains(tag.name) {
                    path.append((tag.name, 0))
                    onPath.insert(tag.name)
                }
            }
        }
    }

    /// Parses every template (not partial) of `languages` now, side by side on every core, so
    /// that the renders that follow only render.
    public func prepare(_ languages: [Language]) {
        let templates = templates(of: languages)
        DispatchQueue.concurrentPerform(iterations: templates.count) { index in prepare(templates[index]) }
    }

    /// The templates (not partials) of `languages`, longest first: parsed in this order, threads
    /// that share the work finish together.
    public func templates(of languages: [Language]) -> [TemplateFile] {
        let names = Set(languages.map { $0.rawValue + "/" })
        return files.values.filter { file in
            !file.isPartial && names.contains(String(file.name.prefix { $0 != "/" }) + "/")
        }.sorted { $0.text.utf8.count > $1.text.utf8.count }
    }

    /// Parses `file` now, so that its renders only render. A template that cannot be parsed is
    /// reported by its first render, as without this step.
    public func prepare(_ file: TemplateFile) {
        _ = try? parsed.compiled(file, in: self)
    }

    /// Renders a template (not a partial) with `context` (a `MustacheParent`).
    func render(_ file: TemplateFile, context: any MustacheParent) throws(Diagnostic) -> String {
        let compiled = try parsed.compiled(file, in: self)
        let root = CompactedContext(runs: compiled.runs, values: context)
        return compiled.pieces.map { $0.render(root, library: compiled.library) }.joined()
    }

    /// A template compacted (`TemplateCompaction`) and cut into pieces (`TemplateChunks`).
    fileprivate func compile(_ file: TemplateFile) throws(Diagnostic) -> (
        pieces: [MustacheTemplate], runs: [String: String]
    ) {
        let compaction = TemplateCompaction(file.text, tags: tags[file.name])
        guard case .success(let compactTags) = TemplateTag.scan(compaction.text) else {
            throw Diagnostic.template(file.path, message: "cannot be parsed")
        }
        do {
            let pieces = try TemplateChunks.split(compaction.text, tags: compactTags).map {
                try MustacheTemplate(string: $0)
            }
            return (pieces, compaction.runs)
        } catch {
            // The mistake is reported where the writer made it: from the template as written.
            throw Self.parseError(of: file)
        }
    }

    /// A partial, whole: it is reached by name from inside a template.
    fileprivate func parsePartial(_ file: TemplateFile) throws(Diagnostic) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: file.text)
        } catch {
            throw Self.parseError(of: file)
        }
    }

    /// The partials `name` reaches, directly or through other partials.
    fileprivate func partials(reachedFrom name: String) -> [TemplateFile] {
        var seen: Set<String> = []
        var pending = [name]
        while let current = pending.popLast() {
            for tag in tags[current] ?? [] where tag.kind == .partial || tag.kind == .parent {
                if files[tag.name] != nil, seen.insert(tag.name).inserted { pending.append(tag.name) }
            }
        }
        return seen.sorted().compactMap { files[$0] }
    }

    /// Why swift-mustache cannot parse `file` as written, at the line it names.
    private static func parseError(of file: TemplateFile) -> Diagnostic {
        do {
            _ = try MustacheTemplate(string: file.text)
        } catch let error as MustacheTemplate.ParserError {
            return Diagnostic.template(file.path, line: error.context.lineNumber, message: Self.describe(error.error))
        } catch {
            return Diagnostic.template(file.path, message: "cannot be parsed: \(error)")
        }
        // Only the compacted text failed: a fault of SampleGen's, not of the template.
        return Diagnostic.template(file.path, message: "cannot be parsed once compacted; please report this template")
    }

    /// The template for a snippet in one form, or nil when this set has none for the language.
    /// A folder of templates written before the concise form existed has only `<snippet>`: its
    /// concise form is its complete one, so such a folder keeps working as it did.
    public func file(for snippet: Snippet, in language: Language, form: SampleForm = .complete) -> TemplateFile? {
        files[Self.name(of: snippet, in: language, form: form)] ?? files[Self.name(of: snippet, in: language)]
    }

    /// Languages for which this set has a template of every snippet the language offers.
    public var completeLanguages: [Language] {
        Language.allCases.filter { language in language.snippets.allSatisfy { file(for: $0, in: language) != nil } }
    }

    /// `python/token-request` (the complete form) or `python/token-request.concise`.
    static func name(of snippet: Snippet, in language: Language, form: SampleForm = .complete) -> String {
        let name = "\(language.rawValue)/\(snippet.rawValue)"
        return form == .complete ? name : "\(name).\(form.rawValue)"
    }

    /// The first line of a template of `language` that names `key`, for locating a missing value.
    func firstMention(of key: String, in language: Language) -> (path: String, line: Int)? {
        let prefix = language.rawValue + "/"
        let valueKinds: Set<TemplateTag.Kind> = [.variable, .unescapedVariable, .sectionOpen, .invertedSectionOpen]
        for file in files.values.sorted(by: { $0.name < $1.name }) where file.name.hasPrefix(prefix) {
            if let tag = tags[file.name]?.first(where: {
                valueKinds.contains($0.kind) && ($0.name == key || $0.name.hasPrefix(key + "."))
            }) {
                return (file.path, tag.line)
            }
        }
        return nil
    }

    /// Checks one file and returns its tags.
    private static func check(_ file: TemplateFile, partials: [String: TemplateFile]) throws(Diagnostic)
        -> [TemplateTag]
    {
        let firstLine = file.text.prefix { $0 != "\n" && $0 != "\r\n" }
        guard firstLine.trimmingWhitespace() == TemplateFile.textPragma else {
            throw Diagnostic.template(
                file.path, line: 1,
                message:
                    "the first line must be \(TemplateFile.textPragma); without it swift-mustache escapes the sample for HTML (partials too)"
            )
        }
        let tags: [TemplateTag]
        switch TemplateTag.scan(file.text) {
        case .success(let scanned): tags = scanned
        case .failure(let unclosed):
            throw Diagnostic.template(file.path, line: unclosed.line, message: "this {{ is never closed with }}")
        }
        var open: [TemplateTag] = []
        for tag in tags {
            if [.variable, .unescapedVariable, .sectionOpen, .invertedSectionOpen].contains(tag.kind),
                tag.name.utf8.contains(UInt8(ascii: ".")) || tag.name.hasPrefix(TemplateCompaction.placeholderPrefix)
            {
                let shown =
                    tag.kind == .variable
                    ? "{{\(tag.name)}}" : String(decoding: Array(file.text.utf8)[tag.range], as: UTF8.self)
                let why =
                    tag.name == "."
                    ? "; name the value itself, like {{scope}}"
                    : tag.name.hasPrefix(TemplateCompaction.placeholderPrefix)
                        ? " (no value's name starts with \(TemplateCompaction.placeholderPrefix))"
                        : " (values have no parts to pick with a dot)"
                throw Diagnostic.template(
                    file.path, line: tag.line,
                    message:
                        "\(shown) names a value the model does not provide\(why); the values are listed in Templates/README.md"
                )
            }
            switch tag.kind {
            case .sectionOpen, .invertedSectionOpen, .parent, .block:
                open.append(tag)
                if tag.kind == .parent, tag.name.first != "*", partials[tag.name] == nil {
                    throw Diagnostic.template(
                        file.path, line: tag.line, message: "the parent template \"\(tag.name)\" does not exist")
                }
            case .sectionClose:
                guard let last = open.popLast() else {
                    throw Diagnostic.template(
                        file.path, line: tag.line, message: "{{/\(tag.name)}} closes a section that was never opened")
                }
                guard last.name == tag.name else {
                    throw Diagnostic.template(
                        file.path, line: tag.line,
                        message:
                            "{{/\(tag.name)}} closes {{#\(last.name)}}, opened on line \(last.line); close that one first"
                    )
                }
            case .partial:
                guard tag.name.first == "*" || partials[tag.name] != nil else {
                    let known = partials.keys.filter { $0.hasPrefix(file.name.prefix { $0 != "/" } + "/_") }.sorted()
                    throw Diagnostic.template(
                        file.path, line: tag.line,
                        message: "the partial \"\(tag.name)\" does not exist"
                            + (known.isEmpty ? "" : "; this language has \(known.joined(separator: ", "))"))
                }
                guard tag.name.first == "*" || partials[tag.name]!.isPartial else {
                    throw Diagnostic.template(
                        file.path, line: tag.line,
                        message: "\"\(tag.name)\" is a template, not a partial; a partial's file name starts with _")
                }
            case .setDelimiters:
                throw Diagnostic.template(
                    file.path, line: tag.line,
                    message: "changing delimiters is not supported in SampleGen templates; keep {{ }}")
            default:
                break
            }
        }
        if let unclosed = open.last {
            throw Diagnostic.template(
                file.path, line: unclosed.line,
                message: "{{#\(unclosed.name)}} is never closed; add {{/\(unclosed.name)}}")
        }
        return tags
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with the wrong name"
        case .unfinishedName: "a tag is not finished, or its name has characters Mustache does not allow"
        case .expectedSectionEnd: "a section is never closed"
        case .invalidSetDelimiter: "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: "a transform is applied to an inheritance block"
        case .illegalTokenInsideInheritSection: "an inheritance block holds something other than block definitions"
        case .textInsideInheritSection: "an inheritance block holds text"
        case .invalidConfigVariableSyntax: "a {{% … }} pragma is malformed; write {{% CONTENT_TYPE: TEXT }}"
        case .unrecognisedConfigVariable:
            "a {{% … }} pragma is not one swift-mustache knows; write {{% CONTENT_TYPE: TEXT }}"
        case nil: "cannot be parsed: \(error)"
        }
    }
}

/// Templates parsed so far in a run, shared by every copy of the set.
private final class ParsedTemplates: Sendable {
    struct Compiled {
        let pieces: [MustacheTemplate]
        let runs: [String: String]
        let library: MustacheLibrary
    }

    private struct State {
        var compiled: [String: (pieces: [MustacheTemplate], runs: [String: String])] = [:]
        var library = MustacheLibrary()
    }

    private let state = Mutex(State())

    func compiled(_ file: TemplateFile, in set: TemplateSet) throws(Diagnostic) -> Compiled {
        if let known = state.withLock({ state in
            state.compiled[file.name].map { Compiled(pieces: $0.pieces, runs: $0.runs, library: state.library) }
        }) {
            return known
        }
        // Parsed outside the lock, so templates parse side by side (`TemplateSet.prepare`); two
        // threads parsing the same template keep the first result.
        let compiled = try set.compile(file)
        return try state.withLock { (state: inout State) throws(Diagnostic) -> Compiled in
            for partial in set.partials(reachedFrom: file.name)
            where state.library.getTemplate(named: partial.name) == nil {
                state.library.register(try set.parsePartial(partial), named: partial.name)
            }
            let kept = state.compiled[file.name] ?? compiled
            state.compiled[file.name] = kept
            return Compiled(pieces: kept.pieces, runs: kept.runs, library: state.library)
        }
    }
}

/// The root of a render: the compacted template's text runs, then the values it was given.
private struct CompactedContext: MustacheParent {
    let runs: [String: String]
    let values: any MustacheParent

    func child(named name: String) -> Any? {
        if name.hasPrefix(TemplateCompaction.placeholderPrefix), let run = runs[name] { return run }
        return values.child(named: name)
    }
}

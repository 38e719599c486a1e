import SampleModel

/// The gen.yml `gen init` writes for a guide, from the code sections found in it: the guide, the
/// languages found (in order; the others listed, commented out), one entry under `groups:` per
/// heading with the snippet it most likely needs (`SnippetGuess`, said in a comment), and every
/// other key with its default and a comment, as `docs-site/gen.yml` has them. Every value reads
/// back through `ConfigFile` as written (`configuration` is what gen will read).
public struct ConfigDraft: Sendable {
    /// A group of code sections found in the guide, under its nearest heading.
    public struct Group: Sendable, Hashable {
        public enum Form: String, Sendable, Hashable {
            case labels = "labels"
            case mkdocsTabs = "MkDocs tabs"
            case mystTabSet = "a MyST tab set"
            case vitepressCodeGroup = "a VitePress code group"
            case docusaurusTabs = "Docusaurus tabs"
            case gitbookTabs = "GitBook tabs"
            case mintlifyCodeGroup = "a Mintlify CodeGroup"
        }

        /// The heading's text as gen matches it; nil for sections before any heading.
        public let heading: String?
        /// The line of the group's first section.
        public let line: Int
        public let languages: [Language]
        public let form: Form
        /// The snippet the group's generated blocks are tagged with, if they agree on one.
        public let taggedSnippet: Snippet?

        public init(heading: String?, line: Int, languages: [Language], form: Form, taggedSnippet: Snippet? = nil) {
            self.heading = heading
            self.line = line
            self.languages = languages
            self.form = form
            self.taggedSnippet = taggedSnippet
        }
    }

    /// One entry under `groups:`: every group under headings gen matches as the same.
    public struct Heading: Sendable, Hashable {
        /// The heading as written under `groups:` (white space runs as one space).
        public let key: String
        public let groups: [Group]
        public let guess: SnippetGuess
        /// Why gen.yml cannot name this heading (a control character in it), or nil. Such an
        /// entry is written commented out.
        public let problem: String?
    }

    /// The guide, relative to gen.yml.
    public let guidePath: String
    public let headings: [Heading]
    /// The languages of the guide's sections, in the order they first appear; all of gen's
    /// when the guide has none.
    public let languages: [Language]

    public init(guidePath: String, groups: [Group]) {
        self.guidePath = guidePath
        var order: [String] = []
        var byKey: [String: [Group]] = [:]
        for group in groups.sorted(by: { $0.line < $1.line }) {
            let normalized = GroupRule.normalized(group.heading ?? "")
            if byKey[normalized] == nil { order.append(normalized) }
            byKey[normalized, default: []].append(group)
        }
        var headings: [Heading] = []
        var requestAbove = false
        for normalized in order {
            let groups = byKey[normalized]!
            var languages: [Language] = []
            for language in groups.flatMap(\.languages) where !languages.contains(language) {
                languages.append(language)
            }
            let tags = Set(groups.compactMap(\.taggedSnippet))
            let guess = SnippetGuess.guess(
                heading: groups[0].heading, languages: languages, taggedSnippet: tags.count == 1 ? tags.first : nil,
                requestAbove: requestAbove)
            if guess.snippet == .tokenRequest { requestAbove = true }
            let key = (groups[0].heading ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var problem: String?
            if let control = key.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                problem =
                    "the heading holds \(Diagnostic.codePoint(control.value)), a control character gen.yml cannot name; remove it from the heading, then map the heading here"
            }
            headings.append(Heading(key: key, groups: groups, guess: guess, problem: problem))
        }
        self.headings = headings
        var found: [Language] = []
        for language in groups.sorted(by: { $0.line < $1.line }).flatMap(\.languages) where !found.contains(language) {
            found.append(language)
        }
        languages = found.isEmpty ? Language.allCases : found
    }

    /// What gen reads from `text`.
    public var configuration: GenConfiguration {
        GenConfiguration(
            guidePath: guidePath, languages: languages,
            groups: headings.filter { $0.problem == nil }.map { GroupRule(heading: $0.key, snippet: $0.guess.snippet) },
            model: .guideDefault)
    }

    /// The file's text.
    public var text: String {
        var lines: [String] = []
        let guide = YAMLScalar.written(guidePath)
        lines += Self.comment(
            "gen.yml for \(guide), written by gen init (gen \(GenVersion.number)) from the guide's code "
                + "sections. In this folder, gen fills the guide's samples and gen --check checks them (from "
                + "elsewhere: gen path/to/\(guide)). Every key is optional; the values below are gen's "
                + "defaults. Secrets never go here: the samples read them from the environment variables named below.")
        lines += ["", "\(ConfigKey.guide.name): \(guide)", ""]
        lines += languageLines + [""] + groupLines + [""] + modelLines + [""] + sourceLines
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Sections of the file

    private var languageLines: [String] {
        let found = languages != Language.allCases || !headings.isEmpty
        let others = Language.allCases.filter { !languages.contains($0) }
        var lines = Self.comment(
            "Every group of code sections gets these languages, in this order (curl only where it has the "
                + "snippet: it has no token manager); a missing one is added where the order puts it. "
                + (headings.isEmpty
                    ? "The guide has no code sections yet, so these are all of gen's languages."
                    : found && !others.isEmpty
                        ? "These are the guide's; remove the \"# \" before another to add it to every group."
                        : "These are the guide's."))
        lines.append("\(ConfigKey.languages.name):")
        lines += languages.map { "  - \($0.rawValue)" }
        lines += others.map { "  # - \($0.rawValue)" }
        return lines
    }

    private var groupLines: [String] {
        var lines = Self.comment(
            "Which snippet the code sections under each heading show: token-request (a complete program "
                + "that gets an access token) or token-refresh (a token manager that renews the token before it "
                + "expires, and a call that uses it). A heading matches "
                + "whatever its case and spacing; \"\" stands for the sections before the first heading.")
        guard !headings.isEmpty else {
            lines += Self.comment(
                "The guide has no code sections yet. Under a heading, add a paragraph that is only "
                    + "\"Python code:\" (any language gen knows), or MkDocs or MyST language tabs, then map the "
                    + "heading to its snippet here, for example:")
            lines += [
                "#   groups:",
                "#     Postman guide: token-request",
                "#     Handling Access Token Expiration in the Client Application: token-refresh",
                "\(ConfigKey.groups.name): {}",
            ]
            return lines
        }
        lines += Self.comment("gen init guessed each snippet below by the first of these rules that applies:")
        for (number, step) in SnippetGuess.rule.enumerated() {
            let wrapped = Self.comment(step, indent: "     ")
            lines += wrapped.enumerated().map { index, line in
                "#   " + (index == 0 ? "\(number + 1). " : "   ") + line.dropFirst(7)
            }
        }
        lines += Self.comment("Change a guess to the other snippet where it is wrong.")
        lines.append("\(ConfigKey.groups.name):")
        for heading in headings {
            let places = heading.groups.map { group in
                let shown = group.languages.map(\.displayName).joined(separator: ", ")
                return "line \(group.line), \(group.form.rawValue): \(shown)"
            }
            let entry = Self.entry(heading.key, heading.guess.snippet.rawValue)
            if let problem = heading.problem {
                lines += Self.comment(places.joined(separator: "; ") + ". Not mapped: \(problem).", indent: "  ")
                lines += entry.map { "  # " + $0 }
            } else {
                lines += Self.comment(
                    places.joined(separator: "; ") + ". Guessed: \(heading.guess.reason).", indent: "  ")
                lines += entry.map { "  " + $0 }
            }
        }
        return lines
    }

    /// `key: value`; a key longer than YAML allows for one on the same line as its value
    /// (1,024 characters) is written as an explicit key (`? key` then `: value`).
    private static func entry(_ key: String, _ value: String) -> [String] {
        let written = key.isEmpty ? "\"\"" : YAMLScalar.written(key)
        return written.unicodeScalars.count > 1000 ? ["? \(written)", ": \(value)"] : ["\(written): \(value)"]
    }

    private var modelLines: [String] {
        let model = ClientModel.guideDefault
        var lines = Self.comment(ConfigDraft.note(.setting(.apiURL)))
        lines.append("\(ConfigKey.setting(.apiURL).name): \(Self.value(.setting(.apiURL), in: model)!)")
        for section in [ConfigKey.tokenRequest, .refreshPolicy] {
            lines.append("")
            lines.append("\(section.name):")
            let keys = ConfigKey.keys(in: section.subsection!)
            // Comments line up, after the pairs that are not much longer than the others.
            let width = keys.map { "\($0.name): \(Self.value($0, in: model)!)".count }.filter { $0 <= 44 }.max()! + 2
            for key in keys {
                let pair = "\(key.name): \(Self.value(key, in: model)!)"
                let note = Self.note(key)
                if key == .setting(.tokenURL) {
                    lines += Self.comment(note, indent: "  ")
                    lines.append("  " + pair)
                } else {
                    let padded =
                        pair.count < width ? pair.padding(toLength: width, withPad: " ", startingAt: 0) : pair + "  "
                    lines.append("  " + padded + "# \(note)")
                }
            }
        }
        return lines.map { $0.hasSuffix(" ") ? String($0.reversed().drop { $0 == " " }.reversed()) : $0 }
    }

    /// The keys about where else things come from, commented out with an example value.
    private var sourceLines: [String] {
        var lines = Self.comment(Self.note(.templates))
        lines.append("# \(ConfigKey.templates.name): templates")
        lines.append("")
        lines += Self.comment(Self.note(.completePrograms))
        lines.append("\(ConfigKey.completePrograms.name): \(GenConfiguration.defaultCompleteProgramsPath)")
        lines.append("")
        lines += Self.comment(Self.note(.openAPI))
        lines.append("# \(ConfigKey.openAPI.name): openapi.yaml")
        lines.append("# \(ConfigKey.securityScheme.name): oauth   # \(Self.note(.securityScheme))")
        return lines
    }

    // MARK: Keys

    /// What a key means, as the comment beside or above it says.
    static func note(_ key: ConfigKey) -> String {
        switch key {
        case .guide: "the guide, relative to this file"
        case .templates:
            "Templates of your own instead of the ones built into gen (a folder laid out like gen's "
                + "Templates/), relative to this file; also --templates DIR."
        case .languages, .groups, .tokenRequest, .refreshPolicy: ""
        case .completePrograms:
            "The guide shows short samples; their complete programs (retries, backoff, outage handling) are "
                + "written into this folder beside the guide, and a line under each sample links to its "
                + "program. \"\" for no folder and no links."
        case .openAPI:
            "Your OpenAPI document (3.0 or 3.1, YAML or JSON), relative to this file: token_url and the scopes "
                + "then come from its OAuth 2.0 scheme's clientCredentials flow."
        case .securityScheme: "which scheme, when the document has several OAuth 2.0 schemes"
        case .setting(let field): ModelSetting.of(field).comment
        }
    }

    /// A key's value in `model`, as gen.yml writes it; nil for the keys about the file.
    static func value(_ key: ConfigKey, in model: ClientModel) -> String? {
        guard let setting = key.setting else { return nil }
        switch setting.value {
        case .url(let path): return YAMLScalar.written(model[keyPath: path].text)
        case .variableName(let path): return model[keyPath: path].name
        case .clientAuthentication(let path): return model[keyPath: path].rawValue
        case .flag(let path): return String(model[keyPath: path])
        case .number(let path): return number(model[keyPath: path])
        case .count(let path): return String(model[keyPath: path])
        case .optionalText(let path): return model[keyPath: path].map(YAMLScalar.doubleQuoted) ?? ""
        case .formParameters(let path):
            let pairs = model[keyPath: path].map {
                "\(YAMLScalar.doubleQuoted($0.name)): \(YAMLScalar.doubleQuoted($0.value))"
            }
            return "{" + pairs.joined(separator: ", ") + "}"
        case .statuses(let path): return "[" + model[keyPath: path].map(String.init).joined(separator: ", ") + "]"
        }
    }

    /// A whole number without its `.0` (`300`), any other as Swift writes it shortest (`0.1`).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `text` as comment lines of at most about 100 columns.
    private static func comment(_ text: String, indent: String = "") -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > 96 - indent.count {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " \(word)"
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "\(indent)# \($0)" }
    }
}

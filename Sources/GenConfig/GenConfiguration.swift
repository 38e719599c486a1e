import SampleModel

/// What one guide needs to be filled: where it is, which languages, which snippet each group
/// gets, and the client model.
public struct GenConfiguration: Sendable, Hashable {
    /// The guide, relative to the configuration file's folder.
    public var guidePath: String
    /// Another template folder, relative to the configuration file's folder; nil for the
    /// templates built into `gen`.
    public var templatesPath: String?
    /// Languages every group gets, in the order they appear in a group.
    public var languages: [Language]
    public var groups: [GroupRule]
    /// The folder, relative to the guide's folder, that the complete programs are written into
    /// and the concise samples link to (`complete_programs:`); nil for none.
    public var completeProgramsPath: String? = GenConfiguration.defaultCompleteProgramsPath
    /// The team's OpenAPI document (`openapi:`), relative to the configuration file's folder.
    public var openAPIPath: String?
    /// The OAuth 2.0 security scheme of that document (`security_scheme:`); nil when it has one.
    public var securityScheme: String?
    /// Where gen.yml set each key it sets, to point at them later (an OpenAPI scope gen.yml
    /// names that the document lacks; a token_url that wins over the document's).
    public var keyLocations: [ConfigKey: Diagnostic.Location] = [:]
    public var model: ClientModel

    public init(
        guidePath: String = "guide.md",
        templatesPath: String? = nil,
        languages: [Language] = Language.allCases,
        groups: [GroupRule] = GroupRule.guideDefaults,
        model: ClientModel = .guideDefault
    ) {
        self.guidePath = guidePath
        self.templatesPath = templatesPath
        self.languages = languages
        self.groups = groups
        self.model = model
    }

    /// `samples`, beside the guide.
    public static let defaultCompleteProgramsPath = "samples"

    /// Two configurations are equal when they fill guides the same way: where gen.yml wrote
    /// each key (`keyLocations`) is not part of what it says.
    public static func == (lhs: GenConfiguration, rhs: GenConfiguration) -> Bool {
        lhs.guidePath == rhs.guidePath && lhs.templatesPath == rhs.templatesPath && lhs.languages == rhs.languages
            && lhs.groups == rhs.groups && lhs.completeProgramsPath == rhs.completeProgramsPath
            && lhs.openAPIPath == rhs.openAPIPath
            && lhs.securityScheme == rhs.securityScheme && lhs.model == rhs.model
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(guidePath)
        hasher.combine(templatesPath)
        hasher.combine(languages)
        hasher.combine(groups)
        hasher.combine(completeProgramsPath)
        hasher.combine(openAPIPath)
        hasher.combine(securityScheme)
        hasher.combine(model)
    }

    /// The rules by normalised heading, the first rule for a heading winning.
    public var snippetsByHeading: [String: Snippet] { rulesByHeading.mapValues(\.snippet) }

    /// The same, whole.
    public var rulesByHeading: [String: GroupRule] {
        var rules: [String: GroupRule] = [:]
        for rule in groups where rules[GroupRule.normalized(rule.heading)] == nil {
            rules[GroupRule.normalized(rule.heading)] = rule
        }
        return rules
    }
}

/// "Code sections under this heading show this snippet, in this form."
public struct GroupRule: Sendable, Hashable {
    public let heading: String
    public let snippet: Snippet
    /// What the guide shows: the concise form (the default: it teaches) or the complete program.
    public let form: SampleForm
    /// Whether a line under each concise sample links to its complete program (`complete_program: link`).
    public let linksCompleteProgram: Bool

    public init(heading: String, snippet: Snippet, form: SampleForm = .concise, linksCompleteProgram: Bool = true) {
        self.heading = heading
        self.snippet = snippet
        self.form = form
        self.linksCompleteProgram = linksCompleteProgram
    }

    /// The guide's two groups.
    public static let guideDefaults = [
        GroupRule(heading: "Postman guide", snippet: .tokenRequest),
        GroupRule(heading: "Handling Access Token Expiration in the Client Application", snippet: .tokenRefresh),
    ]

    public static func normalized(_ heading: String) -> String {
        heading.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

import SampleModel
import Yams

/// Reads `gen.yml`: YAML whose every key is known, every value of the right kind, and no value
/// a secret. Each refusal names the line.
public enum ConfigFile {
    /// The file `gen` looks for, in `.` and then `docs-site/`.
    public static let fileName = "gen.yml"

    /// Reads the file's bytes: UTF-8 (a byte-order mark at the start allowed), refused at the
    /// line and column of the first byte that is not, so no byte is ever replaced by U+FFFD.
    public static func parse(bytes: [UInt8], path: String) throws(ConfigError) -> GenConfiguration {
        do {
            _ = try UTF8Span(validating: bytes.span)
        } catch {
            let (line, column) = position(ofOffset: error.byteOffsets.lowerBound, in: bytes)
            throw ConfigError(source: path, line: line, column: column, message:
                "this is not UTF-8 (byte 0x\(String(bytes[error.byteOffsets.lowerBound], radix: 16, uppercase: true))); save the file as UTF-8")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// 1-based line and column (in characters) of a byte offset.
    private static func position(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Characters before the bad byte on its line: every byte that does not continue a sequence.
        let column = bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1
        return (line, column)
    }

    public static func parse(_ text: String, path: String) throws(ConfigError) -> GenConfiguration {
        // Yams reads each scalar with Foundation's String(bytes:encoding:), which drops a leading
        // U+FEFF: a value that starts with one would lose it. Every U+FEFF after the file's own
        // byte-order mark stands in as a code point the file does not use, and is put back.
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        var standIn: String?
        if body.unicodeScalars.contains("\u{FEFF}") {
            standIn = (0xF0000...0xF00FF).lazy.compactMap(Unicode.Scalar.init).map(String.init)
                .first { !body.contains($0) }
            if let standIn { body = Substring(body.replacing("\u{FEFF}", with: standIn)) }
        }
        let root: Node?
        do {
            // The basic resolver: values are typed by this reader, so Yams need not compile its
            // tag-resolution regular expressions (which costs a docs build milliseconds per run).
            root = try Yams.compose(yaml: String(body), .basic)
        } catch let error as YamlError {
            throw Self.error(from: error, path: path, text: String(body))
        } catch {
            throw ConfigError(source: path, message: "cannot be read as YAML: \(error)")
        }
        guard let root else { return GenConfiguration() }
        var reader = ConfigReader(path: path, byteOrderMarkStandIn: standIn)
        reader.aliasUses = ConfigReader.aliasUses(in: root)
        return try reader.configuration(from: root)
    }

    private static func error(from error: YamlError, path: String, text: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.localizedCaseInsensitiveContains("nesting level") {
                // libyaml's own words name a C function; say what is wrong with the file.
                return ConfigError(source: path, line: mark.line, column: mark.column, message:
                    "the YAML nests lists or mappings too deeply here; gen.yml needs at most three levels")
            }
            if problem == "found undefined alias" {
                return ConfigError(source: path, line: mark.line, column: mark.column, message:
                    "this alias (*name) names no anchor (&name) given above it")
            }
            let detail = context.map { "\($0.text), " } ?? ""
            return ConfigError(source: path, line: mark.line, column: mark.column, message: "YAML syntax: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first of the keys; the one to remove is the repeat.
            let key = duplicates.first ?? ""
            let repeated = repeatedKey(key, after: context.mark.line, column: context.mark.column, in: text)
            return ConfigError(source: path, line: repeated?.line ?? context.mark.line, column: repeated?.column ?? context.mark.column,
                               message: "the key \"\(key)\" is given twice (first on line \(context.mark.line)); keep one")
        case .reader(let problem, _, _, _):
            return ConfigError(source: path, message: "cannot be read: \(problem)")
        default:
            return ConfigError(source: path, message: "cannot be read as YAML: \(error)")
        }
    }
}

extension ConfigFile {
    /// The line and column of `key` written again at `column` of a line after `line` (a block
    /// mapping's repeat), or nil when it cannot be told from the text (a flow mapping).
    static func repeatedKey(_ key: String, after line: Int, column: Int, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, column >= 1 else { return nil }
        for index in line..<lines.count {
            let content = Substring(lines[index].unicodeScalars.dropFirst(column - 1))
            let indentation = lines[index].unicodeScalars.prefix(column - 1)
            guard indentation.count == column - 1, indentation.allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where content.hasPrefix(spelling) {
                let rest = content.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
                if rest.first == ":" { return (index + 1, column) }
            }
        }
        return nil
    }
}

/// Walks the YAML nodes of one configuration file.
struct ConfigReader {
    let path: String
    /// What stands for U+FEFF in the text Yams read (see `ConfigFile.parse`).
    var byteOrderMarkStandIn: String? = nil

    func configuration(from root: Node) throws(ConfigError) -> GenConfiguration {
        var configuration = GenConfiguration()
        var model = ClientModel.guideDefault
        let top = try mapping(root, named: "the configuration", keys: [
            "guide", "templates", "languages", "groups", "token_request", "refresh_policy", "api_url",
        ])
        if let node = top["guide"] { configuration.guidePath = try string(node, key: "guide") }
        if let node = top["templates"] { configuration.templatesPath = try string(node, key: "templates") }
        if let node = top["languages"] { configuration.languages = try languages(node) }
        if let node = top["groups"] { configuration.groups = try groups(node) }
        if let node = top["api_url"] {
            let text = try string(node, key: "api_url")
            model.apiURL = try modelValue(node) { () throws(ModelError) in try EndpointURL(text) }
        }
        if let node = top["token_request"] { model.tokenRequest = try tokenRequest(node, base: model.tokenRequest) }
        if let node = top["refresh_policy"] { model.refreshPolicy = try refreshPolicy(node, base: model.refreshPolicy) }
        do {
            try model.validate()
        } catch {
            throw locate(error, in: root)
        }
        configuration.model = model
        return configuration
    }

    // MARK: Sections

    private func tokenRequest(_ node: Node, base: TokenRequest) throws(ConfigError) -> TokenRequest {
        var request = base
        let keys = try mapping(node, named: "token_request", keys: [
            "token_url", "client_authentication", "form_encode_credentials", "client_id_in_body", "scope",
            "extra_parameters", "client_id_variable", "client_secret_variable", "timeout_seconds",
        ])
        for (key, value) in keys.ordered {
            switch key {
            case "token_url":
                let text = try string(value, key: key)
                request.tokenURL = try modelValue(value) { () throws(ModelError) in try EndpointURL(text) }
            case "client_authentication":
                let text = try string(value, key: key)
                guard let method = ClientAuthentication(rawValue: text) else {
                    throw failure(at: value, "client_authentication is \"\(text)\"; use client_secret_basic or client_secret_post"
                        + NearestName.didYouMean(text, among: ClientAuthentication.allCases.map(\.rawValue)))
                }
                request.clientAuthentication = method
            case "form_encode_credentials": request.formEncodesBasicCredentials = try bool(value, key: key)
            case "client_id_in_body": request.sendsClientIDInBody = try bool(value, key: key)
            case "scope": request.scope = try optionalString(value, key: key)
            case "extra_parameters": request.extraParameters = try extraParameters(value)
            case "client_id_variable":
                let name = try string(value, key: key)
                request.credentials.clientIDVariable = try modelValue(value) { () throws(ModelError) in try EnvironmentVariableName(name) }
            case "client_secret_variable":
                let name = try string(value, key: key)
                request.credentials.clientSecretVariable = try modelValue(value) { () throws(ModelError) in try EnvironmentVariableName(name) }
            case "timeout_seconds": request.timeoutSeconds = try number(value, key: key)
            default: break
            }
        }
        return request
    }

    private func refreshPolicy(_ node: Node, base: RefreshPolicy) throws(ConfigError) -> RefreshPolicy {
        var policy = base
        let keys = try mapping(node, named: "refresh_policy", keys: [
            "renew_margin_seconds", "max_renew_fraction", "default_lifetime_seconds", "refresh_retry_delay_seconds",
            "max_wait_seconds", "max_attempts",
            "initial_backoff_seconds", "backoff_jitter", "max_retry_after_seconds", "retry_statuses",
        ])
        for (key, value) in keys.ordered {
            switch key {
            case "renew_margin_seconds": policy.renewMarginSeconds = try number(value, key: key)
            case "max_renew_fraction": policy.maxRenewFraction = try number(value, key: key)
            case "default_lifetime_seconds": policy.defaultLifetimeSeconds = try number(value, key: key)
            case "refresh_retry_delay_seconds": policy.refreshRetryDelaySeconds = try number(value, key: key)
            case "max_wait_seconds": policy.maxWaitSeconds = try number(value, key: key)
            case "max_attempts": policy.retry.maxAttempts = try integer(value, key: key)
            case "initial_backoff_seconds": policy.retry.initialBackoffSeconds = try number(value, key: key)
            case "backoff_jitter": policy.retry.jitterFraction = try number(value, key: key)
            case "max_retry_after_seconds": policy.retry.maxRetryAfterSeconds = try number(value, key: key)
            case "retry_statuses":
                guard case .sequence(let items) = value else { throw failure(at: value, "retry_statuses must be a list of HTTP statuses, like [429, 503]") }
                var statuses: [Int] = []
                for item in items { statuses.append(try integer(item, key: key)) }
                policy.retry.retryableStatuses = statuses
            default: break
            }
        }
        return policy
    }

    private func languages(_ node: Node) throws(ConfigError) -> [Language] {
        guard case .sequence(let items) = node else {
            throw failure(at: node, "languages must be a list, like [python, javascript, php, swift]")
        }
        var languages: [Language] = []
        for item in items {
            let name = try string(item, key: "languages")
            guard let language = Language(name: name) else {
                throw failure(at: item, "\"\(name)\" is not a language SampleGen knows; use \(Language.allCases.map(\.rawValue).joined(separator: ", "))"
                    + NearestName.didYouMean(name, among: Language.allCases.map(\.rawValue)))
            }
            guard !languages.contains(language) else { throw failure(at: item, "\(name) is listed twice") }
            languages.append(language)
        }
        guard !languages.isEmpty else { throw failure(at: node, "languages is empty; list at least one") }
        return languages
    }

    private func groups(_ node: Node) throws(ConfigError) -> [GroupRule] {
        guard case .mapping(let pairs) = node else {
            throw failure(at: node, "groups must map a heading to a snippet, like \"Postman guide: token-request\"")
        }
        var rules: [GroupRule] = []
        for (key, value) in pairs {
            let heading = try string(key, key: "groups")
            let name = try string(value, key: heading)
            guard let snippet = Snippet(rawValue: name) else {
                throw failure(at: value, "\"\(name)\" is not a snippet; use \(Snippet.allCases.map(\.rawValue).joined(separator: " or "))"
                    + NearestName.didYouMean(name, among: Snippet.allCases.map(\.rawValue)))
            }
            rules.append(GroupRule(heading: heading, snippet: snippet))
        }
        return rules
    }

    private func extraParameters(_ node: Node) throws(ConfigError) -> [FormParameter] {
        if isNull(node) { return [] }
        guard case .mapping(let pairs) = node else {
            throw failure(at: node, "extra_parameters must map names to values, like \"audience: https://api.example.com\"")
        }
        var parameters: [FormParameter] = []
        for (key, value) in pairs {
            let name = try string(key, key: "extra_parameters")
            let text = try string(value, key: name)
            parameters.append(try modelValue(key) { () throws(ModelError) in try FormParameter(name: name, value: text) })
        }
        return parameters
    }

    // MARK: Values

    /// A mapping's values by key, refusing secret-looking and unknown keys.
    private func mapping(_ node: Node, named name: String, keys known: [String]) throws(ConfigError) -> KeyedNodes {
        if isNull(node) { return KeyedNodes(ordered: []) }
        guard case .mapping(let pairs) = node else { throw failure(at: node, "\(name) must be a mapping of keys to values") }
        var ordered: [(String, Node)] = []
        for (keyNode, value) in pairs {
            let key = try string(keyNode, key: name)
            // A known key is never a secret (form_encode_credentials); any other that looks like one is.
            if !known.contains(key), SecretLikeKey.matches(key) {
                throw failure(at: keyNode, ModelError.secretInConfiguration(key: key).description)
            }
            guard known.contains(key) else {
                throw failure(at: keyNode, "unknown key \"\(key)\" in \(name)" + NearestName.didYouMean(key, among: known))
            }
            ordered.append((key, value))
        }
        return KeyedNodes(ordered: ordered)
    }

    private func string(_ node: Node, key: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            throw failure(at: node, "\(key) must be a text value")
        }
        guard let standIn = byteOrderMarkStandIn else { return scalar.string }
        return scalar.string.replacing(standIn, with: "\u{FEFF}")
    }

    private func optionalString(_ node: Node, key: String) throws(ConfigError) -> String? {
        isNull(node) ? nil : try string(node, key: key)
    }

    private func number(_ node: Node, key: String) throws(ConfigError) -> Double {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
              let value = Double(scalar.string), value.isFinite else {
            throw failure(at: node, "\(key) must be a number, like 20 or 0.5")
        }
        return value
    }

    private func integer(_ node: Node, key: String) throws(ConfigError) -> Int {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
              let value = Int(scalar.string) else {
            throw failure(at: node, "\(key) must be a whole number")
        }
        return value
    }

    private func bool(_ node: Node, key: String) throws(ConfigError) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
            throw failure(at: node, "\(key) must be true or false")
        }
        switch scalar.string.lowercased() {
        case "true": return true
        case "false": return false
        default: throw failure(at: node, "\(key) must be true or false, not \"\(scalar.string)\"")
        }
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Runs a model initialiser, turning its refusal into an error at `node`.
    private func modelValue<Value>(_ node: Node, _ make: () throws(ModelError) -> Value) throws(ConfigError) -> Value {
        do {
            return try make()
        } catch {
            throw failure(at: node, error.description)
        }
    }

    private func failure(at node: Node, _ message: String) -> ConfigError {
        let line = node.mark?.line ?? 0
        let column = node.mark?.column ?? 0
        // A value reached through an alias carries the anchor's place; the mistake is where it is used.
        if let use = aliasUses[Position(line: line, column: column)] {
            return ConfigError(source: path, line: use.line, column: use.column, message: message + " (the value of the anchor on line \(line))")
        }
        return ConfigError(source: path, line: line, column: column, message: message)
    }

    struct Position: Hashable {
        let line: Int
        let column: Int
    }

    /// Anchored nodes used through an alias: their place → the place of the alias's key or
    /// list. Found by their place: Yams resolves an alias to the anchored node itself (without
    /// its anchor), which starts before the key it is the value of — no other value does.
    var aliasUses: [Position: Position] = [:]

    static func aliasUses(in root: Node) -> [Position: Position] {
        var uses: [Position: Position] = [:]
        var pending = [root]
        var seen = 0
        while let node = pending.popLast(), seen < 10_000 {
            seen += 1
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if let keyMark = key.mark, let valueMark = value.mark,
                       (valueMark.line, valueMark.column) < (keyMark.line, keyMark.column) {
                        uses[Position(line: valueMark.line, column: valueMark.column)] = Position(line: keyMark.line, column: keyMark.column)
                    } else {
                        pending.append(value)
                    }
                }
            case .sequence(let sequence):
                for item in sequence {
                    if let listMark = node.mark, let itemMark = item.mark,
                       (itemMark.line, itemMark.column) < (listMark.line, listMark.column) {
                        uses[Position(line: itemMark.line, column: itemMark.column)] = Position(line: listMark.line, column: listMark.column)
                    } else {
                        pending.append(item)
                    }
                }
            default:
                break
            }
        }
        return uses
    }

    /// A model-wide refusal, placed at the key it is about when the file has that key.
    private func locate(_ error: ModelError, in root: Node) -> ConfigError {
        let field: String? = switch error {
        case .outOfRange(let field, _, _), .emptyValue(let field): field
        case .unretryableStatus: "retry_statuses"
        case .sameCredentialVariable: "client_secret_variable"
        default: nil
        }
        let node = field.flatMap { Self.find(key: $0, in: root) }
        return ConfigError(source: path, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message: error.description)
    }

    private static func find(key: String, in node: Node) -> Node? {
        guard case .mapping(let pairs) = node else { return nil }
        for (keyNode, value) in pairs {
            if keyNode.scalar?.string == key { return value }
            if let found = find(key: key, in: value) { return found }
        }
        return nil
    }
}

/// A mapping's entries in file order.
struct KeyedNodes {
    let ordered: [(String, Node)]

    subscript(key: String) -> Node? {
        ordered.first { $0.0 == key }?.1
    }
}

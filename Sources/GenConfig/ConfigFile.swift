import SampleModel
import Yams

/// Reads `gen.yml`: YAML whose every key is known, every value of the right kind, and no value
/// a secret. Each refusal names the line.
public enum ConfigFile {
    /// The file `gen` looks for, in `.` and then `docs-site/`.
    public static let fileName = "gen.yml"

    /// Reads the file's bytes: UTF-8 (a byte-order mark at the start allowed), refused at the
    /// line and column of the first byte that is not, so no byte is ever replaced by U+FFFD.
    public static func parse(bytes: [UInt8], path: String) throws(Diagnostic) -> GenConfiguration {
        do {
            _ = try UTF8Span(validating: bytes.span)
        } catch {
            let (line, column) = position(ofOffset: error.byteOffsets.lowerBound, in: bytes)
            throw Diagnostic.configuration(
                in: path, line: line, column: column,
                message:
                    "this is not UTF-8 (byte 0x\(String(bytes[error.byteOffsets.lowerBound], radix: 16, uppercase: true))); save the file as UTF-8"
            )
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

    public static func parse(_ text: String, path: String) throws(Diagnostic) -> GenConfiguration {
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
            throw Diagnostic.configuration(in: path, message: "cannot be read as YAML: \(error)")
        }
        guard let root else { return GenConfiguration() }
        var reader = ConfigReader(path: path, byteOrderMarkStandIn: standIn)
        // A value may start with an escaped U+FEFF that Yams dropped (see `string`): only then is
        // the text needed again.
        if body.contains("\\u") || body.contains("\\U") { reader.source = YAMLSource(body) }
        reader.aliasUses = ConfigReader.aliasUses(in: root)
        return try reader.configuration(from: root)
    }

    private static func error(from error: YamlError, path: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.localizedCaseInsensitiveContains("nesting level") {
                // libyaml's own words name a C function; say what is wrong with the file.
                return Diagnostic.configuration(
                    in: path, line: mark.line, column: mark.column,
                    message: "the YAML nests lists or mappings too deeply here; gen.yml needs at most three levels")
            }
            if problem == "found undefined alias" {
                return Diagnostic.configuration(
                    in: path, line: mark.line, column: mark.column,
                    message: "this alias (*name) names no anchor (&name) given above it")
            }
            let detail = context.map { "\($0.text), " } ?? ""
            return Diagnostic.configuration(
                in: path, line: mark.line, column: mark.column, message: "YAML syntax: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first of the keys; the one to remove is the repeat.
            let key = duplicates.first ?? ""
            let repeated = repeatedKey(key, after: context.mark.line, column: context.mark.column, in: text)
            return Diagnostic.configuration(
                in: path, line: repeated?.line ?? context.mark.line, column: repeated?.column ?? context.mark.column,
                message:
                    "the key \"\(Diagnostic.shown(key))\" is given twice (first on line \(context.mark.line)); keep one"
            )
        case .reader(let problem, _, _, _):
            // libyaml's reader stops at the first character YAML does not allow, and Yams gives
            // no line for it: find it, and say what it is.
            guard let refused = YAMLSource(text).firstRefusedCharacter() else {
                return Diagnostic.configuration(in: path, message: "cannot be read: \(problem)")
            }
            let code = Diagnostic.codePoint(refused.scalar.value)
            let kind =
                refused.scalar.properties.generalCategory == .control ? "a control character" : "a noncharacter"
            let escape =
                refused.scalar.value <= 0xFF
                ? "\\x" + String(refused.scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                : "\\u" + String(refused.scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            return Diagnostic.configuration(
                in: path, line: refused.line, column: refused.column,
                message:
                    "this line holds \(code), \(kind), which a YAML file cannot hold as it is; remove it, or write "
                    + "it as \(escape) inside a double-quoted value")
        default:
            return Diagnostic.configuration(in: path, message: "cannot be read as YAML: \(error)")
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
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
    /// The text Yams read, when a double-quoted value may start with an escaped U+FEFF.
    var source: YAMLSource? = nil

    func configuration(from root: Node) throws(Diagnostic) -> GenConfiguration {
        var configuration = GenConfiguration()
        // The value node each key was read from, to place the model's refusals exactly.
        var placed: [ConfigKey: Node] = [:]
        let top = try mapping(root, in: .file)
        // The file's own keys in the table's order, each section's keys in the file's order.
        for key in ConfigKey.keys(in: .file) {
            guard let node = top[key] else { continue }
            guard let section = key.subsection else {
                try read(key, node, into: &configuration)
                placed[key] = node
                continue
            }
            for (inner, value) in try mapping(node, in: section).ordered {
                try read(inner, value, into: &configuration)
                placed[inner] = value
            }
        }
        do {
            try configuration.model.validate()
        } catch {
            throw locate(error, placed: placed)
        }
        // A key written with no value (`scope:`) is not set: its default holds (for scope:, the
        // OpenAPI document's scopes). An empty string (`scope: ""`) is a value: "none".
        for (key, node) in placed where !isNull(node) {
            configuration.keyLocations[key] = Diagnostic.Location(
                path: path, line: node.mark?.line, column: node.mark?.column)
        }
        return configuration
    }

    // MARK: Keys

    /// Reads one key's value into the configuration: a model setting by its kind, a key about
    /// the file by its own case.
    private func read(_ key: ConfigKey, _ value: Node, into configuration: inout GenConfiguration) throws(Diagnostic) {
        if let setting = key.setting {
            return try read(setting, value, into: &configuration.model)
        }
        let name = key.name
        switch key {
        case .guide: configuration.guidePath = try label(value, key: name)
        case .templates: configuration.templatesPath = try label(value, key: name)
        case .openAPI: configuration.openAPIPath = try label(value, key: name)
        case .securityScheme: configuration.securityScheme = try label(value, key: name)
        case .languages: configuration.languages = try languages(value)
        case .groups: configuration.groups = try groups(value)
        case .completePrograms:
            // No value: the default folder. An empty string: no folder, so no link under the samples.
            let folder = try optionalString(value, key: name)
            if folder == nil {
                break
            } else if let folder, !folder.isEmpty {
                let path = try label(value, key: name)
                guard !path.hasPrefix("/"), !path.contains("\\") else {
                    throw failure(
                        at: value,
                        "\(name) is a folder beside the guide, so that the guide's links work wherever it is published; write it relative to the guide, with / between folders, like samples"
                    )
                }
                var trimmed = Substring(path)
                while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
                while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
                configuration.completeProgramsPath = trimmed.isEmpty ? nil : String(trimmed)
            } else {
                configuration.completeProgramsPath = nil
            }
        case .tokenRequest, .refreshPolicy:
            // Sections, read key by key by `configuration(from:)`.
            break
        default:
            preconditionFailure("\(key) is a model setting, read by its kind above")
        }
    }

    /// Reads a model setting's value as its kind says (`ModelSetting.Value`) into the model.
    private func read(_ setting: ModelSetting, _ value: Node, into model: inout ClientModel) throws(Diagnostic) {
        let name = setting.name
        switch setting.value {
        case .url(let path):
            let text = try string(value, key: name)
            model[keyPath: path] = try modelValue(value) { () throws(ModelError) in try EndpointURL(text) }
        case .variableName(let path):
            let text = try string(value, key: name)
            model[keyPath: path] = try modelValue(value) { () throws(ModelError) in try EnvironmentVariableName(text) }
        case .clientAuthentication(let path):
            let text = try string(value, key: name)
            guard let method = ClientAuthentication(rawValue: text) else {
                throw failure(
                    at: value,
                    "\(name) is \"\(Diagnostic.shown(text))\"; use client_secret_basic or client_secret_post",
                    fixIt: NearestName.fixIt(text, among: ClientAuthentication.allCases.map(\.rawValue)))
            }
            model[keyPath: path] = method
        case .flag(let path): model[keyPath: path] = try bool(value, key: name)
        case .number(let path): model[keyPath: path] = try number(value, key: name)
        case .count(let path): model[keyPath: path] = try integer(value, key: name)
        case .optionalText(let path): model[keyPath: path] = ConfigKey.textOrNone(try optionalString(value, key: name))
        case .formParameters(let path): model[keyPath: path] = try extraParameters(value)
        case .statuses(let path):
            guard case .sequence(let items) = value else {
                throw failure(at: value, "\(name) must be a list of HTTP statuses, like [429, 503]")
            }
            var statuses: [Int] = []
            for item in items { statuses.append(try integer(item, key: name)) }
            model[keyPath: path] = statuses
        }
    }

    private func languages(_ node: Node) throws(Diagnostic) -> [Language] {
        guard case .sequence(let items) = node else {
            throw failure(at: node, "languages must be a list, like [python, javascript, php, swift]")
        }
        var languages: [Language] = []
        for item in items {
            let name = try string(item, key: "languages")
            guard let language = Language(name: name) else {
                throw failure(
                    at: item,
                    "\"\(Diagnostic.shown(name))\" is not a language SampleGen knows; use \(Language.allCases.map(\.rawValue).joined(separator: ", "))",
                    fixIt: NearestName.fixIt(name, among: Language.allCases.map(\.rawValue)))
            }
            guard !languages.contains(language) else {
                throw failure(at: item, "\(Diagnostic.shown(name)) is listed twice")
            }
            languages.append(language)
        }
        guard !languages.isEmpty else { throw failure(at: node, "languages is empty; list at least one") }
        return languages
    }

    private func groups(_ node: Node) throws(Diagnostic) -> [GroupRule] {
        guard case .mapping(let pairs) = node else {
            throw failure(at: node, "groups must map a heading to a snippet, like \"Postman guide: token-request\"")
        }
        var rules: [GroupRule] = []
        for (key, value) in pairs {
            let heading = try label(key, key: "the heading \"\(Diagnostic.shown(try string(key, key: "groups")))\"")
            guard case .mapping(let settings) = value else {
                rules.append(GroupRule(heading: heading, snippet: try snippet(value, key: heading)))
                continue
            }
            // The long form: `Heading: {snippet: token-refresh, form: complete}`.
            var snippet: Snippet?
            var form = SampleForm.concise
            var linksCompleteProgram = true
            for (settingKey, settingValue) in settings {
                let name = try string(settingKey, key: heading)
                switch name {
                case "snippet": snippet = try self.snippet(settingValue, key: "\(heading): snippet")
                case "form":
                    let formName = try string(settingValue, key: "\(heading): form")
                    guard let chosen = SampleForm(rawValue: formName) else {
                        throw failure(
                            at: settingValue,
                            "\"\(Diagnostic.shown(formName))\" is not a form; use concise (the default: short samples that teach) or complete (the whole program inline)",
                            fixIt: NearestName.fixIt(formName, among: SampleForm.allCases.map(\.rawValue)))
                    }
                    form = chosen
                case "complete_program":
                    let choice = try string(settingValue, key: "\(heading): complete_program")
                    guard choice == "link" || choice == "none" else {
                        throw failure(
                            at: settingValue,
                            "\"\(Diagnostic.shown(choice))\" is not a choice for complete_program; use link (a line under each concise sample links to its complete program) or none",
                            fixIt: NearestName.fixIt(choice, among: ["link", "none"]))
                    }
                    linksCompleteProgram = choice == "link"
                default:
                    throw failure(
                        at: settingKey,
                        "\"\(Diagnostic.shown(name))\" is not a setting of a group; a group takes snippet, form and complete_program",
                        fixIt: NearestName.fixIt(name, among: ["snippet", "form", "complete_program"]))
                }
            }
            guard let snippet else {
                throw failure(
                    at: value, "this group names no snippet; add snippet: token-request or snippet: token-refresh")
            }
            rules.append(
                GroupRule(heading: heading, snippet: snippet, form: form, linksCompleteProgram: linksCompleteProgram))
        }
        return rules
    }

    private func snippet(_ value: Node, key: String) throws(Diagnostic) -> Snippet {
        let name = try string(value, key: key)
        guard let snippet = Snippet(rawValue: name) else {
            throw failure(
                at: value,
                "\"\(Diagnostic.shown(name))\" is not a snippet; use \(Snippet.allCases.map(\.rawValue).joined(separator: " or "))",
                fixIt: NearestName.fixIt(name, among: Snippet.allCases.map(\.rawValue)))
        }
        return snippet
    }

    private func extraParameters(_ node: Node) throws(Diagnostic) -> [FormParameter] {
        if isNull(node) { return [] }
        guard case .mapping(let pairs) = node else {
            throw failure(
                at: node, "extra_parameters must map names to values, like \"audience: https://api.example.com\"")
        }
        var parameters: [FormParameter] = []
        for (key, value) in pairs {
            let name = try string(key, key: "extra_parameters")
            let text = try string(value, key: name)
            // A refusal is placed at the name, unless it is about a character of the value.
            let place = SendableText.firstUnsendable(in: name) == nil && SendableText.firstUnsendable(in: text) != nil
            parameters.append(
                try modelValue(place ? value : key) { () throws(ModelError) in
                    try FormParameter(name: name, value: text)
                })
        }
        return parameters
    }

    // MARK: Values

    /// A mapping's values by key, refusing secret-looking and unknown keys.
    private func mapping(_ node: Node, in section: ConfigSection) throws(Diagnostic) -> KeyedNodes {
        let name = section.rawValue
        let known = ConfigKey.keys(in: section).map(\.name)
        if isNull(node) { return KeyedNodes(ordered: []) }
        guard case .mapping(let pairs) = node else {
            throw failure(at: node, "\(name) must be a mapping of keys to values")
        }
        var ordered: [(ConfigKey, Node)] = []
        for (keyNode, value) in pairs {
            let key = try string(keyNode, key: name)
            // A known key is never a secret (form_encode_credentials); any other that looks like one is.
            if !known.contains(key), SecretLikeKey.matches(key) {
                throw failure(at: keyNode, ModelError.secretInConfiguration(key: key).description)
            }
            guard known.contains(key), let configKey = ConfigKey(rawValue: key) else {
                throw failure(
                    at: keyNode, "unknown key \"\(Diagnostic.shown(key))\" in \(name)",
                    fixIt: NearestName.fixIt(key, among: known))
            }
            ordered.append((configKey, value))
        }
        return KeyedNodes(ordered: ordered)
    }

    private func string(_ node: Node, key: String) throws(Diagnostic) -> String {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            throw failure(at: node, "\(Diagnostic.shown(key)) must be a text value")
        }
        var text = scalar.string
        // Yams builds each value with Foundation, which drops a leading U+FEFF: an escaped one
        // ("\uFEFF…") is lost there, and put back here; a literal one was never U+FEFF for Yams.
        if scalar.style == .doubleQuoted, let source, let mark = node.mark,
            source.startsWithByteOrderMarkEscape(line: mark.line, column: mark.column)
        {
            text = "\u{FEFF}" + text
        }
        guard let standIn = byteOrderMarkStandIn else { return text }
        return text.replacing(standIn, with: "\u{FEFF}")
    }

    /// A value that names a file, a folder, a scheme or a heading: a control character in it is
    /// no name anything has (a NUL ends a file name; a guide's heading cannot hold one) and would
    /// be printed raw in every later message, so it is refused here, at its line.
    private func label(_ node: Node, key: String) throws(Diagnostic) -> String {
        let text = try string(node, key: key)
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw failure(
                at: node, "\(key) holds \(Diagnostic.codePoint(control.value)), a control character; remove it")
        }
        return text
    }

    private func optionalString(_ node: Node, key: String) throws(Diagnostic) -> String? {
        isNull(node) ? nil : try string(node, key: key)
    }

    private func number(_ node: Node, key: String) throws(Diagnostic) -> Double {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = Double(scalar.string), value.isFinite
        else {
            throw failure(at: node, "\(key) must be a number, like 20 or 0.5")
        }
        return value
    }

    private func integer(_ node: Node, key: String) throws(Diagnostic) -> Int {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = Int(scalar.string)
        else {
            throw failure(at: node, "\(key) must be a whole number")
        }
        return value
    }

    private func bool(_ node: Node, key: String) throws(Diagnostic) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
            throw failure(at: node, "\(key) must be true or false")
        }
        switch scalar.string.lowercased() {
        case "true": return true
        case "false": return false
        default: throw failure(at: node, "\(key) must be true or false, not \"\(Diagnostic.shown(scalar.string))\"")
        }
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Runs a model initialiser, turning its refusal into an error at `node`.
    private func modelValue<Value>(_ node: Node, _ make: () throws(ModelError) -> Value) throws(Diagnostic) -> Value {
        do {
            return try make()
        } catch {
            throw failure(at: node, error.description)
        }
    }

    private func failure(at node: Node, _ message: String, fixIt: String? = nil) -> Diagnostic {
        guard let mark = node.mark else { return Diagnostic.configuration(in: path, message: message, fixIt: fixIt) }
        // A value reached through an alias carries the anchor's place; the mistake is where it is used.
        if let use = aliasUses[Position(line: mark.line, column: mark.column)] {
            return Diagnostic.configuration(
                in: path, line: use.line, column: use.column,
                message: message + " (the value of the anchor on line \(mark.line))", fixIt: fixIt)
        }
        return Diagnostic.configuration(in: path, line: mark.line, column: mark.column, message: message, fixIt: fixIt)
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
                        (valueMark.line, valueMark.column) < (keyMark.line, keyMark.column)
                    {
                        uses[Position(line: valueMark.line, column: valueMark.column)] = Position(
                            line: keyMark.line, column: keyMark.column)
                    } else {
                        pending.append(value)
                    }
                }
            case .sequence(let sequence):
                for item in sequence {
                    if let listMark = node.mark, let itemMark = item.mark,
                        (itemMark.line, itemMark.column) < (listMark.line, listMark.column)
                    {
                        uses[Position(line: itemMark.line, column: itemMark.column)] = Position(
                            line: listMark.line, column: listMark.column)
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

    /// A model-wide refusal, placed at the value of the first key it is about that the file sets
    /// (the exact node read for it), else at the file.
    private func locate(_ error: ModelError, placed: [ConfigKey: Node]) -> Diagnostic {
        let node = error.fields.lazy.compactMap { placed[ConfigKey(field: $0)] }.first
        let key = error.fields.first.map(ConfigKey.init(field:))
        let message = error.message(naming: key?.name)
        guard let node else { return Diagnostic.configuration(in: path, message: message) }
        return failure(at: node, message)
    }
}

/// A mapping's entries in file order.
struct KeyedNodes {
    let ordered: [(ConfigKey, Node)]

    subscript(key: ConfigKey) -> Node? {
        ordered.first { $0.0 == key }?.1
    }
}

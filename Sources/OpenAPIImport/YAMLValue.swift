import SampleModel

/// A value of the document that gen keeps, with the place it is written. A class: every alias
/// of an anchor is the anchored value itself, so a value reached through an alias (or a `$ref`)
/// is reported where it lives, and aliases never copy anything.
final class YAMLValue: Sendable {
    enum Content: Sendable {
        case scalar(String)
        case sequence([YAMLValue])
        case mapping(YAMLMapping)
        /// A value gen does not read (a large API's `paths`): its kind and place only.
        case omitted(Kind)
    }

    enum Kind: Sendable {
        case scalar, sequence, mapping

        /// The kind as a message names it.
        var name: String {
            switch self {
            case .scalar: "a single value"
            case .sequence: "a list"
            case .mapping: "a mapping"
            }
        }
    }

    let content: Content
    /// 1-based; the column counts characters.
    let line: Int
    let column: Int

    init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    var kind: Kind {
        switch content {
        case .scalar: .scalar
        case .sequence: .sequence
        case .mapping: .mapping
        case .omitted(let kind): kind
        }
    }

    var string: String? {
        guard case .scalar(let text) = content else { return nil }
        return text
    }

    var mapping: YAMLMapping? {
        guard case .mapping(let mapping) = content else { return nil }
        return mapping
    }

    subscript(key: String) -> YAMLValue? { mapping?[key] }

    func location(in path: String) -> Diagnostic.Location {
        Diagnostic.Location(path: path, line: line, column: column)
    }
}

/// A mapping's entries in the document's order, its keys strings (OpenAPI's keys always are),
/// each found by its key in constant time.
struct YAMLMapping: Sendable {
    let entries: [(key: YAMLValue, value: YAMLValue)]
    private let index: [String: Int]

    /// `entries` with unique keys (the first of a key is kept).
    init(_ entries: [(key: YAMLValue, value: YAMLValue)]) {
        var unique: [(key: YAMLValue, value: YAMLValue)] = []
        var index: [String: Int] = [:]
        for entry in entries {
            let key = entry.key.string ?? ""
            guard index[key] == nil else { continue }
            index[key] = unique.count
            unique.append(entry)
        }
        self.entries = unique
        self.index = index
    }

    subscript(key: String) -> YAMLValue? {
        index[key].map { entries[$0].value }
    }

    /// The key as written (for its place), if the mapping has it.
    func key(_ key: String) -> YAMLValue? {
        index[key].map { entries[$0].key }
    }
}

/// Which values of a document to keep, by their keys from the top: gen needs a few of an API
/// document's values and none of its paths, so the rest is read (it must be valid YAML) and
/// dropped as it goes.
indirect enum YAMLSelection: Sendable {
    /// Nothing below here (anchored values are kept all the same: an alias may name them).
    case none
    /// The value's kind and place, not its content.
    case shape
    /// All of the value.
    case all
    /// A mapping, with these of its keys (each with what to keep of its value).
    case keys([String: YAMLSelection])

    /// What to keep of the value under `key`, in a mapping.
    func value(of key: String) -> YAMLSelection {
        switch self {
        case .all: .all
        case .keys(let keys): keys[key] ?? .none
        case .none, .shape: .none
        }
    }

    /// What to keep of an item, in a list.
    var item: YAMLSelection {
        if case .all = self { .all } else { .none }
    }

    var keepsAnything: Bool {
        if case .none = self { false } else { true }
    }
}

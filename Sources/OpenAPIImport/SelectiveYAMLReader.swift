import SampleModel

/// Reads a YAML (or JSON) document in one pass over libyaml's events, in time linear in its
/// size: it keeps the values a `YAMLSelection` names (and every anchored value, which an alias
/// may name), drops the rest as it goes, and resolves each alias to the anchored value itself.
/// It refuses, at the place to fix, what gen cannot read safely: aliases that would copy more
/// than the `AliasBudget` allows, a key that is not a single value, an alias of no anchor, a
/// key given twice in a kept mapping, a merge (`<<`) of something not a mapping, and a second
/// document.
struct SelectiveYAMLReader {
    /// The document as the user named it, for messages.
    let path: String
    var budget = AliasBudget()

    init(path: String, budget: AliasBudget = AliasBudget()) {
        self.path = path
        self.budget = budget
    }

    /// The document's top value with what `selection` keeps; nil for an empty document.
    func read(_ bytes: [UInt8], keeping selection: YAMLSelection) throws(Diagnostic) -> YAMLValue? {
        var state = ReadState(path: path, selection: selection, budget: budget)
        try YAMLEvents.parse(bytes, path: path) { (event: YAMLEvent) throws(Diagnostic) in
            try state.handle(event)
        }
        return state.root
    }
}

/// An anchored value and what an alias of it copies.
private struct Anchored {
    let value: YAMLValue
    let nodes: Int
    let bytes: Int
}

/// A list or mapping being read.
private struct Frame {
    let isMapping: Bool
    let selection: YAMLSelection
    let anchor: String?
    let line: Int
    let column: Int
    /// Values and bytes of text it holds, aliases counted as what they copy.
    var nodes = 1
    var bytes = 0
    var items: [YAMLValue] = []
    var entries: [(key: YAMLValue, value: YAMLValue)] = []
    /// The values of its merge keys (`<<`), in order.
    var merges: [YAMLValue] = []
    /// Each key read, and its line: a key given twice is refused.
    var keyLines: [String: Int] = [:]
    var expectsKey = true
    var key: YAMLValue?
    var valueSelection = YAMLSelection.none
    var valueIsMerge = false

    /// Whether its content is kept (not only its kind and place).
    var collects: Bool {
        switch selection {
        case .all, .keys: true
        case .none, .shape: false
        }
    }
}

private struct ReadState {
    let path: String
    let selection: YAMLSelection
    var budget: AliasBudget
    var stack: [Frame] = []
    var anchors: [String: Anchored] = [:]
    var root: YAMLValue?
    var documents = 0

    init(path: String, selection: YAMLSelection, budget: AliasBudget) {
        self.path = path
        self.selection = selection
        self.budget = budget
    }

    mutating func handle(_ event: YAMLEvent) throws(Diagnostic) {
        let expectsKey = stack.last.map { $0.isMapping && $0.expectsKey } ?? false
        switch event.kind {
        case .documentStart:
            documents += 1
            if documents > 1 {
                throw failure(
                    "a second YAML document starts here; an OpenAPI document is one", event.line, event.column)
            }
        case .scalar:
            let anchor = event.anchorName
            if expectsKey {
                let text = stack[stack.count - 1].collects || anchor != nil ? event.string : nil
                let key = text.map { YAMLValue(.scalar($0), line: event.line, column: event.column) }
                if let anchor, let key { anchors[anchor] = Anchored(value: key, nodes: 1, bytes: event.value.count) }
                try readKey(
                    key, text: text, isMerge: event.isPlain && event.value.elementsEqual("<<".utf8),
                    nodes: 1, bytes: event.value.count, line: event.line)
            } else {
                let keeps = nextSelection.keepsAnything || anchor != nil
                let value = keeps ? YAMLValue(.scalar(event.string), line: event.line, column: event.column) : nil
                complete(value, nodes: 1, bytes: event.value.count, anchor: anchor)
            }
        case .alias:
            let name = event.anchorName ?? ""
            guard let anchored = anchors[name] else {
                throw failure(
                    "this alias (*\(name)) names no anchor (&\(name)) given above it", event.line, event.column)
            }
            if let overrun = budget.spend(nodes: anchored.nodes, bytes: anchored.bytes) {
                let bound =
                    switch overrun {
                    case .nodes: "more than \(budget.maxNodes.formatted) values"
                    case .bytes: "more than \(budget.maxBytes >> 20) MB of text"
                    }
                throw failure(
                    "this alias (*\(name)) makes the document's aliases copy \(bound) in all (each alias counts "
                        + "all its anchor holds, aliases in it included); gen stops here rather than expand an alias bomb",
                    event.line, event.column)
            }
            if expectsKey {
                guard let text = anchored.value.string else {
                    throw failure(
                        "this key is the alias *\(name) of \(anchored.value.kind.name), not a string; "
                            + "every key of an OpenAPI document is a string", event.line, event.column)
                }
                try readKey(
                    anchored.value, text: text, isMerge: false, nodes: anchored.nodes, bytes: anchored.bytes,
                    line: event.line)
            } else {
                complete(anchored.value, nodes: anchored.nodes, bytes: anchored.bytes, anchor: nil)
            }
        case .sequenceStart, .mappingStart:
            let isMapping = event.kind == .mappingStart
            if expectsKey {
                throw failure(
                    "this key is \(isMapping ? "a mapping" : "a list"), not a string; "
                        + "every key of an OpenAPI document is a string", event.line, event.column)
            }
            let anchor = event.anchorName
            stack.append(
                Frame(
                    isMapping: isMapping, selection: anchor == nil ? nextSelection : .all, anchor: anchor,
                    line: event.line, column: event.column))
        case .sequenceEnd, .mappingEnd:
            let frame = stack.removeLast()
            complete(try value(of: frame), nodes: frame.nodes, bytes: frame.bytes, anchor: frame.anchor)
        case .other:
            break
        }
    }

    /// What to keep of the value that starts next.
    private var nextSelection: YAMLSelection {
        guard let top = stack.last else { return selection }
        return top.isMapping ? top.valueSelection : top.selection.item
    }

    /// A key read in the mapping on top of the stack: its value is next.
    private mutating func readKey(
        _ key: YAMLValue?, text: String?, isMerge: Bool, nodes: Int, bytes: Int, line: Int
    ) throws(Diagnostic) {
        var top = stack.removeLast()
        defer { stack.append(top) }
        top.nodes += nodes
        top.bytes += bytes
        top.expectsKey = false
        top.valueIsMerge = isMerge && top.collects
        top.valueSelection = isMerge ? top.selection : text.map(top.selection.value(of:)) ?? .none
        guard top.collects, let key, let text else { return }
        if !isMerge {
            if let first = top.keyLines[text] {
                throw failure(
                    "the key \"\(text)\" is given twice (first on line \(first)); keep one", key.line, key.column)
            }
            top.keyLines[text] = line
        }
        top.key = key
    }

    /// A value read whole: counted in the list or mapping that holds it, kept there if that is
    /// kept, and named by its anchor.
    private mutating func complete(_ value: YAMLValue?, nodes: Int, bytes: Int, anchor: String?) {
        if let anchor, let value { anchors[anchor] = Anchored(value: value, nodes: nodes, bytes: bytes) }
        guard !stack.isEmpty else {
            root = value
            return
        }
        let index = stack.count - 1
        stack[index].nodes += nodes
        stack[index].bytes += bytes
        if stack[index].isMapping {
            if stack[index].collects, let value, let key = stack[index].key {
                if stack[index].valueIsMerge {
                    stack[index].merges.append(value)
                } else {
                    stack[index].entries.append((key, value))
                }
            }
            stack[index].expectsKey = true
            stack[index].key = nil
        } else if stack[index].collects, let value {
            stack[index].items.append(value)
        }
    }

    /// The value a list or mapping read whole stands for: its content if kept (a mapping's
    /// merge keys applied), its kind and place if only its shape is, else nothing.
    private func value(of frame: Frame) throws(Diagnostic) -> YAMLValue? {
        let (line, column) = (frame.line, frame.column)
        switch frame.selection {
        case .none: return nil
        case .shape: return YAMLValue(.omitted(frame.isMapping ? .mapping : .sequence), line: line, column: column)
        case .all, .keys: break
        }
        guard frame.isMapping else { return YAMLValue(.sequence(frame.items), line: line, column: column) }
        // YAML's merge: the mapping's own keys win, then the merged mappings' in their order.
        var entries = frame.entries
        for merged in frame.merges {
            let sources: [YAMLValue]
            switch merged.content {
            case .mapping: sources = [merged]
            case .sequence(let items) where items.allSatisfy({ $0.kind == .mapping }): sources = items
            default:
                throw failure(
                    "<< merges a mapping or a list of mappings into this one, not \(merged.kind.name)",
                    merged.line, merged.column)
            }
            for source in sources { entries += source.mapping?.entries ?? [] }
        }
        return YAMLValue(.mapping(YAMLMapping(entries)), line: line, column: column)
    }

    private func failure(_ message: String, _ line: Int, _ column: Int) -> Diagnostic {
        .error(message, at: Diagnostic.Location(path: path, line: line, column: column))
    }
}

extension Int {
    /// 100000 as "100,000".
    fileprivate var formatted: String {
        let digits = Array(String(self))
        return digits.enumerated().map { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : "\(digit)"
        }.joined()
    }
}

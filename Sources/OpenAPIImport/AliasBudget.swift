/// How much a document's aliases may copy, counted as if each alias were replaced by what its
/// anchor holds (aliases inside it counted again): a few hundred bytes of nested aliases
/// (`&a [*b, *b, …]`) otherwise stand for billions of values, and anything that expands them
/// runs for minutes. Counted as the document is read, before anything is copied, so the alias
/// that crosses a bound is the one named.
struct AliasBudget: Sendable {
    /// Values (each scalar, list and mapping) aliases may copy in all: far more than any reuse
    /// of a response or a schema in an API document needs.
    var maxNodes = 100_000
    /// Bytes of scalar text aliases may copy in all (an alias of one long string, many times).
    var maxBytes = 16 << 20

    private(set) var nodes = 0
    private(set) var bytes = 0

    enum Overrun {
        case nodes, bytes
    }

    /// Counts one alias of an anchor holding `nodes` values and `bytes` of text; the bound it
    /// crosses, if it does.
    mutating func spend(nodes: Int, bytes: Int) -> Overrun? {
        self.nodes += nodes
        self.bytes += bytes
        if self.nodes > maxNodes { return .nodes }
        if self.bytes > maxBytes { return .bytes }
        return nil
    }
}

/// A change to the guide's bytes: `range` replaced by `replacement` (an insertion when empty).
public struct GuideEdit: Sendable, Hashable {
    public let range: Range<Int>
    public let replacement: [UInt8]

    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    /// Applies non-overlapping edits; at one offset, insertions come before a replacement that
    /// starts there, and otherwise edits keep the order they are given in. Every byte outside
    /// the edited ranges is copied as it was.
    public static func apply(_ edits: [GuideEdit], to bytes: [UInt8]) -> [UInt8] {
        guard !edits.isEmpty else { return bytes }
        let ordered = edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.element.range.isEmpty ? 0 : 1, $0.offset)
                < ($1.element.range.lowerBound, $1.element.range.isEmpty ? 0 : 1, $1.offset)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.count })
        var cursor = 0
        for (_, edit) in ordered {
            precondition(edit.range.lowerBound >= cursor, "edits overlap")
            output.append(contentsOf: bytes[cursor..<edit.range.lowerBound])
            output.append(contentsOf: edit.replacement)
            cursor = edit.range.upperBound
        }
        output.append(contentsOf: bytes[cursor...])
        return output
    }
}

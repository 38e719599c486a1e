import Generator

/// A guide's shape, as far as telling a half-written save from a finished one goes: its groups of
/// code sections, the sections it holds, and whether its text ends inside a fenced code block.
/// A save cut short loses the groups after the cut, or stops inside a block.
struct GuideStructure: Equatable, Sendable {
    let groups: Int
    let sections: Int
    let endsInsideFence: Bool

    /// The guide as the plan read it: the sections it had before any was added.
    init(read plan: GuidePlan) {
        groups = plan.filled.groups.count
        sections = plan.filled.groups.reduce(0) { $0 + $1.languages.count - $1.inserted.count }
        endsInsideFence = Self.endsInsideFence(plan.original)
    }

    /// The guide as the plan leaves it, filled.
    init(filled plan: GuidePlan) {
        groups = plan.filled.groups.count
        sections = plan.filled.groups.reduce(0) { $0 + $1.languages.count }
        endsInsideFence = Self.endsInsideFence(plan.filled.bytes)
    }

    init(groups: Int, sections: Int, endsInsideFence: Bool) {
        (self.groups, self.sections, self.endsInsideFence) = (groups, sections, endsInsideFence)
    }

    /// What this shape lost against `earlier`, in words; nil when it lost nothing.
    func shrinkage(from earlier: GuideStructure) -> String? {
        var lost: [String] = []
        if groups < earlier.groups {
            lost.append("\(groups) of the \(earlier.groups) groups of code sections")
        } else if sections < earlier.sections {
            lost.append("\(sections) of the \(earlier.sections) code sections")
        }
        if endsInsideFence, !earlier.endsInsideFence { lost.append("a code block that is never closed") }
        guard !lost.isEmpty else { return nil }
        return lost.joined(separator: " and ")
    }

    /// What may come before a fence on its line: indentation, quote and list markers.
    private static let beforeFence = Set(" \t>-*+".utf8)

    /// Whether `bytes` end inside a fenced code block: a line opening a fence (three or more
    /// backticks or tildes, after any indentation, quote or list markers) with no closing line
    /// of the same character, at least as long, after it. A rough reading, not cmark-gfm's; only
    /// ever compared with the same reading of an earlier version.
    static func endsInsideFence(_ bytes: [UInt8]) -> Bool {
        var open: (character: UInt8, length: Int)?
        var index = 0
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var start = index
            // Quote markers, list markers and indentation before the fence.
            while start < end, Self.beforeFence.contains(bytes[start]) { start += 1 }
            if start < end, bytes[start] == UInt8(ascii: "`") || bytes[start] == UInt8(ascii: "~") {
                let character = bytes[start]
                var length = 0
                while start + length < end, bytes[start + length] == character { length += 1 }
                if length >= 3 {
                    let rest = bytes[(start + length)..<end]
                    if let current = open {
                        let blank = rest.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 13 }
                        if character == current.character, length >= current.length, blank { open = nil }
                    } else if character == UInt8(ascii: "~") || !rest.contains(UInt8(ascii: "`")) {
                        open = (character, length)
                    }
                }
            }
            index = end + 1
        }
        return open != nil
    }
}

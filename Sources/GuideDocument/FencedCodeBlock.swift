/// The fenced block `gen` writes for a sample.
public struct FencedCodeBlock: Sendable, Hashable {
    public let info: String
    public let code: String

    public init(info: String, code: String) {
        self.info = info
        self.code = code
    }

    /// Backticks, one more than the longest run of backticks anywhere in the code (at least
    /// three), so no line of the sample can close the block early.
    public var fence: String {
        var longest = 0
        var run = 0
        for character in code.utf8 {
            run = character == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// The block's lines, fences included, without line breaks.
    public var lines: [Substring] {
        let fence = fence
        var lines: [Substring] = [Substring(fence + info)]
        lines.append(contentsOf: code.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }))
        lines.append(Substring(fence))
        return lines
    }
}

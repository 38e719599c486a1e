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

    /// The block's lines as UTF-8, fences included, without line breaks (`\n`, `\r\n`, `\r`).
    public var lines: [ArraySlice<UInt8>] {
        let fence = Array(fence.utf8)
        let code = Array(code.utf8)
        var lines: [ArraySlice<UInt8>] = [ArraySlice(fence + Array(info.utf8))]
        var start = 0
        var index = 0
        while index < code.count {
            let byte = code[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(code[start..<index])
                if byte == UInt8(ascii: "\r"), index + 1 < code.count, code[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        lines.append(code[start...])
        lines.append(ArraySlice(fence))
        return lines
    }
}

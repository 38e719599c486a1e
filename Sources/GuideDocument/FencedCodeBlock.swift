#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fenced block `gen` writes for a sample.
public struct FencedCodeBlock: Sendable, Hashable {
    public let info: String
    public let code: String

    public init(info: String, code: String) {
        self.info = info
        self.code = code
    }

    /// Backticks, one more than the longest run of backticks anywhere in the code (at least
    /// three), so no line of the sample can close the block early. Tildes, counted the same way,
    /// when the info string holds a backtick (a writer's word kept from a `~~~` block): after
    /// backticks, CommonMark would not read the line as a fence at all.
    public var fence: String { Self.fence(for: Array(code.utf8), info: info) }

    /// The block's lines as UTF-8, fences included, without line breaks (`\n`, `\r\n`, `\r`).
    public var lines: [ArraySlice<UInt8>] {
        let code = Array(code.utf8)
        let fence = Array(Self.fence(for: code, info: info).utf8)
        var lines: [ArraySlice<UInt8>] = [ArraySlice(fence + Array(info.utf8))]
        var start = 0
        code.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // A sample's code has `\n` line breaks; one written by hand may have others.
            if memchr(base, Int32(UInt8(ascii: "\r")), buffer.count) == nil {
                while start < buffer.count,
                    let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
                {
                    let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    lines.append(code[start..<end])
                    start = end + 1
                }
                return
            }
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    lines.append(code[start..<index])
                    if byte == UInt8(ascii: "\r"), index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") {
                        index += 1
                    }
                    start = index + 1
                }
                index += 1
            }
        }
        lines.append(code[start...])
        lines.append(ArraySlice(fence))
        return lines
    }

    /// The fence for `code` (UTF-8): memchr finds each fence byte, as most samples have none.
    private static func fence(for code: [UInt8], info: String) -> String {
        let mark = info.utf8.contains(UInt8(ascii: "`")) ? UInt8(ascii: "~") : UInt8(ascii: "`")
        var longest = 0
        code.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 0
            while index < buffer.count,
                let found = memchr(base + index, Int32(mark), buffer.count - index)
            {
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var end = start + 1
                while end < buffer.count, buffer[end] == mark { end += 1 }
                longest = max(longest, end - start)
                index = end
            }
        }
        return String(repeating: String(UnicodeScalar(mark)), count: max(3, longest + 1))
    }
}

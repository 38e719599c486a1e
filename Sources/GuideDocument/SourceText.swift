#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The guide's bytes, exactly as read, with a line index over them.
///
/// Lines end where cmark-gfm ends them: at `\n`, `\r\n` or a lone `\r`. Positions are cmark's:
/// 1-based lines and 1-based UTF-8 byte columns, counted from the start of the line — on line 1
/// from before a byte-order mark, as cmark-gfm counts them.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each line starts.
    private let lineStarts: [Int]
    /// 3 when the text starts with a UTF-8 byte-order mark, else 0.
    public let byteOrderMarkLength: Int

    /// Reads `bytes`, refusing text that is not UTF-8 so no byte is ever reinterpreted.
    public init(_ bytes: [UInt8]) throws(GuideError) {
        try Self.validate(bytes)
        self.init(validated: bytes)
    }

    /// Refuses text that is not UTF-8, naming the line and column of the first bad byte.
    public static func validate(_ bytes: [UInt8]) throws(GuideError) {
        do {
            _ = try UTF8Span(validating: bytes.span)
        } catch {
            let position = Self.position(ofOffset: error.byteOffsets.lowerBound, in: bytes)
            throw GuideError(position: position, message: "the guide is not valid UTF-8 here; save it as UTF-8")
        }
    }

    /// Indexes bytes that `validate` accepted.
    public init(validated bytes: [UInt8]) {
        self.bytes = bytes
        byteOrderMarkLength = Self.hasByteOrderMark(bytes) ? 3 : 0
        lineStarts = Self.lineStarts(of: bytes, from: byteOrderMarkLength)
    }

    /// Where each line starts. Guides without a carriage return, the usual case, are scanned with
    /// `memchr` for line feeds only.
    private static func lineStarts(of bytes: [UInt8], from start: Int) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > start else { return }
            let carriageReturn: Int32 = 13
            let lineFeed: Int32 = 10
            if memchr(UnsafeRawPointer(base + start), carriageReturn, buffer.count - start) == nil {
                var offset = start
                while offset < buffer.count,
                    let found = memchr(UnsafeRawPointer(base + offset), lineFeed, buffer.count - offset)
                {
                    offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                    starts.append(offset)
                }
                return
            }
            var index = start
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\n") {
                    starts.append(index + 1)
                } else if byte == UInt8(ascii: "\r") {
                    if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        return starts
    }

    /// Number of lines; text after the last line break counts as a line even when empty.
    public var lineCount: Int { lineStarts.count }

    /// Byte offset of `position` (1-based line and byte column).
    public func offset(of position: SourcePosition) -> Int {
        min(lineStart(position.line) + max(position.column - 1, 0), lineContentEnd(position.line))
    }

    public func lineStart(_ line: Int) -> Int {
        lineStarts[min(max(line, 1), lineStarts.count) - 1]
    }

    /// Offset just past the line's content, before its line break.
    public func lineContentEnd(_ line: Int) -> Int {
        let line = min(max(line, 1), lineStarts.count)
        guard line < lineStarts.count else { return bytes.count }
        var end = lineStarts[line]
        if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return max(end, lineStarts[line - 1])
    }

    /// The line break that ends `line`, or nil for the last line when the file has no final one.
    public func lineBreak(after line: Int) -> [UInt8]? {
        let end = lineContentEnd(line)
        let next = line < lineStarts.count ? lineStarts[line] : bytes.count
        return end < next ? Array(bytes[end..<next]) : nil
    }

    /// The guide's own line break: the first one it uses, else `\n`.
    public var preferredLineBreak: [UInt8] {
        lineStarts.count > 1 ? lineBreak(after: 1) ?? [0x0A] : [0x0A]
    }

    /// Where the line's text starts: after the byte-order mark on line 1.
    public func lineTextStart(_ line: Int) -> Int {
        lineStart(line) + (line <= 1 ? byteOrderMarkLength : 0)
    }

    /// The text of a line, without a byte-order mark or its line break.
    public func lineContent(_ line: Int) -> ArraySlice<UInt8> {
        bytes[lineTextStart(line)..<lineContentEnd(line)]
    }

    private static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    private static func position(ofOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            if bytes[index] == UInt8(ascii: "\n")
                || (bytes[index] == UInt8(ascii: "\r")
                    && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n")))
            {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: offset - lineStart + 1)
    }
}

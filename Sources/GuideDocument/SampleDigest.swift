/// A short fingerprint of a sample's code, written into the info string of the block `gen`
/// writes (`python gen=token-request digest=3f9a0c12be47`), so that a later run can tell a block
/// it wrote from one a person edited since.
///
/// Not a security measure: it only has to change when the code does. It reads the code as cmark
/// hands it back, so it is the same whether the block sits in a quote or a list, and whether the
/// guide breaks lines with LF or CRLF.
public enum SampleDigest {
    /// The info-string attribute that carries the digest.
    public static let attribute = "digest"

    /// Hex digits written: 48 bits, short enough to sit in an info string unnoticed.
    static let length = 12

    /// The digest of `code`: FNV-1a (64-bit) over its lines joined with LF, a line of blanks
    /// only read as empty (some containers hand such a line back empty), line breaks at the end
    /// left out (a block's literal ends with one; a rendered sample does not).
    public static func of(_ code: some Collection<UInt8>) -> String {
        let bytes = Array(code)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var lineStart = 0
        while lineStart <= end {
            var lineEnd = lineStart
            while lineEnd < end, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r"), lineEnd < end { contentEnd -= 1 }
            let line = bytes[lineStart..<contentEnd]
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { line.forEach(add) }
            if lineEnd < end { add(UInt8(ascii: "\n")) }
            lineStart = lineEnd + 1
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(length))
    }

    /// The digest of a sample's text.
    public static func of(_ code: String) -> String { of(code.utf8) }
}

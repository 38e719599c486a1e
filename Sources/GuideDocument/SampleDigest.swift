#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The digest of `code`: a 64-bit multiply-xor hash, eight bytes at a time, of its lines
    /// joined with LF — CRLF read as LF, a line of blanks only read as empty (some containers hand
    /// such a line back empty), line breaks at the end left out (a block's literal ends with one; a
    /// rendered sample does not).
    public static func of(_ code: some Collection<UInt8>) -> String {
        if let digest = code.withContiguousStorageIfAvailable({ of(buffer: $0) }) { return digest }
        return Array(code).withUnsafeBufferPointer { of(buffer: $0) }
    }

    private static func of(buffer bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == newline || bytes[end - 1] == carriageReturn { end -= 1 }
        let code = UnsafeBufferPointer(rebasing: bytes[0..<end])
        // Most code needs no normalising: it is hashed where it lies.
        let hash = needsNormalising(code) ? normalised(code).withUnsafeBufferPointer(hashed) : hashed(code)
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(length))
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// Whether `code` holds a CR, or a line of blanks that is not empty (memchr finds the line
    /// breaks: this runs over every generated block of every guide).
    private static func needsNormalising(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = code.baseAddress, !code.isEmpty else { return false }
        if memchr(base, Int32(carriageReturn), code.count) != nil { return true }
        var lineStart = 0
        while lineStart <= code.count {
            var index = lineStart
            while index < code.count, isBlank(code[index]) { index += 1 }
            if index > lineStart, index == code.count || code[index] == newline { return true }
            guard index < code.count,
                let found = memchr(base + index, Int32(newline), code.count - index)
            else { return false }
            lineStart = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        return false
    }

    /// `code` with CRLF made LF and every line of blanks emptied.
    private static func normalised(_ code: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var index = 0
        while index < code.count {
            let byte = code[index]
            if byte == carriageReturn, index + 1 < code.count, code[index + 1] == newline {
                index += 1
                continue
            }
            if byte == newline {
                lines.append(line.allSatisfy(isBlank) ? [] : line)
                line = []
            } else {
                line.append(byte)
            }
            index += 1
        }
        lines.append(line.allSatisfy(isBlank) ? [] : line)
        return Array(lines.joined(separator: [newline]))
    }

    /// A multiply-xor hash over eight bytes at a time (little-endian words), the length mixed in.
    private static func hashed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                mix(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
                index += 8
            }
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[index...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
        mix(tail)
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }

    /// The digest of a sample's text.
    public static func of(_ code: String) -> String { of(code.utf8) }
}

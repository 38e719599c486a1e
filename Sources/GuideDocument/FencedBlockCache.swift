import SampleModel

/// The bytes of generated blocks already built in a run.
///
/// A docs site repeats a handful of distinct blocks (a language's sample, in one container
/// style, with one kind of line break) thousands of times; each is built once.
public struct FencedBlockCache: Sendable {
    /// The code is not part of the key: hashing a String normalises it, which for a sample of a
    /// few kilobytes costs more than building its block. A hit is confirmed by comparing the
    /// code, which is instant for the same string instance (the run's rendered sample).
    private struct Key: Hashable {
        let info: String
        let prefix: [UInt8]
        let lineBreak: [UInt8]
    }

    private var blocks: [Key: (code: String, bytes: [UInt8])] = [:]
    /// Each sample's info string, digest included, by language and snippet: a run hashes each
    /// sample once, not once per block (confirmed by the code, as above).
    private var infoStrings: [String: (code: String, info: String)] = [:]

    public init() {}

    /// `GeneratedBlock.infoString`, remembered for the same code.
    mutating func infoString(language: Language, snippet: Snippet, code: String) -> String {
        let key = language.rawValue + " " + snippet.rawValue
        if let known = infoStrings[key], known.code == code { return known.info }
        let info = GeneratedBlock.infoString(language: language, snippet: snippet, code: code)
        infoStrings[key] = (code, info)
        return info
    }

    /// `block`'s lines joined with `lineBreak`, every line after the first behind `prefix` (an
    /// empty line behind the prefix without its trailing blanks).
    mutating func bytes(of block: FencedCodeBlock, prefix: [UInt8], lineBreak: [UInt8]) -> [UInt8] {
        let key = Key(info: block.info, prefix: prefix, lineBreak: lineBreak)
        if let known = blocks[key], known.code == block.code { return known.bytes }
        let blankPrefix = GuideSplicer.trimmingTrailingBlanks(prefix)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(block.code.utf8.count * 11 / 10 + 64)
        for (index, line) in block.lines.enumerated() {
            if index > 0 {
                bytes += lineBreak
                bytes += line.isEmpty ? blankPrefix : prefix
            }
            bytes += line
        }
        blocks[key] = (block.code, bytes)
        return bytes
    }
}

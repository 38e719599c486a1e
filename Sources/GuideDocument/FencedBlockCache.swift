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
    private var infoStrings: [String: (code: String, info: String, digest: String)] = [:]

    public init() {}

    /// `GeneratedBlock.infoString`, remembered for the same code; over `old` (the info string
    /// of the block being replaced, as the guide spells it), `InfoString.rewritten`, which keeps
    /// the writer's words.
    /// With a `link` (the block's `ProgramLink` line), the digest covers the line too.
    mutating func infoString(
        language: Language, snippet: Snippet, code: String, link: String? = nil, keeping old: ArraySlice<UInt8>? = nil
    ) -> String {
        let key = language.rawValue + " " + snippet.rawValue + " " + (link ?? "")
        let known: (code: String, info: String, digest: String)
        if let cached = infoStrings[key], cached.code == code {
            known = cached
        } else {
            let digest = ProgramLink.digest(code: code, link: link)
            known = (code, GeneratedBlock.infoString(language: language, snippet: snippet, digest: digest), digest)
            infoStrings[key] = known
        }
        // Most blocks hold gen's words only, as gen wrote them.
        guard let old, !old.elementsEqual(known.info.utf8) else { return known.info }
        return InfoString(old).rewritten(fenceTag: language.fenceTag, snippet: snippet, digest: known.digest)
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

/// A template cut, at line starts outside any section, into pieces of about `targetSize` bytes.
///
/// swift-mustache's parser measures the rest of the template (in Characters) on every read, so
/// parsing takes time quadratic in a template's length; a template of a few hundred lines took
/// tens of milliseconds — most of a `gen` run. Pieces rendered one after the other with the same
/// context give the same text: each cut is at a line start, so standalone tags are seen the same
/// way, and each piece repeats the text pragma. 256 bytes of compacted template (a dozen tags)
/// parsed and rendered the guide's samples about 0.8 ms faster than 512; 128 no faster than 256.
enum TemplateChunks {
    static let targetSize = 256

    /// The pieces of `text` (whose tags are `tags`), every one starting with the text pragma.
    static func split(_ text: String, tags: [TemplateTag]) -> [String] {
        let bytes = Array(text.utf8)
        var cuts: [Int] = []
        var depth = 0
        var tagIndex = 0
        var pieceStart = 0
        var offset = 0
        while offset < bytes.count {
            guard bytes[offset] == UInt8(ascii: "\n") else {
                offset += 1
                continue
            }
            let lineStart = offset + 1
            // Account for every tag that ends before this line starts.
            while tagIndex < tags.count, tags[tagIndex].range.upperBound <= lineStart {
                switch tags[tagIndex].kind {
                case .sectionOpen, .invertedSectionOpen, .parent, .block: depth += 1
                case .sectionClose: depth -= 1
                default: break
                }
                tagIndex += 1
            }
            let insideTag = tagIndex < tags.count && tags[tagIndex].range.lowerBound < lineStart
            if depth == 0, !insideTag, lineStart - pieceStart >= targetSize, lineStart < bytes.count {
                cuts.append(lineStart)
                pieceStart = lineStart
            }
            offset = lineStart
        }
        guard !cuts.isEmpty else { return [text] }
        var pieces: [String] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            let piece = String(decoding: bytes[start..<cut], as: UTF8.self)
            pieces.append(start == 0 ? piece : TemplateFile.textPragma + "\n" + piece)
            start = cut
        }
        return pieces
    }
}

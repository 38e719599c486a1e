/// A fence line carrying `gen=` where no code section holds it: cmark-gfm reads it as text (an
/// MkDocs admonition's content is indented code to it, HTML is HTML), yet the docs platform may
/// show it as a block. `gen` would never refresh such a block, so finding one is an error, with
/// its line, rather than a sample left to go stale.
enum GeneratedFence {
    /// Whether `line` (a guide's line, with any `>` and indentation before the fence) opens a
    /// fenced block whose info string marks it as written by `gen`.
    static func isGenerated(_ line: ArraySlice<UInt8>) -> Bool {
        let text = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") }
        guard let fence = text.first, fence == UInt8(ascii: "`") || fence == UInt8(ascii: "~") else { return false }
        let length = text.prefix { $0 == fence }.count
        guard length >= 3 else { return false }
        let info = text.dropFirst(length)
        // A backtick fence's info string holds no backtick: such a line is a code span.
        guard fence == UInt8(ascii: "~") || !info.contains(UInt8(ascii: "`")),
            info.count > 4, info.firstRange(of: "\(GeneratedBlock.attribute)=".utf8) != nil
        else { return false }
        let infoText = String(decoding: info, as: UTF8.self)
        let place = SourcePosition(line: 1, column: 1)
        do {
            return try SectionFinder.generatedBlock(
                at: SourceRange(start: place, end: place), info: infoText, codeDigest: nil) != nil
        } catch {
            // Marked as gen's, with a language or snippet gen does not know: gen's all the same.
            return true
        }
    }

    /// The error for such a line, whose block has `role` (`place` names the tab it is in).
    static func strayError(line: Int, role: BlockLines.Role, place: String? = nil) -> GuideError {
        let container =
            switch role {
            case .html: "inside HTML"
            case .paragraph: "in a paragraph's indented lines (an MkDocs admonition's content, say)"
            default: "in an indented block (an MkDocs admonition, a tab gen does not read, or indented code)"
            }
        return GuideError(
            position: SourcePosition(line: line, column: 1),
            message:
                "this generated block is \(container)\(place.map { " in \($0)" } ?? ""), where gen does not fill it, so it would go stale; move it under a \"<Language> code:\" label or into a language tab, or remove gen= from its info string (an example of gen's markup belongs in a fenced block)"
        )
    }
}

import SampleModel

/// Where a generated block carries gen's words (`gen=token-request digest=…`), read and written
/// the same way: in the fence's info string, or — on a platform that turns the words after a
/// fence's language into its tab's title (VitePress, Mintlify) — in a comment on the line before
/// the fence, which the platform does not render.
public enum MarkerPlacement: Sendable, Hashable {
    case infoString
    case commentBefore(MarkerComment)
}

/// A one-line comment holding gen's words, on the line right before its fence.
public enum MarkerComment: Sendable, Hashable {
    /// `<!-- gen=… digest=… -->`: an HTML comment, which Markdown passes through unrendered.
    case html
    /// `{/* gen=… digest=… */}`: an MDX expression holding only a comment, which renders nothing.
    case mdx

    var opening: String { self == .html ? "<!--" : "{/*" }
    var closing: String { self == .html ? "-->" : "*/}" }

    /// gen's words in `line` (a guide's line, blanks before and after the comment allowed) as an
    /// info string whose first word stands for the fence's language; nil when the line is not
    /// such a comment or names no snippet.
    func words(in line: ArraySlice<UInt8>) -> InfoString? {
        let text = String(decoding: line, as: UTF8.self).trimmingBlanks()
        guard text.hasPrefix(opening), text.hasSuffix(closing), text.count >= opening.count + closing.count else {
            return nil
        }
        let inner = text.dropFirst(opening.count).dropLast(closing.count)
        guard !inner.contains(closing), !inner.contains(opening) else { return nil }
        let words = InfoString(Array("_ ".utf8) + Array(inner.utf8))
        return words.snippetName == nil ? nil : words
    }

    /// The comment gen writes for a sample of `snippet` whose code has `digest`.
    func line(snippet: Snippet, digest: String) -> [UInt8] {
        Array(
            "\(opening) \(GeneratedBlock.attribute)=\(snippet.rawValue) \(SampleDigest.attribute)=\(digest) \(closing)"
                .utf8)
    }

    /// Gives each fenced block that records a `SampleDigest` the digest of the code it holds now
    /// (`MarkdownNode.codeDigest`): a block whose info string records one, or whose block right
    /// before it in the same container is a comment (HTML, or MDX's in a paragraph) that may hold
    /// gen's words, as if its info string held them.
    static func digestGeneratedBlocks(_ nodes: inout [MarkdownNode]) {
        var markerBefore = false
        var previousParent: MarkdownNode.ID?
        for id in nodes.indices {
            let node = nodes[id]
            guard node.parent.map({ nodes[$0].kind.hasBlockChildren }) ?? true else { continue }
            if case .codeBlock(let info, true) = node.kind,
                (markerBefore && previousParent == node.parent) || GeneratedBlock.recordsDigest(info: info)
            {
                nodes[id].codeDigest = SampleDigest.of(node.literal.utf8)
            }
            switch node.kind {
            case .htmlBlock: markerBefore = mayRecordDigest(node.literal)
            case .paragraph: markerBefore = mayRecordDigest(paragraph: node, in: nodes)
            default: markerBefore = false
            }
            previousParent = node.parent
        }
    }

    /// Whether a paragraph may be an MDX comment holding gen's words (cheap: only a paragraph whose
    /// first text starts with `{` is read on).
    private static func mayRecordDigest(paragraph: MarkdownNode, in nodes: [MarkdownNode]) -> Bool {
        // Its first child, if any, is the node right after it.
        let first = paragraph.id + 1
        guard first < paragraph.subtreeEnd, nodes[first].literal.utf8.first == UInt8(ascii: "{") else { return false }
        let whole = MarkdownDocument.plainText(of: paragraph, in: nodes)
        return whole.utf8.count < 200 && whole.hasPrefix("{/*") && whole.contains("\(GeneratedBlock.attribute)=")
            && whole.contains("\(SampleDigest.attribute)=")
    }

    /// Whether an HTML block's text may be such a comment (cheap: checked for every HTML block),
    /// so that the fence after it gets its code's digest.
    private static func mayRecordDigest(_ text: String) -> Bool {
        text.utf8.count < 200 && text.contains("\(GeneratedBlock.attribute)=")
            && text.contains("\(SampleDigest.attribute)=")
    }
}

import GuideDocument
import SampleModel

/// gen's link lines (`ProgramLink`) in one Markdown text, each with the block it belongs to,
/// found by gen's rule: a paragraph of one line that starts as gen's line does, right after a
/// fenced block gen wrote (`gen=<snippet>` of a language and snippet it knows), in the same
/// container. Any other paragraph is the writer's, whatever it says, and is published as written.
///
/// The published pages never show the line itself — its address is relative to the guide, and
/// neither the site's folder nor a Confluence page has the guide's folder of programs — but the
/// complete program it links to, under its block.
struct ProgramLinkLines {
    /// A block with its link line: the sample whose complete program the line links to, and
    /// the line's paragraph.
    struct Linked: Hashable {
        let sample: LinkedSample
        let line: MarkdownNode.ID
    }

    /// Each linked block by its node.
    let blocks: [MarkdownNode.ID: Linked]
    /// The link lines' paragraphs.
    let lines: Set<MarkdownNode.ID>

    /// One pass over every container's children.
    init(_ document: MarkdownDocument) {
        var blocks: [MarkdownNode.ID: Linked] = [:]
        for container in document.nodes where container.subtreeEnd > container.id + 2 {
            let children = document.children(of: container)
            for index in children.indices.dropLast() {
                let block = document.nodes[children[index]]
                guard case .codeBlock(let info, true) = block.kind, info.contains(GeneratedBlock.attribute + "=")
                else { continue }
                let words = InfoString(document.source.fenceInfo(at: block.range.start))
                guard let language = words.language, let snippet = words.snippetName.flatMap(Snippet.init(rawValue:)),
                    Self.isLinkLine(document.nodes[children[index + 1]], in: document.source)
                else { continue }
                blocks[block.id] = Linked(
                    sample: LinkedSample(language: language, snippet: snippet), line: children[index + 1])
            }
        }
        self.blocks = blocks
        lines = Set(blocks.values.map(\.line))
    }

    /// Whether `node` is a paragraph of one line that `ProgramLink` reads as gen's.
    static func isLinkLine(_ node: MarkdownNode, in source: SourceText) -> Bool {
        guard node.kind == .paragraph, node.range.start.line == node.range.end.line else { return false }
        let start = source.offset(of: node.range.start)
        let end = source.lineContentEnd(node.range.start.line)
        return start <= end && ProgramLink.isLink(source.bytes[start..<end])
    }
}

/// A concise sample that links to its complete program: the block's language and snippet, as its
/// info string names them.
struct LinkedSample: Hashable {
    let language: Language
    let snippet: Snippet
}

import Dispatch
import GuideDocument
import Synchronization
import Testing

/// The one Swift tree filling and publishing read, and HTML rewritten without changing it.
@Suite struct MarkdownDocumentTests {
    static func document(_ text: String) throws -> MarkdownDocument {
        MarkdownDocument(parsing: try SourceText(Array(text.utf8)))
    }

    @Test func nodesCarryKindsPositionsAndLiterals() throws {
        let document = try Self.document("# Title\n\n> Some *text*\n\n```python gen=token-request\nx\n```\n")
        #expect(document.root.kind == .document)
        let heading = try #require(document.nodes.first { $0.kind == .heading(level: 1) })
        #expect(heading.start == SourcePosition(line: 1, column: 1) && document.plainText(of: heading) == "Title")
        let code = try #require(document.nodes.first { $0.kind.isCodeBlock })
        #expect(code.kind == .codeBlock(info: "python gen=token-request", isFenced: true) && code.literal == "x\n")
        #expect(code.start == SourcePosition(line: 5, column: 1))
        for node in document.nodes.dropFirst() {
            #expect(node.parent.map { document.children(of: document.nodes[$0]).contains(node.id) } == true)
        }
        #expect(document.codeBlocks().map(\.literal) == ["x\n"])
    }

    @Test func walkVisitsContainersTwiceLeavesOnceAndSkipsWhenAsked() throws {
        let document = try Self.document("> a `b`\n\n- c\n")
        var events: [String] = []
        document.walk { node, entering in
            events.append("\(entering ? "+" : "-")\(node.kind)")
            return node.kind == .item ? .skipChildren : .visitChildren
        }
        #expect(
            events == [
                "+document", "+blockQuote", "+paragraph", "+text", "+code", "-paragraph", "-blockQuote",
                "+list(isOrdered: false, start: 0)", "+item", "-list(isOrdered: false, start: 0)", "-document",
            ])
    }

    @Test func rewrittenHTMLLeavesTheDocumentAsItWas() throws {
        let document = try Self.document("A\n\n[x](javascript:y) <b>\n\nLast\n")
        let plain = document.html()
        let paragraphs = document.nodes.filter { $0.kind == .paragraph }
        let link = try #require(document.nodes.first { if case .link = $0.kind { true } else { false } })
        let html = try #require(document.nodes.first { $0.kind == .htmlInline })
        var changes = HTMLRewrite()
        changes.urls[link.id] = ""
        changes.literals[html.id] = "<!-- omitted -->"
        changes.insertions.append((html: "<div>panel</div>", before: paragraphs[0].id))
        changes.removals = [paragraphs[0].id, paragraphs[2].id]
        let rewritten = document.html(rewriting: changes)
        #expect(rewritten == "<div>panel</div>\n<p><a href=\"\">x</a> <!-- omitted --></p>\n")
        #expect(document.html() == plain)
        #expect(document.html(rewriting: changes) == rewritten)
    }

    /// Guides with every place a block can sit: labels in a list item and a quote, a table, MkDocs tabs, a VitePress group whose marker comment records a digest.
    static let guides = [
        "# Guide\n\n- Python code:\n\n  ```python gen=token-request digest=abc\n  x\n  ```\n\n> Ruby code:\n>\n> ```ruby\n> y\n> ```\n",
        "## Steps\n\n1. Go code:\n   ```go gen=token-request digest=abc\n   z\n   ```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText *after*.\n",
        "# Tabs\n\n=== \"Python\"\n\n    ```python gen=token-request\n    p\n    ```\n\n=== \"Go\"\n\n    ```go\n    g\n    ```\n",
        "# Group\n\n::: code-group\n\n<!-- gen=token-request digest=abc -->\n```python [Python]\nq\n```\n\n:::\n",
    ]

    /// Filling and publishing read one conversion: the outline `SectionFinder` reads is the tree's
    /// own block nodes (every block, in document order, and nothing inline), and each section it
    /// finds starts at one of them.
    @Test(arguments: guides) func theOutlineFillingReadsIsTheTreesBlockNodes(_ text: String) throws {
        let document = try Self.document(text)
        let blocks = Array(document.blocks)
        #expect(blocks.map(\.id) == blocks.map(\.id).sorted())
        for block in blocks { #expect(document.nodes[block.id] == block) }
        let blockIDs = Set(blocks.map(\.id))
        for node in document.nodes {
            let isBlock: Bool
            switch node.kind {
            case .document, .blockQuote, .list, .item, .paragraph, .heading, .codeBlock, .htmlBlock, .thematicBreak,
                .table:
                isBlock = true
            default:
                isBlock = false
            }
            #expect(blockIDs.contains(node.id) == isBlock, "\(node.kind) at \(node.start)")
        }
        let groups = try SectionFinder().groups(in: document)
        #expect(!groups.isEmpty)
        for section in groups.flatMap(\.sections) {
            if section.tab == nil, let label = section.label {
                #expect(blocks.contains { $0.kind == .paragraph && $0.range == label }, "label at \(label.start)")
            }
            if case .generated(let generated) = section.content, section.tab == nil {
                let block = blocks.first { $0.kind.isCodeBlock && $0.range == generated.range }
                #expect(block != nil, "generated block at \(generated.range.start)")
                #expect(block?.codeDigest != nil && block?.codeDigest == generated.contentDigest)
            }
        }
    }

    /// HTML comes from a private parse of the same bytes: rendering with changes (nested
    /// removals, an insertion before a removed node) gives the same HTML every time, also from two
    /// threads at once, and neither the nodes nor a later plain render see the changes.
    @Test(arguments: guides) func renderingTwiceGivesTheSameHTMLAndLeavesTheNodesAsTheyWere(_ text: String) throws {
        let document = try Self.document(text)
        let nodes = document.nodes
        let plain = document.html()
        var changes = HTMLRewrite()
        for node in document.nodes {
            switch node.kind {
            case .htmlBlock: changes.literals[node.id] = "<!-- omitted -->"
            case .code: changes.removals.append(node.id)
            case .item, .blockQuote, .table:
                // The container and its first child both removed; a panel inserted before each.
                changes.removals += [node.id] + document.children(of: node).prefix(1)
                changes.insertions.append((html: "<div>\(node.id)</div>", before: node.id))
                changes.insertions += document.children(of: node).prefix(1).map { (html: "<i>\($0)</i>", before: $0) }
            default: break
            }
        }
        changes.removals.append(try #require(document.children(of: document.root).last))
        let first = document.html(rewriting: changes)
        let rewrite = changes
        #expect(first != plain)
        let renders = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let html = index % 2 == 0 ? document.html(rewriting: rewrite) : document.html()
            renders.withLock { $0.append(html) }
        }
        #expect(renders.withLock { $0 }.allSatisfy { $0 == first || $0 == plain })
        #expect(renders.withLock { $0 }.filter { $0 == first }.count == 4)
        #expect(document.html(rewriting: changes) == first)
        #expect(document.html() == plain)
        #expect(document.nodes == nodes)
    }
}

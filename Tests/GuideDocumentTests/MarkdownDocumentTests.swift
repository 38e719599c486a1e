import GuideDocument
import Testing

/// The Swift tree publishing reads, and HTML rewritten without changing the document.
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
            #expect(node.parent.map { document.nodes[$0].children.contains(node.id) } == true)
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
}

import Foundation
import GuidePublishing
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ConfluencePageTests {
    /// The text of every `ac:plain-text-body` and whether the document is well-formed XML.
    final class CodeCollector: NSObject, XMLParserDelegate {
        var codes: [String] = []
        var current: String?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "ac:plain-text-body" || qualifiedName == "ac:plain-text-body" { current = "" }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) { current? += String(decoding: block, as: UTF8.self) }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if let text = current, name == "ac:plain-text-body" || qualifiedName == "ac:plain-text-body" {
                codes.append(text)
                current = nil
            }
        }
    }

    /// Parses the storage format inside a root that declares Confluence's namespaces.
    func parse(_ xml: String) throws -> [String] {
        let namespaces = ConfluencePage.namespaces.map { "xmlns:\($0.key)=\"\($0.value)\"" }.sorted().joined(
            separator: " ")
        let parser = XMLParser(data: Data("<page \(namespaces)>\(xml)</page>".utf8))
        let collector = CodeCollector()
        parser.delegate = collector
        guard parser.parse() else { throw XMLError(message: parser.parserError.map { "\($0)" } ?? "not well-formed") }
        return collector.codes
    }

    struct XMLError: Error { let message: String }

    @Test func theGuideIsWellFormedAndMatchesItsGoldenFile() throws {
        let guide = try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.path("docs-site/guide.md")))
        let xml = try ConfluencePage().render(Array(guide))
        let codes = try parse(xml)
        #expect(codes.count == 15)
        #expect(xml.contains("<ac:parameter ac:name=\"language\">swift</ac:parameter>"))
        if let mismatch = try GoldenFile.mismatch(
            xml, against: "Tests/GuidePublishingTests/Golden/guide.confluence.xml")
        {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test func codeContainingTheCDATAEndSurvives() throws {
        let code = "let a = x[y[0]]>1\nprint(\"]]>\") // ]]]]>"
        let xml = try ConfluencePage().render(Array("PHP code:\n\n```php gen=token-request\n\(code)\n```\n".utf8))
        #expect(try parse(xml) == [code])
    }

    @Test func textIsEscapedAndStructureKept() throws {
        let xml = try ConfluencePage().render(
            Array("# A & B\n\n1. one\n   - *nested* `<x>`\n2. [link](https://e.com/?a=1&b=2)\n\n<b>raw</b>\n".utf8))
        #expect(xml.contains("<h1>A &amp; B</h1>"))
        #expect(
            xml.contains(
                "<ol>\n<li><p>one</p>\n<ul>\n<li><p><em>nested</em> <code>&lt;x&gt;</code></p>\n</li>\n</ul>\n</li>"))
        #expect(xml.contains("<a href=\"https://e.com/?a=1&amp;b=2\">link</a>"))
        #expect(xml.contains("<p>&lt;b&gt;raw&lt;/b&gt;</p>"))
        _ = try parse(xml)
    }

    @Test(arguments: [
        ("Text <!-- hidden --> here.\n", "<p>Text  here.</p>\n"),
        ("<!-- hidden -->\n\nAfter.\n", "<p>After.</p>\n"),
        ("<!--\nhidden\nover lines\n-->\n\nAfter.\n", "<p>After.</p>\n"),
        ("  <!-- hidden -->  \n\nAfter.\n", "<p>After.</p>\n"),
        ("<!-- a --><!-- b -->\n\nAfter.\n", "<p>After.</p>\n"),
        ("<!-- a --> <b>x</b>\n", "<p>&lt;!-- a --&gt; &lt;b&gt;x&lt;/b&gt;\n</p>\n"),
        ("<!-- a --> x\n", "<p>&lt;!-- a --&gt; x\n</p>\n"),
        ("<!-- unclosed\n", "<p>&lt;!-- unclosed\n</p>\n"),
    ])
    func anHTMLCommentShowsNothingButOtherHTMLShowsAsText(_ guide: String, _ expected: String) throws {
        let xml = try ConfluencePage().render(Array(guide.utf8))
        #expect(xml == expected)
        _ = try parse(xml)
    }

    @Test func controlCharactersCannotBreakTheXML() throws {
        let xml = try ConfluencePage().render(Array("text \u{1}\u{8} here\n\n```\ncode\u{1}\n```\n".utf8))
        #expect(try parse(xml) == ["code\u{FFFD}"])
    }
}

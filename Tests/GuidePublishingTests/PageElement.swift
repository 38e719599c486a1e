import Foundation
import GuidePublishing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A published page read back by Foundation's XML parser, as a tree: the tests look at its
/// structure (which element sits in which) rather than at its text.
final class PageElement {
    let name: String
    let attributes: [String: String]
    /// Elements, text and CDATA directly inside, in order.
    private(set) var contents: [Content] = []
    weak private(set) var parent: PageElement?

    enum Content {
        case element(PageElement)
        case text(String)
    }

    var children: [PageElement] {
        contents.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    init(name: String, attributes: [String: String], parent: PageElement?) {
        self.name = name
        self.attributes = attributes
        self.parent = parent
    }

    /// Every element below this one, in document order.
    var descendants: [PageElement] {
        var found: [PageElement] = []
        var pending = children.reversed() as [PageElement]
        while let element = pending.popLast() {
            found.append(element)
            pending.append(contentsOf: element.children.reversed())
        }
        return found
    }

    func all(_ name: String) -> [PageElement] { descendants.filter { $0.name == name } }

    /// The text of this element and everything in it, in order.
    var allText: String {
        contents.map { content in
            switch content {
            case .element(let element): element.allText
            case .text(let text): text
            }
        }.joined()
    }

    /// The text of its direct children named `name` (a macro's parameters, say) by attribute.
    func parameter(_ name: String) -> String? {
        children.first { $0.name == "ac:parameter" && $0.attributes["ac:name"] == name }?.allText
    }

    fileprivate func append(_ child: PageElement) { contents.append(.element(child)) }
    fileprivate func append(_ text: String) { contents.append(.text(text)) }

    /// Parses `xml` inside a root element that declares Confluence's namespaces; throws if it
    /// is not well-formed.
    static func parse(_ xml: String) throws -> PageElement {
        let namespaces = ConfluencePage.namespaces.map { "xmlns:\($0.key)=\"\($0.value)\"" }.sorted()
            .joined(separator: " ")
        let parser = XMLParser(data: Data("<page \(namespaces)>\(xml)</page>".utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLReadError(message: parser.parserError.map { "\($0)" } ?? "not well-formed")
        }
        return root
    }

    /// The site page's `<main>`, parsed as XML (cmark-gfm writes XHTML-style void elements).
    static func parseSiteBody(_ html: String) throws -> PageElement {
        guard let start = html.range(of: "<main class=\"guide\">"), let end = html.range(of: "</main>") else {
            throw XMLReadError(message: "no <main>")
        }
        return try parse(String(html[start.lowerBound..<end.upperBound]))
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: PageElement?
        var current: PageElement?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = PageElement(name: qualifiedName ?? name, attributes: attributes, parent: current)
            current?.append(element)
            if root == nil { root = element }
            current = element
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            current = current?.parent
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current?.append(string) }
        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            current?.append(String(decoding: block, as: UTF8.self))
        }
    }
}

struct XMLReadError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

import GuidePublishing
import Testing

/// Markdown tables in Confluence storage format (issue 18, item 17): every table is
/// `<table><tbody>`, every row a `<tr>` in it (the header row's included), every cell a `<th>` or
/// `<td>` in a row, each holding a paragraph aligned as its column; and it has the rows, cells,
/// text and alignment the site's HTML has for the same table.
@Suite struct ConfluenceTableTests {
    /// One row as either page has it: per cell, header or not, its alignment, its text.
    struct Row: Equatable, CustomStringConvertible {
        let cells: [Cell]
        var description: String { cells.map(\.description).joined(separator: " | ") }
    }

    struct Cell: Equatable, CustomStringConvertible {
        let isHeader: Bool
        let alignment: String?
        let text: String
        var description: String { (isHeader ? "th" : "td") + (alignment.map { "(\($0))" } ?? "") + " \(text)" }
    }

    static let shapes: [(name: String, markdown: String)] = [
        ("header only", "| a | b |\n|---|---|\n"),
        ("header and rows", "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"),
        ("alignments", "| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"),
        (
            "inline markup, code and links",
            "| *em* | `code` | [link](https://e.com/?a=1&b=2) |\n|---|---|---|\n| **b** ~~s~~ | `a\\|b` | <https://x.y> |\n"
        ),
        ("escaped pipes", "| a \\| b | c |\n|---|---|\n| \\| | x \\|\\| y |\n"),
        ("empty cells", "| a | |\n|---|---|\n| | |\n|  | z |\n"),
        ("rows shorter and longer than the header", "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n"),
        ("XML's own characters", "| a & b | \"q\" |\n|---|---|\n| 1 < 2 > 0 | ]]> |\n"),
        ("in a list", "- item\n\n  | a | b |\n  |:-:|---|\n  | 1 | 2 |\n\n- next\n"),
        ("in a block quote", "> Keep the secret:\n>\n> | a | b |\n> |---|--:|\n> | 1 | 2 |\n"),
        ("in a tab", "=== \"Output\"\n\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n"),
        ("two tables", "| a |\n|---|\n| 1 |\n\ntext\n\n| b | c |\n|:--|:--|\n| 2 | 3 |\n"),
    ]

    static var cases: [(String, String)] {
        shapes.flatMap { [($0.name, $0.markdown), ($0.name + ", CRLF", $0.markdown.replacing("\n", with: "\r\n"))] }
    }

    /// Confluence's tables, checked for the storage format's structure on the way.
    static func confluenceTables(_ xml: String) throws -> [[Row]] {
        let page = try PageElement.parse(xml)
        return page.all("table").map { table in
            #expect(table.children.map(\.name) == ["tbody"], "a table holds one tbody")
            let rows = table.children.flatMap(\.children)
            #expect(rows.allSatisfy { $0.name == "tr" }, "the tbody holds rows only: \(rows.map(\.name))")
            return rows.map { row in
                #expect(
                    row.children.allSatisfy { $0.name == "th" || $0.name == "td" }, "a row holds cells only")
                return Row(
                    cells: row.children.map { cell in
                        #expect(cell.children.map(\.name) == ["p"], "a cell holds a paragraph")
                        let style = cell.children.first?.attributes["style"]
                        let alignment = style?.firstMatch(of: /text-align: (\w+);/).map { String($0.output.1) }
                        return Cell(isHeader: cell.name == "th", alignment: alignment, text: cell.allText)
                    })
            }
        }
    }

    /// The site's tables as cmark-gfm writes them (`thead` and `tbody`, `align` on each cell).
    static func siteTables(_ html: String) throws -> [[Row]] {
        try PageElement.parseSiteBody(html).all("table").map { table in
            table.children.flatMap(\.children).filter { $0.name == "tr" }.map { row in
                Row(
                    cells: row.children.map { cell in
                        Cell(isHeader: cell.name == "th", alignment: cell.attributes["align"], text: cell.allText)
                    })
            }
        }
    }

    @Test(arguments: cases)
    func everyTableIsRowsOfCellsAsTheSiteHasIt(_ name: String, _ markdown: String) throws {
        let xml = try ConfluencePage().render(Array(markdown.utf8))
        let confluence = try Self.confluenceTables(xml)
        let site = try Self.siteTables(try SitePage(linksHighlighter: false).render(Array(markdown.utf8)))
        #expect(!confluence.isEmpty)
        #expect(confluence == site, "\(name):\nConfluence \(confluence)\nsite \(site)\n\(xml)")
        for table in confluence {
            #expect(table.first?.cells.allSatisfy(\.isHeader) == true, "the first row is the header")
            #expect(table.dropFirst().allSatisfy { $0.cells.allSatisfy { !$0.isHeader } }, "no other row is")
        }
        #expect(!xml.contains("\r"))
    }

    @Test func aCellsMarkupIsConfluencesOwn() throws {
        let xml = try ConfluencePage().render(
            Array("| *em* | `x` | [l](https://e.com/?a=1&b=2) | [j](javascript:alert(1)) |\n|---|---|---|---|\n".utf8))
        #expect(xml.contains("<th><p><em>em</em></p></th>"))
        #expect(xml.contains("<th><p><code>x</code></p></th>"))
        #expect(xml.contains("<th><p><a href=\"https://e.com/?a=1&amp;b=2\">l</a></p></th>"))
        #expect(xml.contains("<th><p><a href=\"\">j</a></p></th>"))
    }

    @Test func alignedColumnsKeepTheirAlignment() throws {
        let xml = try ConfluencePage().render(Array("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n".utf8))
        #expect(
            xml.contains(
                "<table><tbody>\n<tr><th><p style=\"text-align: left;\">l</p></th><th><p style=\"text-align: center;\">c</p></th><th><p style=\"text-align: right;\">r</p></th><th><p>n</p></th></tr>\n"
            ))
        #expect(
            xml.contains(
                "<tr><td><p style=\"text-align: left;\">1</p></td><td><p style=\"text-align: center;\">2</p></td><td><p style=\"text-align: right;\">3</p></td><td><p>4</p></td></tr>\n</tbody></table>"
            ))
    }
}

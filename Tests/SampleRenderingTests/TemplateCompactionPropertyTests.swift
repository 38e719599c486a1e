import Mustache
import PropertyBased
import Synchronization
import Testing

@testable import SampleRendering

/// Compaction is a speed-up only: for arbitrary templates (code with braces, values alone and
/// among code, standalone and inline sections, comments over several lines, indentation and
/// trailing blanks, with or without a last line break), the compacted and cut template renders
/// exactly what swift-mustache renders from the template whole.
@Suite struct TemplateCompactionPropertyTests {
    static let codeLines = [
        "x = 1", "    if (a) {", "}", "  }}", "}} {", "`tick` ``", "", "   ", "\t", "a { b } c", "café – ✓ 🙂", "{ {",
        "} }", "  x = \"{\";",
    ]
    static let valueLines = [
        "{{a}}", "    key = {{{b}}};", "{{&c}} and {{a}}", "x{{a}}y", "{{ a }}", "  {{b}}  ", "{{a}}{{b}}",
        "\t{{{ c }}}",
        "{{missing}}!", "{{a}} {{! a comment }} {{b}}", "{ {{a}} }", "}}{{b}}{",
    ]
    static let rowLines = [
        "{{name}}={{value}}", "  {{name}}: {{{value}}},", "{{a}}-{{name}}", "{{#flag}}{{value}}{{/flag}}",
    ]
    static let sections = [
        ("#", "flag"), ("#", "off"), ("^", "flag"), ("^", "off"), ("#", "list"), ("#", "missing"), ("^", "missing"),
        ("#", "a"), ("^", "list"),
    ]
    static let blanks = ["", "  ", "\t", " "]
    static let inlineLines = [
        "a {{#flag}}b{{/flag}} c", "{{#off}}x{{/off}}", "{{^off}}{{a}}{{/off}}", "{{! note }}",
        "  {{! standalone comment }}  ", "x {{! inline }} y", "{{! one\ntwo }}", "  {{#flag}}{{/flag}}",
        "{{! {braces} } }}", "a\n  {{! x\n\n}}\nb",
    ]

    /// A template built from `choices`: each picks a kind of line and one of its forms.
    static func template(_ choices: [Int]) -> String {
        var lines: [String] = []
        var open: [(sigil: String, name: String)] = []
        for choice in choices {
            let form = choice / 6
            switch choice % 6 {
            case 0, 1:
                lines.append(codeLines[form % codeLines.count])
            case 2:
                let inRows = open.contains { $0.sigil == "#" && $0.name == "list" }
                lines.append(
                    inRows && form % 2 == 0 ? rowLines[form % rowLines.count] : valueLines[form % valueLines.count])
            case 3:
                let (sigil, name) = sections[form % sections.count]
                open.append((sigil, name))
                lines.append(blanks[form % blanks.count] + "{{\(sigil)\(name)}}" + blanks[(form / 3) % blanks.count])
            case 4:
                guard let (_, name) = open.popLast() else {
                    lines.append(codeLines[form % codeLines.count])
                    continue
                }
                lines.append(blanks[(form / 2) % blanks.count] + "{{/\(name)}}" + blanks[form % blanks.count])
            default:
                lines.append(inlineLines[form % inlineLines.count])
            }
        }
        while let (_, name) = open.popLast() { lines.append("{{/\(name)}}") }
        let lastBreak = (choices.first ?? 0) % 2 == 0 ? "\n" : ""
        return TemplateFile.textPragma + "\n" + lines.joined(separator: "\n") + lastBreak
    }

    struct Row: MustacheParent {
        let name: String
        let value: String
        func child(named key: String) -> Any? {
            switch key {
            case "name": name
            case "value": value
            default: nil
            }
        }
    }

    struct Values: MustacheParent {
        func child(named key: String) -> Any? {
            switch key {
            case "a": "A<>&\"'"
            case "b": "line one\nline two {{a}} }} {"
            case "c": ""
            case "flag": true
            case "off": false
            case "list": [Row(name: "k1", value: "v1"), Row(name: "k 2", value: "v\n2")]
            default: nil
            }
        }
    }

    @Test func arbitraryTemplatesRenderAsSwiftMustacheRendersThemWhole() async throws {
        let unparsable = Mutex(0)
        await propertyCheck(count: 1_000, input: Gen.int(in: 0...200).array(of: 1...40)) { choices in
            let text = Self.template(choices)
            // swift-mustache itself cannot parse a template that ends in `{` (it reads two
            // characters past it): nothing to compare with.
            guard let whole = try? MustacheTemplate(string: text).render(Values()) else {
                unparsable.withLock { $0 += 1 }
                return
            }
            let file = TemplateFile(name: "python/token-request", path: "t.mustache", text: text)
            do {
                let set = try TemplateSet([file])
                #expect(try set.render(file, context: Values()) == whole, "\(text.debugDescription)")
            } catch {
                Issue.record("\(text.debugDescription): \(error)")
            }
        }
        #expect(unparsable.withLock { $0 } < 100, "most templates are compared")
    }
}

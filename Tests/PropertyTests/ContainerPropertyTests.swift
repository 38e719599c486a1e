import GenConfig
import GuideDocument
import GuideFilling
import PropertyBased
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// What a reader's Markdown parser sees: after filling, cmark-gfm reads every `gen=` block of the
/// guide back as exactly the sample, whatever container the label sits in (block quotes written
/// `>`, `> `, `>\t`, nested `> >` or `>>`, lists of every marker, lists in quotes and quotes in
/// lists) and however its prefix is spelled.
@Suite struct ContainerPropertyTests {
    /// Container prefixes as writers spell them; each is a container cmark-gfm keeps a label in.
    static let prefixes = [
        "", "> ", ">", ">\t", ">  ", ">   ", "> > ", ">>", "> >", ">> ", ">\t>\t", " > ", "   > ", " >", "   >\t",
        "- ", "* ", "+ ", "1. ", "1) ", "10. ", "-\t", "1.\t", "-  ", "-   ", "-    ", "  - ", "   * ",
        "- > ", "-\t> ", "1. >", "> - ", ">- ", "> 1. ", ">\t- ", "> > - ", "- - ", "1. - ", "- 1. > ", "> -\t> ",
    ]

    /// Code lines that test what a container's continuation does to leading blanks.
    static let codeLines = [
        "x = 1", "    indented", "  two", " one", "\tTab", "\t\tTwo tabs", " \tmixed", "", "", "> quoted", ">",
        "- item", "1. item", "# heading", "trailing  ", "\t", "  ", "````", "~~~", "```python", "<div>", "    ",
    ]

    static let renderer = SampleRenderer(templates: try! TemplateSet(TemplateDirectory.files()))
    static let configuration = GenConfiguration(groups: [GroupRule(heading: "Heading", snippet: .tokenRequest)])
    static let samples: [Language: String] = {
        var filler = GuideFiller(renderer: renderer)
        var samples: [Language: String] = [:]
        for language in Language.allCases {
            // The form the guide shows: the concise one.
            samples[language] = try! filler.sample(.tokenRequest, in: language, model: .guideDefault, form: .concise)
                .code
        }
        return samples
    }()

    /// A guide: a heading, then some labels (some languages left out, some with an old block)
    /// behind one container prefix, with one kind of line break.
    struct Case: CustomStringConvertible {
        let prefix: String
        let lineBreak: String
        let labels: [Language]
        let oldBlocks: Set<Language>
        let code: [String]

        var guide: [UInt8] {
            var lines = ["# Heading", ""]
            let continuation = Self.continuation(of: prefix)
            let blank = String(continuation.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            for (index, language) in labels.enumerated() {
                if index > 0 { lines.append(blank) }
                lines.append((index == 0 ? prefix : continuation) + "\(language.displayName) code:")
                if oldBlocks.contains(language) {
                    lines += [
                        blank, continuation + "```\(language.rawValue) gen=token-request", continuation + "old",
                        continuation + "```",
                    ]
                }
            }
            lines += ["", "After."]
            return Array((lines.joined(separator: lineBreak) + lineBreak).utf8)
        }

        /// How a writer continues a container on the next line: `>` markers kept, list markers
        /// turned into spaces (with the space a `>` right before a list marker needs, since a
        /// quote marker takes one space with it: `>- ` continues as `>   `).
        static func continuation(of prefix: String) -> String {
            var text = ""
            var previous: Character?
            for character in prefix {
                let isMarker = !(character == ">" || character == " " || character == "\t")
                if isMarker, previous == ">" { text += " " }
                text.append(isMarker ? " " : character)
                previous = character
            }
            return text
        }

        var description: String {
            "prefix \(prefix.debugDescription), break \(lineBreak.debugDescription), labels \(labels.map(\.rawValue)), old \(oldBlocks.map(\.rawValue).sorted()), code \(code)"
        }
    }

    static let cases = zip(
        Gen<String?>.element(of: prefixes).map { $0 ?? "" },
        Gen<String?>.element(of: ["\n", "\r\n", "\r"]).map { $0 ?? "\n" },
        Gen<Language?>.element(of: Language.allCases).map { $0! }.array(of: 1...4),
        Gen<Language?>.element(of: Language.allCases).map { $0! }.array(of: 0...2),
        Gen<String?>.element(of: codeLines).map { $0 ?? "" }.array(of: 1...8)
    ).map { prefix, lineBreak, labels, old, code in
        var distinct: [Language] = []
        for language in labels where !distinct.contains(language) { distinct.append(language) }
        return Case(
            prefix: prefix, lineBreak: lineBreak, labels: distinct, oldBlocks: Set(old).intersection(distinct),
            code: code)
    }

    /// Normalises line breaks, as a reader's parser joins lines with `\n`.
    static func lines(_ text: String) -> String {
        text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
    }

    /// The `gen=` blocks cmark-gfm reads in `bytes`: language → code, without the last line feed.
    static func generatedBlocks(in bytes: [UInt8]) -> [(language: Language?, code: String)] {
        MarkdownDocument(parsing: SourceText(validated: bytes)).codeBlocks().compactMap { block in
            let words = block.info.split(separator: " ")
            guard words.contains(where: { $0.hasPrefix("gen=") }) else { return nil }
            var code = lines(block.literal)
            if code.hasSuffix("\n") { code.removeLast() }
            return (words.first.flatMap { Language(name: $0) }, code)
        }
    }

    @Test func everyRealSampleReadsBackByteForByteInEveryContainer() async {
        let reach = PropertyReach(
            "everyRealSampleReadsBackByteForByteInEveryContainer", cases: 300 * PropertySeed.scale)
        await propertyCheck(count: 300 * PropertySeed.scale, input: Self.cases) { testCase in
            var filler = GuideFiller(renderer: Self.renderer)
            let filled: FilledGuide
            do {
                filled = try filler.fill(testCase.guide, configuration: Self.configuration)
            } catch {
                Issue.record("\(testCase): \(error)")
                return
            }
            let blocks = Self.generatedBlocks(in: filled.bytes)
            #expect(blocks.count == Language.allCases.count, "\(testCase): \(blocks.count) generated blocks read back")
            for block in blocks {
                guard let language = block.language else {
                    Issue.record("\(testCase): a block without a language")
                    continue
                }
                #expect(
                    block.code == Self.lines(Self.samples[language]!),
                    "\(testCase): the \(language) sample reads back changed")
            }
            let again = try? filler.fill(filled.bytes, configuration: Self.configuration)
            #expect(again?.bytes == filled.bytes, "\(testCase): a second run changed the guide")
            #expect(again?.editedByHand.isEmpty == true, "\(testCase): a block gen wrote reads back as edited by hand")
            reach.reach()
        }
        reach.report()
    }

    @Test func arbitraryCodeLinesReadBackInEveryContainer() async {
        let reach = PropertyReach("arbitraryCodeLinesReadBackInEveryContainer", cases: 600 * PropertySeed.scale)
        await propertyCheck(count: 600 * PropertySeed.scale, input: Self.cases) { testCase in
            guard let source = try? SourceText(testCase.guide),
                let groups = try? SectionFinder().groups(in: MarkdownDocument(parsing: source))
            else {
                Issue.record("\(testCase): not read")
                return
            }
            let code = testCase.code.joined(separator: "\n")
            // A line of blanks only is read back empty in some containers; the property is about
            // every line that has text.
            let expected = Self.lines(code).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.allSatisfy { $0 == " " || $0 == "\t" } ? "" : String($0) }.joined(separator: "\n")
            let splicer = GuideSplicer(source: source)
            let edits = groups.flatMap {
                splicer.edits(filling: $0, with: .tokenRequest, languages: Language.allCases) { _ in code }
            }
            let filled = GuideEdit.apply(edits, to: source.bytes)
            let blocks = Self.generatedBlocks(in: filled)
            #expect(blocks.count == Language.allCases.count, "\(testCase): \(blocks.count) generated blocks read back")
            // Whatever the code and the container, the digest gen records reads back as its own.
            let filledSource = SourceText(validated: filled)
            let edited =
                (try? SectionFinder().groups(in: MarkdownDocument(parsing: filledSource)))?
                .flatMap(\.sections).filter { section in
                    if case .generated(let block) = section.content { return block.isEditedByHand }
                    return false
                }
            #expect(edited?.isEmpty == true, "\(testCase): a block gen wrote reads back as edited by hand")
            for block in blocks {
                let read = block.code.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.allSatisfy { $0 == " " || $0 == "\t" } ? "" : String($0) }.joined(separator: "\n")
                #expect(read == expected, "\(testCase): read back as \(block.code.debugDescription)")
            }
            reach.reach()
        }
        reach.report()
    }
}

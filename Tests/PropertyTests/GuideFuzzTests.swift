import GenConfig
import GuideDocument
import GuideFilling
import PropertyBased
import SampleModel
import SampleRendering
import Synchronization
import TestSupport
import Testing

/// The section finder and splicer over generated Markdown (property tests rather than libFuzzer:
/// they run inside `swift test` on every CI run, shrink a failing guide to a small one, and know
/// what the output must be, not only that nothing crashed).
@Suite struct GuideFuzzTests {
    static let renderer = SampleRenderer(templates: try! TemplateSet(TemplateDirectory.files()))

    /// Fills with every snippet mapped to a heading that exists, or none at all.
    static let configuration = GenConfiguration(groups: [
        GroupRule(heading: "Postman guide", snippet: .tokenRequest),
        GroupRule(heading: "Handling Access Token Expiration in the Client Application", snippet: .tokenRefresh),
        GroupRule(heading: "Other", snippet: .tokenRefresh),
        GroupRule(heading: "Heading", snippet: .tokenRequest),
    ])

    @Test func fillingAnyGuideEitherSucceedsOrSaysWhereItFails() async {
        // Arbitrary guides, errors included: both outcomes are checked, so every case counts.
        let reach = PropertyReach("fillingAnyGuideEitherSucceedsOrSaysWhereItFails", cases: 400 * PropertySeed.scale)
        let filledCount = Atomic<Int>(0)
        await propertyCheck(count: 400 * PropertySeed.scale, input: ArbitraryGuide.guide) { bytes in
            var filler = GuideFiller(renderer: Self.renderer)
            do throws(Diagnostic) {
                let filled = try filler.fill(bytes, path: "guide.md", configuration: Self.configuration)
                let again = try filler.fill(filled.bytes, configuration: Self.configuration)
                #expect(again.bytes == filled.bytes, "a second run changed the guide")
                filledCount.add(1, ordering: .relaxed)
                reach.reach()
            } catch {
                // A guide's mistake, placed in it, never a template's.
                #expect(
                    !error.message.isEmpty && error.location?.path == "guide.md" && error.location?.line != nil,
                    "\(error)")
                reach.reach()
            }
        }
        print(
            "fillingAnyGuideEitherSucceedsOrSaysWhereItFails: \(filledCount.load(ordering: .relaxed)) filled, the rest refused"
        )
        reach.report()
    }

    @Test func fillingAValidGuideSucceedsAndASecondRunChangesNothing() async {
        let reach = PropertyReach(
            "fillingAValidGuideSucceedsAndASecondRunChangesNothing", cases: 400 * PropertySeed.scale)
        await propertyCheck(count: 400 * PropertySeed.scale, input: ValidGuide.guide) { bytes in
            var filler = GuideFiller(renderer: Self.renderer)
            do throws(Diagnostic) {
                let filled = try filler.fill(bytes, configuration: Self.configuration)
                let again = try filler.fill(filled.bytes, configuration: Self.configuration)
                #expect(again.bytes == filled.bytes, "a second run changed the guide")
                reach.reach()
            } catch {
                Issue.record("a valid guide was refused: \(error)\n\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        reach.report()
    }

    @Test func onlyGeneratedBlocksAreReplacedEverythingElseIsInsertedAround() async {
        let reach = PropertyReach(
            "onlyGeneratedBlocksAreReplacedEverythingElseIsInsertedAround", cases: 400 * PropertySeed.scale)
        await propertyCheck(count: 400 * PropertySeed.scale, input: ValidGuide.guide) { bytes in
            let source: SourceText
            let groups: [CodeSectionGroup]
            do throws(GuideError) {
                source = try SourceText(bytes)
                groups = try SectionFinder().groups(in: MarkdownDocument(parsing: source))
            } catch {
                Issue.record("a valid guide was not read: \(error)\n\(String(decoding: bytes, as: UTF8.self))")
                return
            }
            let splicer = GuideSplicer(source: source)
            var generated: Set<Range<Int>> = []
            for group in groups {
                for section in group.sections {
                    if case .generated(let block) = section.content {
                        // The block, from its fence or from the start of its line when only
                        // container marks (`>`, blanks) come before the fence.
                        let start = source.offset(of: block.range.start)
                        let end = source.lineContentEnd(block.range.end.line)
                        generated.insert(start..<end)
                        let lineStart = source.lineTextStart(block.range.start.line)
                        if source.bytes[lineStart..<start].allSatisfy({
                            $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
                        }) {
                            generated.insert(lineStart..<end)
                        }
                    }
                }
            }
            var edits = 0
            for group in groups {
                for edit in splicer.edits(
                    filling: group, with: .tokenRequest, languages: Language.allCases, code: { "\($0.rawValue)\n`x`" })
                {
                    #expect(
                        edit.range.isEmpty || generated.contains(edit.range),
                        "an edit replaces bytes that are not a generated block")
                    edits += 1
                }
            }
            // Every valid guide has a group, so there is always something to check.
            if edits > 0 { reach.reach() }
        }
        reach.report()
    }

    @Test func afterFillingEveryGroupHasEveryLanguage() async {
        let reach = PropertyReach("afterFillingEveryGroupHasEveryLanguage", cases: 300 * PropertySeed.scale)
        await propertyCheck(count: 300 * PropertySeed.scale, input: ValidGuide.guide) { bytes in
            var filler = GuideFiller(renderer: Self.renderer)
            let groups: [CodeSectionGroup]
            do {
                let filled = try filler.fill(bytes, configuration: Self.configuration)
                let source = try SourceText(filled.bytes)
                groups = try SectionFinder().groups(in: MarkdownDocument(parsing: source))
            } catch {
                Issue.record("a valid guide was refused: \(error)\n\(String(decoding: bytes, as: UTF8.self))")
                return
            }
            #expect(!groups.isEmpty, "the filled guide has no group")
            for group in groups {
                #expect(Set(group.languages).isSuperset(of: Language.offering(.tokenRefresh)))
                #expect(!group.sections.contains { $0.content == .empty }, "a section was left empty")
            }
            if !groups.isEmpty { reach.reach() }
        }
        reach.report()
    }

    @Test func applyingEditsKeepsEveryByteOutsideThem() async {
        let edits = zip(Gen<Int>.int(in: 0...200).array(of: 0...6), ArbitraryText.string.array(of: 6))
        let reach = PropertyReach("applyingEditsKeepsEveryByteOutsideThem", cases: 300)
        await propertyCheck(count: 300, input: Gen<UInt8>.value(in: 0...255).array(of: 0...200), edits) { bytes, edit in
            let points = Set(edit.0.map { min($0, bytes.count) }).sorted()
            var edits: [GuideEdit] = []
            var expected: [UInt8] = []
            var cursor = 0
            for (index, point) in stride(from: 0, to: points.count - 1, by: 2).map({ ($0, points[$0]) }) {
                let end = points[index + 1]
                let replacement = Array(edit.1[index / 2 % edit.1.count].utf8)
                edits.append(GuideEdit(range: point..<end, replacement: replacement))
                expected += bytes[cursor..<point] + replacement
                cursor = end
            }
            expected += bytes[cursor...]
            #expect(GuideEdit.apply(edits.reversed(), to: bytes) == expected)
            reach.reach()
        }
        reach.report()
    }
}

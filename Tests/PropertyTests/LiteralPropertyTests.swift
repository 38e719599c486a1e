import PropertyBased
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Every string, through every language's encoder and back out of that language's own runtime,
/// is the string that went in: quotes, backslashes, line breaks, NUL, `${`, `<?php`, `"""`,
/// `*/`, U+2028, bidi overrides, emoji, combining marks, unpaired anything.
@Suite struct LiteralPropertyTests {
    static let batchSize = 250
    static let batches = 2

    @Test(arguments: Language.allCases)
    func everyLiteralReadsBackAsTheOriginalString(_ language: Language) throws {
        var (rng, seed) = PropertySeed.generator(salt: UInt64(Language.allCases.firstIndex(of: language)!))
        let reach = PropertyReach(
            "everyLiteralReadsBackAsTheOriginalString(\(language.rawValue))",
            cases: Self.batches * PropertySeed.scale * Self.batchSize)
        defer { reach.report() }
        for batch in 0..<(Self.batches * PropertySeed.scale) {
            let values = (0..<Self.batchSize).map { _ in
                LiteralProgram.sendable(ArbitraryText.string.run(using: &rng))
            }
            let read = try LiteralProgram(language: language, values: values).run()
            try #require(read.count == values.count, "batch \(batch): \(read.count) values came back (\(seed))")
            for (value, back) in zip(values, read) {
                reach.reach()
                guard value != back else { continue }
                Issue.record(
                    "\(language.rawValue) literal \(language.literalEncoder.stringLiteral(value)) read back as \(back.debugDescription), not \(value.debugDescription) (\(seed))"
                )
            }
        }
    }

    @Test(arguments: Language.allCases)
    func everyLiteralIsOneLineOfPrintableASCII(_ language: Language) async {
        let reach = PropertyReach("everyLiteralIsOneLineOfPrintableASCII(\(language.rawValue))", cases: 300)
        await propertyCheck(count: 300, input: ArbitraryText.string) { value in
            let literal = language.literalEncoder.stringLiteral(value)
            #expect(literal.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
            // Python's, like black's, is single-quoted when that needs fewer escapes; a shell word
            // is quoted parts and backslashed characters side by side.
            if language != .curl {
                let quotes: Set<Character> = language == .python ? ["\"", "'"] : ["\""]
                #expect(literal.first.map(quotes.contains) == true && literal.last == literal.first)
            }
            reach.reach()
        }
        reach.report()
    }
}

import Foundation
import SampleModel
import SampleRendering
import TestSupport
import Testing

/// Each language's own interpreter or compiler reads the encoded literals back: what it prints
/// must be exactly the strings that went in.
@Suite struct LiteralRoundTripTests {
    @Test(arguments: Language.allCases)
    func interpreterReadsBackEveryTrickyString(_ language: Language) throws {
        let values = TrickyStrings.all.map(LiteralProgram.sendable)
        let output = try LiteralProgram(language: language, values: values).run()
        #expect(output == values)
    }
}

import SampleModel
import Testing

/// Every value the model accepts can be written as a literal in every language: NUL (which ends
/// a shell string) and the Unicode noncharacters (which Swift source cannot spell) are refused.
@Suite struct SendableTextTests {
    @Test(arguments: [0x0, 0xFDD0, 0xFDDA, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF] as [UInt32])
    func aScopeOrParameterWithAnUnsendableCharacterIsRefused(_ value: UInt32) throws {
        let text = "read" + String(Unicode.Scalar(value)!) + "\u{301}write"
        #expect(SendableText.firstUnsendable(in: text)?.value == value)
        var request = ClientModel.guideDefault.tokenRequest
        request.scope = text
        #expect(throws: ModelError.unsendableCharacter(field: .scope, scalar: value)) { try request.validate() }
        #expect(throws: ModelError.unsendableCharacter(field: .extraParameters, scalar: value)) {
            try FormParameter(name: "audience", value: text)
        }
    }

    @Test(arguments: ["read write", "é€😀", "\u{FDCF}\u{FDF0}\u{FFFD}\u{1FFFD}", "\u{1}\u{7F}"])
    func everyOtherCharacterIsSendable(_ text: String) {
        #expect(SendableText.firstUnsendable(in: text) == nil)
    }
}

/// The characters no sample can carry in a literal, so the model refuses them in every value:
/// U+0000 (a shell string ends there) and the Unicode noncharacters (U+FDD0–U+FDEF and the last
/// two code points of every plane), which Swift source cannot spell, even as `\u{…}`.
public enum SendableText {
    /// The first character of `text` no sample can carry, if any.
    public static func firstUnsendable(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !isSendable($0) }
    }

    public static func isSendable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value != 0 && !(0xFDD0...0xFDEF).contains(value) && value & 0xFFFE != 0xFFFE
    }
}

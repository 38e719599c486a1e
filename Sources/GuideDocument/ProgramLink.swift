/// The line `gen` writes under a concise sample: the way to the complete program, which the run
/// writes into the folder gen.yml names. The line is gen's like the block above it: found again
/// by its lead, regenerated with the block, covered by the block's digest (a hand edit to it is
/// a hand edit to the block), removed with it.
public enum ProgramLink {
    /// What the line says before the link; gen knows its line by this.
    public static let lead = "Complete program, with retries and outage handling: "

    /// The line for the program `fileName` at `path` (relative to the guide, `/`-separated): its
    /// path percent-encoded so that any folder name is one Markdown link destination.
    public static func line(fileName: String, path: String) -> String {
        "\(lead)[`\(fileName)`](\(encodedPath(path)))"
    }

    /// Whether `text` (a paragraph's one line, after its container's prefix, right under a block
    /// gen wrote) is gen's line: it starts as gen's does, so a line edited after its first words
    /// is still found, and counts as a hand edit to the block (its digest no longer matches).
    /// Public so the published pages tell gen's line by the same rule.
    public static func isLink(_ text: some Collection<UInt8>) -> Bool {
        text.starts(with: recognized.utf8)
    }

    private static let recognized = "Complete program"

    /// The digest a block with a link line records: of the code's digest and the line, so a
    /// change to either is a change to the block.
    public static func digest(code: String, link: String?) -> String {
        let codeDigest = SampleDigest.of(code.utf8)
        guard let link else { return codeDigest }
        return digest(codeDigest: codeDigest, link: link.utf8)
    }

    static func digest(codeDigest: String, link: some Collection<UInt8>) -> String {
        SampleDigest.of(Array(codeDigest.utf8) + [UInt8(ascii: "\n")] + Array(link))
    }

    /// `path` with every byte but RFC 3986's unreserved characters and `/` percent-encoded.
    static func encodedPath(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar)
                    || ("A"..."Z").contains(scalar) || "-._~/".unicodeScalars.contains(scalar)
            {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

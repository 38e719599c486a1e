/// Text gen prints whole and did not write (a guide's diff, samples), printed in GitHub Actions
/// between `::stop-commands::<token>` and `::<token>::`: in between, the runner reads no line as
/// a workflow command, whatever the guide holds (` ::stop-commands::x`, `##[error]`, a CR),
/// so the text prints byte for byte and a diff stays one `patch` applies. The token is 128
/// random bits, new for each block: a guide cannot know it, so it cannot end the block early.
/// gen's own annotations are printed outside the block.
enum StoppedCommands {
    static func wrapping(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        let token = token(absentFrom: text)
        let end = text.hasSuffix("\n") ? "" : "\n"
        return "::stop-commands::\(token)\n\(text)\(end)::\(token)::\n"
    }

    /// 32 hexadecimal digits from the system's random source, not found in `text` in any case
    /// (the runner compares it ignoring case): a chance of 2^-128 per place, checked all the same.
    static func token(absentFrom text: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let runs = hexadecimalRuns(text)
        while true {
            let token = (0..<2).map { _ in hex(generator.next()) }.joined()
            if !runs.contains(where: { $0.contains(token) }) { return token }
        }
    }

    /// The runs of 32 or more hexadecimal digits in `text`, lowercased: the only places a token
    /// could be. One pass over the bytes (ASCII case folding is the whole of it: no other
    /// character folds to a hexadecimal digit).
    static func hexadecimalRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0
                let letter = byte | 0x20
                if byte >= 0x30 && byte <= 0x39 || letter >= 0x61 && letter <= 0x66 { continue }
                if index - start >= 32 {
                    runs.append(String(decoding: bytes[start..<index], as: UTF8.self).lowercased())
                }
                start = index + 1
            }
        }
        return runs
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

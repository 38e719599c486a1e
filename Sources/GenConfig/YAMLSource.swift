import SampleModel

/// The text libyaml read, by its lines and columns: line breaks are `\n`, `\r\n`, `\r`, U+0085,
/// U+2028 and U+2029, and a column counts code points from 1 — so a place found here is the place
/// libyaml's own marks (and every other error of gen.yml) give.
struct YAMLSource {
    let scalars: [Unicode.Scalar]
    /// Where each line starts in `scalars`.
    let lineStarts: [Int]

    init(_ text: some StringProtocol) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard Self.isBreak(scalar) else { continue }
            if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
            starts.append(index)
        }
        lineStarts = starts
    }

    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// What YAML 1.1 lets a file hold as it is (libyaml's reader refuses the rest): tab, the
    /// line breaks, printable ASCII, U+0085, and U+00A0 on but for the surrogates, U+FFFE and U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The first character libyaml refuses in a file, with its 1-based line and column.
    func firstRefusedCharacter() -> (scalar: Unicode.Scalar, line: Int, column: Int)? {
        guard let index = scalars.firstIndex(where: { !Self.isAllowed($0) }) else { return nil }
        let (line, column) = position(of: index)
        return (scalars[index], line, column)
    }

    /// 1-based line and column of the scalar at `index`.
    func position(of index: Int) -> (line: Int, column: Int) {
        // The last line start at or before `index`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low + 1, index - lineStarts[low] + 1)
    }

    /// The index of 1-based `line` and `column`, if the text has it.
    func index(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let index = lineStarts[line - 1] + column - 1
        return index <= scalars.count ? index : nil
    }

    /// Whether the double-quoted scalar whose node starts at `line`:`column` (at its `&anchor`
    /// or `!tag`, if it has them) begins with an escape of U+FEFF — `"\uFEFF…"`, `"\U0000FEFF…"`,
    /// after any escaped line breaks. Yams makes each scalar a String with Foundation, which drops
    /// a leading U+FEFF as a byte-order mark; this tells the reader to put it back.
    func startsWithByteOrderMarkEscape(line: Int, column: Int) -> Bool {
        guard var index = index(line: line, column: column) else { return false }
        func skip(while condition: (Unicode.Scalar) -> Bool) {
            while index < scalars.count, condition(scalars[index]) { index += 1 }
        }
        // Node properties, each followed by white space, before the opening quote.
        while index < scalars.count, scalars[index] == "&" || scalars[index] == "!" {
            skip { $0 != " " && $0 != "\t" && !Self.isBreak($0) }
            skip { $0 == " " || $0 == "\t" || Self.isBreak($0) }
        }
        guard index < scalars.count, scalars[index] == "\"" else { return false }
        index += 1
        // An escaped line break joins the next line without its leading blanks.
        while index + 1 < scalars.count, scalars[index] == "\\", Self.isBreak(scalars[index + 1]) {
            index += scalars[index + 1] == "\r" && index + 2 < scalars.count && scalars[index + 2] == "\n" ? 3 : 2
            skip { $0 == " " || $0 == "\t" }
        }
        guard index + 1 < scalars.count, scalars[index] == "\\" else { return false }
        let digits: Int
        switch scalars[index + 1] {
        case "u": digits = 4
        case "U": digits = 8
        default: return false
        }
        let start = index + 2
        guard start + digits <= scalars.count else { return false }
        let hex = String(String.UnicodeScalarView(scalars[start..<(start + digits)]))
        return hex.allSatisfy({ $0.isASCII && $0.isHexDigit }) && UInt32(hex, radix: 16) == 0xFEFF
    }
}

import SampleModel

/// A fenced block's info string as the guide spells it, read as words, so that `gen` rewrites
/// only its own words — the language tag, `gen=` and `digest=` — and keeps every word a writer
/// added (`title="token_request.py"`, `linenums="1"`, `hl_lines="3 4"`, `{.numberLines}`) in
/// place and order, byte for byte.
///
/// Words are separated by spaces and tabs. A quoted part (`"…"` or `'…'`, a backslash escaping
/// the byte after it) and a brace group (`{…}`, nested braces counted) belong to the word they
/// are in, blanks and all. A quote or brace that is never closed is an ordinary byte.
///
/// An info string that is one brace group is an attribute list (`{.python .numberLines}`, as
/// Pandoc and pymdownx.superfences write it): its words are inside the braces and the language
/// is its first `.class` that names one of ours (`{.numberLines .python}` too). Otherwise the language is the first word, unless that word is an
/// attribute (`key=value`, a quoted part or a brace group), and `gen=` and `digest=` are looked
/// for after it. The text is read from the guide's bytes, not from cmark-gfm's info string,
/// which has backslash escapes and entities already decoded.
public struct InfoString: Sendable, Hashable {
    public let bytes: [UInt8]
    /// Each word's bytes in `bytes`, in order.
    let words: [Range<Int>]
    /// Whether the whole info string is one `{…}` attribute list.
    let isAttributeList: Bool
    /// Which of `words` is the language's, `gen=`'s and `digest=`'s.
    let languageIndex: Int?
    let generatedIndex: Int?
    let digestIndex: Int?

    public init(_ bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        self.bytes = bytes
        var first = 0
        var end = bytes.count
        while first < end, Self.isBlank(bytes[first]) { first += 1 }
        while end > first, Self.isBlank(bytes[end - 1]) { end -= 1 }
        let braced =
            end - first >= 2 && bytes[first] == UInt8(ascii: "{")
            && Self.words(in: bytes, from: first, to: end).count == 1
            && Self.closingBrace(in: bytes, from: first, to: end) == end - 1
        isAttributeList = braced
        words =
            braced ? Self.words(in: bytes, from: first + 1, to: end - 1) : Self.words(in: bytes, from: first, to: end)
        let words = words
        func starts(_ word: Range<Int>, with prefix: String) -> Bool {
            bytes[word].starts(with: prefix.utf8)
        }
        var languageIndex: Int?
        if braced {
            languageIndex = words.firstIndex {
                starts($0, with: ".") && Language(name: String(decoding: bytes[$0].dropFirst(), as: UTF8.self)) != nil
            }
        } else if let word = words.first, !bytes[word].contains(where: Self.isAttributeByte) {
            languageIndex = 0
        }
        self.languageIndex = languageIndex
        // In the plain form `gen=` comes after the language's place: a first word `gen=…` names
        // no language, and such a block is the writer's.
        let candidates = words.indices.filter { $0 != languageIndex && (braced || $0 > 0) }
        let generatedIndex = candidates.first { starts(words[$0], with: GeneratedBlock.attribute + "=") }
        self.generatedIndex = generatedIndex
        digestIndex = candidates.first { starts(words[$0], with: SampleDigest.attribute + "=") }
    }

    /// The language word as written, without an attribute list's `.`; nil when there is none.
    public var languageName: String? {
        languageIndex.map { String(decoding: bytes[words[$0]].dropFirst(isAttributeList ? 1 : 0), as: UTF8.self) }
    }

    /// The language the info string names, through the alias table (`js` is JavaScript).
    public var language: Language? { languageName.flatMap { Language(name: $0) } }

    /// The value of `gen=`: the snippet the block holds, when `gen` wrote it.
    public var snippetName: String? { value(of: generatedIndex, attribute: GeneratedBlock.attribute) }

    /// The value of `digest=`: the `SampleDigest` of the code `gen` wrote.
    public var recordedDigest: String? { value(of: digestIndex, attribute: SampleDigest.attribute) }

    /// The info string `gen` writes over this one: `fenceTag` in the language's place, `gen=` and
    /// `digest=` with the sample's values where they stand (inserted after the language word, or
    /// after `gen=`, where missing), and every other byte as it was. A blank info string (a bare
    /// placeholder fence) becomes gen's own `<tag> gen=<snippet> digest=<digest>`.
    public func rewritten(fenceTag: String, snippet: Snippet, digest: String) -> String {
        let generated = "\(GeneratedBlock.attribute)=\(snippet.rawValue)"
        let digestWord = "\(SampleDigest.attribute)=\(digest)"
        guard !words.isEmpty || isAttributeList else { return "\(fenceTag) \(generated) \(digestWord)" }
        let tag = isAttributeList ? "." + fenceTag : fenceTag
        // A placeholder the writer tagged has no `gen=`: gen's words follow the language (a
        // stray `digest=` of the writer's stays a word of theirs).
        let afterTag = generatedIndex == nil ? " \(generated) \(digestWord)" : ""
        var edits: [(range: Range<Int>, text: String)] = []
        if let languageIndex {
            edits.append((words[languageIndex], tag + afterTag))
        } else {
            // Before the first word, or inside an empty attribute list.
            let start = words.first?.lowerBound ?? (bytes.lastIndex(of: UInt8(ascii: "}")) ?? bytes.count)
            edits.append((start..<start, tag + afterTag + (words.isEmpty ? "" : " ")))
        }
        if let generatedIndex {
            edits.append((words[generatedIndex], generated))
            if let digestIndex {
                edits.append((words[digestIndex], digestWord))
            } else {
                let end = words[generatedIndex].upperBound
                edits.append((end..<end, " " + digestWord))
            }
        }
        // In order of place; an insertion before a replacement that starts where it does.
        edits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var cursor = 0
        for edit in edits {
            result += bytes[cursor..<edit.range.lowerBound]
            result += Array(edit.text.utf8)
            cursor = edit.range.upperBound
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    private func value(of index: Int?, attribute: String) -> String? {
        index.map { String(decoding: bytes[words[$0]].dropFirst(attribute.utf8.count + 1), as: UTF8.self) }
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// A byte that makes a first word an attribute rather than a language (`title="x"`, `{…}`).
    private static func isAttributeByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || byte == UInt8(ascii: "{")
    }

    /// The words of `bytes[start..<end]`. Linear: once a quote or brace is found never closed,
    /// later ones of its kind are ordinary bytes without another search to the end.
    private static func words(in bytes: [UInt8], from start: Int, to end: Int) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var unclosed: Set<UInt8> = []
        var index = start
        while index < end {
            while index < end, isBlank(bytes[index]) { index += 1 }
            guard index < end else { break }
            let wordStart = index
            while index < end, !isBlank(bytes[index]) {
                let byte = bytes[index]
                if !unclosed.contains(byte) {
                    var close: Int?
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        close = closingQuote(in: bytes, from: index, to: end)
                    } else if byte == UInt8(ascii: "{") {
                        close = closingBrace(in: bytes, from: index, to: end)
                    } else {
                        index += 1
                        continue
                    }
                    if let close {
                        index = close + 1
                        continue
                    }
                    unclosed.insert(byte)
                }
                index += 1
            }
            words.append(wordStart..<index)
        }
        return words
    }

    /// The quote that closes the one at `start`, a backslash escaping the byte after it.
    private static func closingQuote(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start + 1
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == bytes[start] { return index }
            index += 1
        }
        return nil
    }

    /// The brace that closes the one at `start`, nested braces counted.
    private static func closingBrace(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var depth = 0
        for index in start..<end {
            if bytes[index] == UInt8(ascii: "{") {
                depth += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}

extension SourceText {
    /// The info string of the fenced block whose opening fence starts at `position`, as its
    /// bytes stand in the guide: everything after the fence's backticks or tildes on that line.
    public func fenceInfo(at position: SourcePosition) -> ArraySlice<UInt8> {
        var start = offset(of: position)
        let end = lineContentEnd(position.line)
        guard start < end else { return bytes[end..<end] }
        let fence = bytes[start]
        guard fence == UInt8(ascii: "`") || fence == UInt8(ascii: "~") else { return bytes[start..<end] }
        while start < end, bytes[start] == fence { start += 1 }
        return bytes[start..<end]
    }
}

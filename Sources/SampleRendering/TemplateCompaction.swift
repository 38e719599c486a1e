/// A template with every run of lines that hold no tag replaced by one placeholder line.
///
/// swift-mustache's parser walks text a Character at a time, so most of its time goes to the
/// plain code between tags. A placeholder (`{{{__text_3}}}`) stands for such a run and renders it
/// back unchanged: interpolation tags are never standalone, so the lines around keep their
/// meaning, and only whole lines are replaced, so no tag's line changes. Applied to templates,
/// not partials: a partial included with indentation indents each line of its own text.
struct TemplateCompaction {
    /// The template text with placeholders.
    let text: String
    /// Placeholder name → the lines it stands for, without the last line break.
    let runs: [String: String]
    /// The original line of each line of `text` (1-based, index 0 is line 1).
    private let originalLines: [Int]

    static let placeholderPrefix = "__text_"

    /// `tags` are the template's tags when the caller scanned them already (nil: scanned here).
    init(_ template: String, tags: [TemplateTag]? = nil, minimumLines: Int = 2) {
        let bytes = Array(template.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        var runs: [String: String] = [:]
        var originalLines: [Int] = []
        var pending: Range<Int>?  // bytes of the tag-free lines waiting, line breaks inside
        var pendingLines = 0
        var pendingStart = 0
        func flush() {
            guard let run = pending else { return }
            if pendingLines >= minimumLines {
                let name = "\(Self.placeholderPrefix)\(runs.count)"
                runs[name] = String(decoding: bytes[run], as: UTF8.self)
                output += Array("{{{\(name)}}}\n".utf8)
                originalLines.append(pendingStart)
            } else {
                output += bytes[run]
                output.append(UInt8(ascii: "\n"))
                originalLines += (0..<pendingLines).map { pendingStart + $0 }
            }
            pending = nil
            pendingLines = 0
        }
        // The lines any tag touches, a tag that spans several lines (a comment) included.
        var tagLines = Set<Int>()
        switch tags.map({ .success($0) }) ?? TemplateTag.scan(template) {
        case .success(let tags):
            for tag in tags {
                tagLines.formUnion(tag.line...(tag.line + bytes[tag.range].count { $0 == UInt8(ascii: "\n") }))
            }
        case .failure:
            // Not compacted: the check reports the unclosed tag.
            self.text = template
            self.runs = [:]
            self.originalLines = Array(1...(bytes.count { $0 == UInt8(ascii: "\n") } + 1))
            return
        }
        var lineStart = 0
        var line = 1
        while let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            // Only whole lines, each with its line break; the text after the last one stays as is.
            if !tagLines.contains(line) {
                if pending == nil {
                    pending = lineStart..<newline
                    pendingStart = line
                } else {
                    pending = pending!.lowerBound..<newline
                }
                pendingLines += 1
            } else {
                flush()
                output += bytes[lineStart...newline]
                originalLines.append(line)
            }
            lineStart = newline + 1
            line += 1
        }
        flush()
        output += bytes[lineStart...]
        originalLines.append(line)
        self.text = String(decoding: output, as: UTF8.self)
        self.runs = runs
        self.originalLines = originalLines
    }

    /// The line of the original template that a line of `text` came from.
    func originalLine(_ line: Int) -> Int {
        guard line >= 1, line <= originalLines.count else { return line }
        return originalLines[line - 1]
    }
}

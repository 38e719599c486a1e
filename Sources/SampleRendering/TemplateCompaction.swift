/// A template with its plain code handed to swift-mustache as a few short placeholders.
///
/// swift-mustache's parser walks text a Character at a time, and checks at every `{` whether a
/// tag starts by measuring the rest of its input: plain code costs it about as much per
/// character as a tag. So every run of lines that holds no tag but values (`{{x}}`, `{{{x}}}`)
/// becomes one line: each stretch of code between two values is a placeholder (`{{_3}}`) that
/// renders it back unchanged, and the values stay as they were. A value is never a standalone
/// tag, so the line breaks inside a run mean nothing to Mustache; the run's last line break is
/// kept, so that every other line (a section, a comment, a partial) starts and ends a line as it
/// did and keeps its meaning. Applied to templates, not partials: a partial included with
/// indentation indents each line of its own text.
struct TemplateCompaction {
    /// The template text with placeholders.
    let text: String
    /// Placeholder name → the code it stands for.
    let runs: [String: String]

    /// Placeholder names start with it; no value's name does (`TemplateSet` refuses one that does).
    static let placeholderPrefix = "_"

    /// `tags` are the template's tags when the caller scanned them already (nil: scanned here).
    init(_ template: String, tags: [TemplateTag]? = nil) {
        let bytes = Array(template.utf8)
        guard case .success(let tags) = tags.map({ .success($0) }) ?? TemplateTag.scan(template) else {
            // Not compacted: the check reports the unclosed tag.
            self.text = template
            self.runs = [:]
            return
        }
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        // Lines that keep their shape: those any tag but a one-line value touches.
        var fixedLines = Set<Int>()
        for tag in tags {
            let lastLine = tag.line + bytes[tag.range].count { $0 == UInt8(ascii: "\n") }
            if !tag.isValue || lastLine != tag.line {
                fixedLines.formUnion(tag.line...lastLine)
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4)
        var runs: [String: String] = [:]
        var tagIndex = 0
        /// Appends the run of lines `start..<end` (byte offsets), its values in place.
        func appendRun(_ start: Int, _ end: Int) {
            let lineBreak = end > start && bytes[end - 1] == UInt8(ascii: "\n") ? 1 : 0
            var textStart = start
            func appendText(upTo textEnd: Int) {
                guard textEnd > textStart else { return }
                let name = "\(Self.placeholderPrefix)\(runs.count)"
                runs[name] = String(decoding: bytes[textStart..<textEnd], as: UTF8.self)
                output += Array("{{\(name)}}".utf8)
            }
            while tagIndex < tags.count, tags[tagIndex].range.lowerBound < end {
                let tag = tags[tagIndex]
                appendText(upTo: tag.range.lowerBound)
                output += bytes[tag.range]
                textStart = tag.range.upperBound
                tagIndex += 1
            }
            // The template's last line, unended and only blanks, swift-mustache drops; left to it
            // as it is, behind a line break of its own.
            if lineBreak == 0, end == bytes.count,
                let lastLine = bytes[textStart..<end].lastIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 })
                    ?? (textStart == start ? start : nil),
                bytes[lastLine..<end].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            {
                if lastLine > start {
                    appendText(upTo: lastLine - 1)
                    output.append(UInt8(ascii: "\n"))
                }
                output += bytes[lastLine..<end]
                return
            }
            appendText(upTo: end - lineBreak)
            if lineBreak == 1 { output.append(UInt8(ascii: "\n")) }
        }
        var runStart: Int?
        for (index, lineStart) in lineStarts.enumerated() where lineStart < bytes.count {
            let lineEnd = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
            if fixedLines.contains(index + 1) {
                if let start = runStart { appendRun(start, lineStart) }
                runStart = nil
                while tagIndex < tags.count, tags[tagIndex].range.lowerBound < lineEnd { tagIndex += 1 }
                output += bytes[lineStart..<lineEnd]
            } else if runStart == nil {
                runStart = lineStart
            }
        }
        if let start = runStart { appendRun(start, bytes.count) }
        self.text = String(decoding: output, as: UTF8.self)
        self.runs = runs
    }
}

extension TemplateTag {
    /// A value (`{{x}}`, `{{{x}}}`, `{{&x}}`): it renders in place and is never standalone.
    var isValue: Bool { kind == .variable || kind == .unescapedVariable }
}

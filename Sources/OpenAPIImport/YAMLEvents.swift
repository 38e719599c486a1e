// libyaml is the parser Yams wraps (its CYaml module, built with Yams); its event API is read
// directly so that a document is read once, in one pass, without building a node for every
// value (a large API's paths are never needed) and without expanding an alias (an alias bomb is
// measured before anything copies it). Yams' own `compose` builds every node, and hashes each
// mapping's keys whole: an alias used as a key is expanded there, before anything can measure it.
internal import CYaml
import SampleModel

/// One event of libyaml's parse, valid only while the handler it is passed to runs: its bytes
/// are libyaml's.
struct YAMLEvent {
    enum Kind {
        case scalar, alias, sequenceStart, sequenceEnd, mappingStart, mappingEnd, documentStart, other
    }

    let kind: Kind
    /// 1-based; the column counts characters, as libyaml does.
    let line: Int
    let column: Int
    /// The anchor a node defines (`&name`), or the one an alias names (`*name`).
    let anchor: UnsafeBufferPointer<UInt8>?
    /// A scalar's bytes, as UTF-8.
    let value: UnsafeBufferPointer<UInt8>
    /// A scalar written without quotes (and without a tag): only such a `<<` is a merge key.
    let isPlain: Bool

    var anchorName: String? { anchor.map { String(decoding: $0, as: UTF8.self) } }
    var string: String { String(decoding: value, as: UTF8.self) }
}

/// libyaml's parse of a whole document, event by event.
enum YAMLEvents {
    /// Calls `handle` with each event of `bytes` in order; a YAML syntax error is thrown at its
    /// place, as a document `path` that "cannot be read as YAML or JSON".
    static func parse(
        _ bytes: [UInt8], path: String, _ handle: (YAMLEvent) throws(Diagnostic) -> Void
    ) throws(Diagnostic) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .error("cannot be read: out of memory", at: Diagnostic.Location(path: path))
        }
        defer { yaml_parser_delete(&parser) }
        let failure = bytes.withUnsafeBufferPointer { buffer -> Diagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return syntaxError(parser, bytes: buffer, path: path)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                do throws(Diagnostic) {
                    try handle(YAMLEvent(event))
                } catch {
                    return error
                }
            }
        }
        if let failure { throw failure }
    }

    private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, path: String)
        -> Diagnostic
    {
        var problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if problem.contains("nesting level") {
            // libyaml's words name its C function; say what is wrong with the document.
            problem = "lists and mappings nest more than 1,000 deep here"
        }
        let (line, column): (Int, Int)
        if parser.error == YAML_READER_ERROR {
            (line, column) = position(ofOffset: min(parser.problem_offset, bytes.count), in: bytes)
        } else {
            (line, column) = (parser.problem_mark.line + 1, parser.problem_mark.column + 1)
        }
        return .error(
            "cannot be read as YAML or JSON: \(problem)",
            at: Diagnostic.Location(path: path, line: line, column: column))
    }

    /// The 1-based line and column (in characters) of a byte offset, counting line breaks as
    /// libyaml does: `\n`, `\r\n`, `\r`, U+0085, U+2028 and U+2029.
    static func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            let byte = bytes[index]
            var breakLength = 0
            if byte == 0x0A {
                breakLength = 1
            } else if byte == 0x0D {
                breakLength = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                breakLength = 2
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                breakLength = 3
            }
            if breakLength > 0, index + breakLength <= offset {
                line += 1
                index += breakLength
                lineStart = index
            } else {
                index += 1
            }
        }
        return (line, bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1)
    }
}

extension YAMLEvent {
    fileprivate init(_ event: yaml_event_t) {
        line = event.start_mark.line + 1
        column = event.start_mark.column + 1
        var anchor: UnsafeMutablePointer<yaml_char_t>?
        var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var isPlain = false
        switch event.type {
        case YAML_SCALAR_EVENT:
            kind = .scalar
            anchor = event.data.scalar.anchor
            value = UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length)
            isPlain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && event.data.scalar.tag == nil
        case YAML_ALIAS_EVENT:
            kind = .alias
            anchor = event.data.alias.anchor
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            anchor = event.data.sequence_start.anchor
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            anchor = event.data.mapping_start.anchor
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        default: kind = .other
        }
        self.anchor = anchor.map { name in
            var length = 0
            while name[length] != 0 { length += 1 }
            return UnsafeBufferPointer(start: name, count: length)
        }
        self.value = value
        self.isPlain = isPlain
    }
}

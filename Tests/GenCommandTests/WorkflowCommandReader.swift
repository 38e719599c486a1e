import TestSupport
import Testing

/// gen's output read as the GitHub Actions runner reads it, to prove that only gen issues
/// workflow commands. The runner's rules (actions/runner, `src/Runner.Sdk/ProcessInvoker.cs`,
/// `src/Runner.Common/ActionCommand.cs`, `src/Runner.Worker/ActionCommandManager.cs`): stdout
/// and stderr are both read, a line at a time, a line ending at LF, CR or CRLF
/// (`StreamReader.ReadLine`); a line is a command when, with its leading white space trimmed,
/// it starts with `::` (`TryParseV2`), or when it holds `##[` anywhere (`TryParse`);
/// `::stop-commands::<token>` stops every command until `::<token>::` (or `##[<token>]`), the
/// token compared ignoring case.
///
/// Every line of stdout must be one of gen's annotations (`::error …::…` titled gen), one of
/// gen's stop or resume markers, a line between them that does not hold the token, or a line
/// no runner can read as a command; every line of stderr must be the last kind. Anything else
/// is recorded as an issue of the calling test.
struct WorkflowCommandReader {
    struct Annotation: Equatable {
        var command: String
        /// Unescaped as the runner unescapes them.
        var properties: [String: String]
        var message: String
        /// The line as gen printed it.
        var line: String
    }

    private(set) var annotations: [Annotation] = []
    /// The stop tokens, in order.
    private(set) var tokens: [String] = []
    /// What was printed between each stop marker and its resume marker, byte for byte.
    private(set) var stoppedText: [String] = []

    init(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
        var stopped: String?
        for line in Self.runnerLines(result.stdout) {
            if let token = stopped {
                if line == "::\(token)::" {
                    stopped = nil
                } else if line.lowercased().contains(token) {
                    Issue.record(
                        "the stop token appears before its end: \(line.debugDescription)",
                        sourceLocation: sourceLocation)
                }
            } else if let token = Self.stopToken(line) {
                #expect(!tokens.contains(token), "a token is used once", sourceLocation: sourceLocation)
                tokens.append(token)
                stopped = token
            } else if let annotation = Self.annotation(line, sourceLocation: sourceLocation) {
                annotations.append(annotation)
            } else if Self.readsAsCommand(line) {
                Issue.record(
                    "stdout line gen did not write reads as a workflow command: \(line.debugDescription)",
                    sourceLocation: sourceLocation)
            }
        }
        if let stopped {
            Issue.record(
                "::stop-commands::\(stopped) is never ended: the runner would ignore every later annotation",
                sourceLocation: sourceLocation)
        }
        for line in Self.runnerLines(result.stderr) where Self.readsAsCommand(line) {
            Issue.record(
                "stderr line reads as a workflow command: \(line.debugDescription)", sourceLocation: sourceLocation)
        }
        let bytes = Array(result.stdout.utf8)
        for token in tokens {
            let start = Array("::stop-commands::\(token)\n".utf8)
            let end = Array("::\(token)::\n".utf8)
            guard let opening = bytes.firstRange(of: start),
                let closing = bytes[opening.upperBound...].firstRange(of: end)
            else { continue }
            stoppedText.append(String(decoding: bytes[opening.upperBound..<closing.lowerBound], as: UTF8.self))
        }
    }

    /// The lines the runner reads: a line ends at LF, CR or CRLF.
    static func runnerLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n", afterCR { continue }
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(line))
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar)
            }
        }
        if !line.isEmpty { lines.append(String(line)) }
        return lines
    }

    /// Whether either of the runner's parsers could take `line` for a command: `::` after white
    /// space (.NET `TrimStart` trims the Unicode White_Space characters), or `##[` anywhere.
    static func readsAsCommand(_ line: String) -> Bool {
        let scalars = line.unicodeScalars.drop { $0.properties.isWhitespace }
        return scalars.starts(with: "::".unicodeScalars)
            || Array(line.unicodeScalars).firstRange(of: Array("##[".unicodeScalars)) != nil
    }

    /// The token of gen's `::stop-commands::<token>` line: 32 hexadecimal digits.
    private static func stopToken(_ line: String) -> String? {
        let prefix = "::stop-commands::"
        guard line.hasPrefix(prefix) else { return nil }
        let token = String(line.dropFirst(prefix.count))
        guard token.utf8.count == 32,
            token.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return token
    }

    /// One of gen's annotations: `::error|warning|notice key=value,…::message` with only the
    /// properties gen writes, each escaped (no raw `:`), and gen's title.
    private static func annotation(_ line: String, sourceLocation: SourceLocation) -> Annotation? {
        let scalars = Array(line.unicodeScalars)
        let separator = Array("::".unicodeScalars)
        guard scalars.starts(with: separator),
            let end = scalars[2...].firstRange(of: separator)
        else { return nil }
        let info = String(String.UnicodeScalarView(scalars[2..<end.lowerBound]))
        let message = String(String.UnicodeScalarView(scalars[end.upperBound...]))
        let parts = info.split(separator: " ", maxSplits: 1)
        guard let command = parts.first.map(String.init), ["error", "warning", "notice"].contains(command),
            parts.count == 2
        else { return nil }
        var properties: [String: String] = [:]
        for property in parts[1].split(separator: ",") {
            let pair = property.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, ["file", "line", "endLine", "col", "title"].contains(String(pair[0])),
                !pair[1].contains(":"), properties[String(pair[0])] == nil
            else { return nil }
            properties[String(pair[0])] = unescape(String(pair[1]), ["%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","])
        }
        guard let title = properties["title"], ["gen", "gen --check"].contains(title) else { return nil }
        for number in ["line", "endLine", "col"] {
            if let value = properties[number], Int(value) == nil { return nil }
        }
        let text = unescape(message, ["%0D": "\r", "%0A": "\n"])
        #expect(
            !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }, "an annotation's message is one line: \(line)",
            sourceLocation: sourceLocation)
        return Annotation(command: command, properties: properties, message: text, line: line)
    }

    /// The runner's unescaping: each mapping in turn, `%25` last.
    private static func unescape(_ text: String, _ mappings: KeyValuePairs<String, String>) -> String {
        var text = text
        for (escaped, character) in mappings { text = text.replacing(escaped, with: character) }
        return text.replacing("%25", with: "%")
    }
}

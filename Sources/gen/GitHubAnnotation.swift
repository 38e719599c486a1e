import ArgumentParser
import Foundation
import SampleModel

/// How `gen` reports problems besides its plain lines: `--format github` adds GitHub Actions
/// workflow commands (`::error file=guide.md,line=40::…`), which the Actions log turns into
/// annotations on the pull request's files.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case plain
    case github
}

/// One GitHub Actions annotation, printed on stdout where the runner reads workflow commands.
struct GitHubAnnotation: Equatable {
    var severity: Diagnostic.Severity
    var file: String?
    var line: Int?
    var endLine: Int?
    var column: Int?
    var title: String
    var message: String

    /// `::error file=…,line=…,title=…::message`, every value escaped as the runner expects; the
    /// message and title as gen prints them on stderr too (`PrintedLine`), so a gen.yml key with
    /// a line break shows as `\n`. The file is the path itself, for GitHub to find it.
    var command: String {
        var properties: [String] = []
        if let file { properties.append("file=" + Self.escapedProperty(file)) }
        if let line { properties.append("line=\(line)") }
        if let endLine { properties.append("endLine=\(endLine)") }
        if let column { properties.append("col=\(column)") }
        properties.append("title=" + Self.escapedProperty(PrintedLine.escaped(title)))
        let command = severity == .note ? "notice" : severity.rawValue
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapedData(PrintedLine.escaped(message)))"
    }

    /// An annotation for a diagnostic; one about a command-line option has no file.
    init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity
        let location = diagnostic.location
        file = location?.isOption == false ? location?.path : nil
        line = file == nil ? nil : location?.line
        column = file == nil ? nil : location?.column
        title = "gen"
        message = location?.isOption == true ? "\(location!.path): \(diagnostic.text)" : diagnostic.text
    }

    init(
        severity: Diagnostic.Severity, file: String?, line: Int?, endLine: Int? = nil, title: String, message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.endLine = endLine
        self.title = title
        self.message = message
    }

    /// One annotation per hunk of a guide's `--check` diff, on the lines of the guide as it is.
    /// Lines end at LF alone: a CRLF guide's line is no one Character with the next.
    static func outOfDate(path: String, diff: String) -> [GitHubAnnotation] {
        diff.utf8.split(separator: 0x0A).compactMap { bytes -> GitHubAnnotation? in
            // "@@ -start,count +start,count @@"; a count of 0 is an insertion after `start`.
            let line = Substring(bytes)
            guard line.hasPrefix("@@ -"), let old = line.dropFirst(4).split(separator: " ").first else { return nil }
            let parts = old.split(separator: ",")
            guard let start = Int(parts[0]) else { return nil }
            let count = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
            let first = max(1, start)
            return GitHubAnnotation(
                severity: .error, file: path, line: first, endLine: max(first, start + count - 1),
                title: "gen --check", message: "out of date here; run gen to regenerate the guide")
        }
    }

    /// Message text: `%`, CR and LF are escaped.
    static func escapedData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value: also `:` and `,`, which separate properties.
    static func escapedProperty(_ text: String) -> String {
        escapedData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

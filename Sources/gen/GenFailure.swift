import ArgumentParser
import Foundation
import SampleModel

/// Why a command stopped: a diagnostic from any stage, several (a guide's blocks edited by
/// hand), or a run's summary line. Printed on stderr by `reported`, the one place `gen` prints
/// failures, one line each (`PrintedLine`); exit status 64 for a mistake on the command line,
/// 1 otherwise.
struct GenFailure: Error, CustomStringConvertible {
    private enum Content {
        case diagnostic(Diagnostic)
        case diagnostics([Diagnostic])
        case summary(String)
    }

    private let content: Content
    /// Whether its GitHub annotations were printed already (by the batch's reporter).
    var isAnnotated = false

    /// A summary of a run (`2 of 3 guides out of date; …`), printed as it is.
    init(_ summary: String) {
        content = .summary(summary)
    }

    init(_ diagnostic: Diagnostic) {
        content = .diagnostic(diagnostic)
    }

    /// Several diagnostics, printed one a line.
    init(_ diagnostics: [Diagnostic]) {
        content = diagnostics.count == 1 ? .diagnostic(diagnostics[0]) : .diagnostics(diagnostics)
    }

    /// The diagnostic, when the failure is one (not a run's summary line).
    var diagnostic: Diagnostic? {
        if case .diagnostic(let diagnostic) = content { return diagnostic }
        return nil
    }

    var description: String {
        lines.joined(separator: "\n")
    }

    /// The lines `reported` prints, before `PrintedLine` escapes them.
    var lines: [String] {
        switch content {
        case .diagnostic(let diagnostic): [diagnostic.description]
        case .diagnostics(let diagnostics): diagnostics.map(\.description)
        case .summary(let text): [text]
        }
    }

    /// A mistake in a command-line option's value: a usage error.
    var isUsageError: Bool {
        if case .diagnostic(let diagnostic) = content { return diagnostic.location?.isOption == true }
        return false
    }

    /// Runs a command's work; a failure is printed as its one line on stderr and ends the
    /// command with exit status 1, or 64 for a mistake on the command line.
    static func reported(_ work: () throws(GenFailure) -> Void) throws {
        do {
            try work()
        } catch {
            for line in error.lines { print(line) }
            throw error.isUsageError ? ExitCode.validationFailure : ExitCode.failure
        }
    }

    /// Prints a diagnostic, or any line, on stderr, escaped: a line break in it prints as `\n`,
    /// and nothing in it reads as a GitHub Actions workflow command (`PrintedLine`).
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((PrintedLine.escaped(line) + "\n").utf8))
    }

    /// `path: error: message`, for problems with a file as a whole.
    static func file(_ path: String, _ message: String) -> GenFailure {
        GenFailure(.error(message, at: Diagnostic.Location(path: path)))
    }
}

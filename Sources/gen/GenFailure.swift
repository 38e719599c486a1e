import ArgumentParser
import Foundation
import SampleModel

/// Why a command stopped: the diagnostics it stops with — one from any stage, or several (a
/// guide's blocks edited by hand). Every failure is a `Diagnostic`, a run's summary too
/// (`error: 2 of 3 guides out of date; …`), so every line `gen` prints as a failure has the
/// one form `Diagnostic.description` gives it. Printed on stderr by `reported`, the one place
/// `gen` prints failures, one line each (`PrintedLine`); exit status 64 for a mistake on the
/// command line, 1 otherwise.
struct GenFailure: Error, CustomStringConvertible {
    let diagnostics: [Diagnostic]
    /// Whether its GitHub annotations were printed already (by the batch's reporter).
    var isAnnotated = false

    /// `annotated`: its GitHub annotations were printed already (a summary of out-of-date guides,
    /// each annotated with its diff).
    init(_ diagnostic: Diagnostic, annotated: Bool = false) {
        diagnostics = [diagnostic]
        isAnnotated = annotated
    }

    /// Several diagnostics, printed one a line.
    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    var description: String {
        lines.joined(separator: "\n")
    }

    /// The lines `reported` prints, before `PrintedLine` escapes them.
    var lines: [String] {
        diagnostics.map(\.description)
    }

    /// A mistake in a command-line option's value: a usage error.
    var isUsageError: Bool {
        diagnostics.count == 1 && diagnostics[0].location?.isOption == true
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

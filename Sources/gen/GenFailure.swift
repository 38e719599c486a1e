import ArgumentParser
import Foundation
import GuideDocument
import GuideFilling

/// A failure the command reports as one line and exit status 1.
struct GenFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    init(_ error: FillError) {
        description = error.description
    }

    /// A failure to fill the guide at `path`; guide errors are placed in that file.
    init(_ error: FillError, path: String) {
        guard case .guide(let guideError) = error else {
            self.init(error)
            return
        }
        self.init(guideError, path: path)
    }

    /// A guide error placed in the guide's file.
    init(_ error: GuideError, path: String) {
        var located = error
        located.path = path
        description = located.description
    }

    /// Runs a command's work; a failure is printed as its one line on stderr and ends the
    /// command with exit status 1.
    static func reported(_ work: () throws(GenFailure) -> Void) throws {
        do {
            try work()
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// `path: error: message`, for problems with a file as a whole.
    static func file(_ path: String, _ message: String) -> GenFailure {
        GenFailure("\(path): error: \(message)")
    }
}

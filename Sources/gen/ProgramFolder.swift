import Foundation
import Generator
import GuideFilling
import SampleRendering

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder of complete programs a guide links to, on disk: checked with the guide
/// (`--check`), written with it (before the guide is renamed into place, so a guide never links
/// to a program that is not there). Like `gen export`'s folders, only a folder gen wrote is ever
/// replaced; a language's folder is rewritten only when what it holds differs.
enum ProgramFolder {
    /// One file that is not as the run would write it.
    struct Difference {
        let path: String
        let old: [UInt8]
        let new: [UInt8]
    }

    /// The files of `programs` that differ from disk (missing ones read as empty), in path order.
    static func differences(_ programs: CompletePrograms) -> [Difference] {
        var differences: [Difference] = []
        for folder in programs.folders {
            let directory = "\(programs.directory)/\(folder.language.rawValue)"
            for (name, text) in folder.files.sorted(by: { $0.key < $1.key }) {
                let path = "\(directory)/\(name)"
                let old = (try? Workspace.readBytes(path, limit: 1 << 24)) ?? []
                let new = Array(text.utf8)
                if old != new { differences.append(Difference(path: path, old: old, new: new)) }
            }
        }
        return differences
    }

    /// Fails, before anything is written, unless every folder the run would replace is gen's.
    static func checkWritable(_ programs: CompletePrograms) throws(GenFailure) {
        // gen has no --out or --force for this folder: gen.yml names it.
        let advice =
            "it is gen.yml's complete_programs: folder; name another folder there, or complete_programs: \"\" for none"
        try OutputFolder.checkReplaceable(programs.directory, force: false, advice: advice)
        for folder in programs.folders {
            try OutputFolder.checkReplaceable(
                "\(programs.directory)/\(folder.language.rawValue)", force: false, advice: advice)
        }
    }

    /// Writes each language's folder that differs; says nothing when none does. Returns whether
    /// anything was written.
    @discardableResult
    static func write(_ programs: CompletePrograms) throws(GenFailure) -> Bool {
        let stale = Set(differences(programs).map { AtomicFile.directory(of: $0.path) })
        guard !stale.isEmpty else { return false }
        try checkWritable(programs)
        try Workspace.createDirectory(programs.directory)
        try OutputFolder.mark(programs.directory)
        for folder in programs.folders {
            let directory = "\(programs.directory)/\(folder.language.rawValue)"
            if stale.contains(directory) {
                try Workspace.writeFolder(directory, files: folder.files)
            }
        }
        return true
    }
}

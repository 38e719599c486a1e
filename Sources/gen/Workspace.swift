import Foundation
import Generator

/// Files `gen` writes (folders, staged and renamed into place), and the few it reads itself
/// (the site's assets); the pipeline reads the configuration, the templates and the guides.
enum Workspace {
    /// A regular file's bytes (`FileBytes.read`: FIFOs and folders refused, `limit` kept).
    static func readBytes(_ path: String, limit: Int? = nil) throws(GenFailure) -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: limit)
        } catch {
            throw GenFailure(error)
        }
    }

    /// Replaces `directory` with a folder holding exactly `files` and gen's mark, written beside
    /// it first and renamed into place, so a failed export never leaves a half-written folder.
    /// The caller has checked (`OutputFolder`) that an existing `directory` may be replaced.
    static func writeFolder(_ directory: String, files: [String: String]) throws(GenFailure) {
        let parent = AtomicFile.directory(of: directory)
        let name = directory.split(separator: "/").last.map(String.init) ?? directory
        let staging = "\(parent)/.\(name).gen-\(getpid())"
        let retired = "\(parent)/.\(name).gen-old-\(getpid())"
        // Left by an earlier gen that had this process ID and was killed outright.
        PendingFiles.shared.removeFolder(staging)
        PendingFiles.shared.removeFolder(retired)
        do throws(GenFailure) {
            guard PendingFiles.shared.makeFolder(staging) else {
                throw .file(directory, "cannot be written: \(AtomicFile.errorText())")
            }
            for (name, text) in files.sorted(by: { $0.key < $1.key }) + [
                (OutputFolder.markerName, OutputFolder.markerText)
            ] {
                // A file in a subfolder (`concise/token_manager.py`): the subfolder first, new.
                if let slash = name.lastIndex(of: "/") {
                    let subfolder = "\(staging)/\(name[..<slash])"
                    var status = stat()
                    if lstat(subfolder, &status) != 0, !PendingFiles.shared.makeFolder(subfolder, pending: false) {
                        throw .file(directory, "cannot be written: \(AtomicFile.errorText())")
                    }
                }
                try writeNewFile("\(staging)/\(name)", Array(text.utf8), reported: directory)
            }
            #if DEBUG
                TestHooks.beforeRename(temporary: staging)
            #endif
            let failure = PendingFiles.shared.replaceFolder(directory, with: staging, retiring: retired)
            guard failure == 0 else {
                errno = failure
                throw .file(directory, "cannot be replaced: \(AtomicFile.errorText())")
            }
            PendingFiles.shared.removeFolder(retired)
        } catch {
            PendingFiles.shared.removeFolder(staging)
            throw error
        }
    }

    /// Creates `path` and the folders above it that are missing. The folders it makes are
    /// removed if a signal ends `gen` before the command calls `PendingFiles.shared.keepFolders()`.
    static func createDirectory(_ path: String) throws(GenFailure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/\(component)"
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw .file(path, "cannot be created: \(prefix) is a file, not a folder")
                }
                continue
            }
            guard PendingFiles.shared.makeFolder(prefix) || errno == EEXIST else {
                throw .file(path, "cannot be created: \(AtomicFile.errorText())")
            }
        }
    }

    private static func writeNewFile(_ path: String, _ bytes: [UInt8], reported: String) throws(GenFailure) {
        let descriptor = PendingFiles.shared.createFile(path)
        guard descriptor >= 0 else { throw .file(reported, "cannot be written: \(AtomicFile.errorText())") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { POSIX.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { throw .file(reported, "cannot be written: \(AtomicFile.errorText())") }
            written += result
        }
    }
}

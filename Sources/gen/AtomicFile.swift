#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents all at once: a temporary file beside it is written, flushed to
/// disk and renamed over it. Readers, a crash or a second `gen` see the old file or the new
/// one, never a mix; the file's permission bits are kept.
enum AtomicFile {
    static func replace(_ path: String, with bytes: [UInt8]) throws(GenFailure) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .file(path, "cannot be read: \(errorText())") }
        try write(path, bytes, mode: status.st_mode & 0o7777)
    }

    /// Writes a file that may not exist yet (mode 0644), or replaces one keeping its mode.
    static func write(_ path: String, _ bytes: [UInt8]) throws(GenFailure) {
        var status = stat()
        try write(path, bytes, mode: stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644)
    }

    private static func write(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(GenFailure) {
        let directory = Self.directory(of: path)
        var template = Array("\(directory)/.\(Self.fileName(of: path)).gen-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .file(path, "cannot be written: no temporary file can be made in \(directory) (\(errorText())); the guide is unchanged")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        do throws(GenFailure) {
            try Self.writeAll(bytes, to: descriptor, path: path)
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
                throw GenFailure.file(path, "cannot be written: \(errorText()); the guide is unchanged")
            }
        } catch {
            close(descriptor)
            throw error
        }
        close(descriptor)
        SimulatedCrash.pointBeforeRename()
        guard rename(temporary, path) == 0 else {
            throw .file(path, "cannot be replaced: \(errorText()); the guide is unchanged")
        }
        renamed = true
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(GenFailure) {
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .file(path, "cannot be written: \(errorText()); the guide is unchanged")
            }
            written += result
        }
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// A test hook: with `GEN_TEST_CRASH_BEFORE_RENAME=1` in the environment, `gen` stops dead after
/// writing the temporary file and before renaming it, as a crash or power loss would.
enum SimulatedCrash {
    static func pointBeforeRename() {
        if getenv("GEN_TEST_CRASH_BEFORE_RENAME") != nil {
            kill(getpid(), SIGKILL)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creates a file that must not exist yet, all at once: a temporary file beside it is written,
/// flushed, then linked to its name, which fails if anything has taken the name meanwhile (a
/// file, a folder, a symbolic link, even one to nothing: a link at the name is never followed).
/// So a second `gen init`, or an editor saving gen.yml at the same moment, is never overwritten,
/// and a reader sees no file or the whole of it. An interrupting signal removes the temporary
/// file (`PendingFiles`).
enum NewFile {
    /// Writes `bytes` as `path` (mode 0644): true, or false when something is at `path` already
    /// (nothing is then written).
    static func create(_ path: String, _ bytes: [UInt8]) throws(GenFailure) -> Bool {
        let directory = AtomicFile.directory(of: path)
        let (descriptor, temporary) = PendingFiles.shared.makeTemporaryFile(in: directory)
        guard descriptor >= 0 else {
            throw .file(
                path, "cannot be written: no temporary file can be made in \(directory) (\(AtomicFile.errorText()))")
        }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { POSIX.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { return try fail(path, descriptor, temporary) }
            written += result
        }
        guard fchmod(descriptor, 0o644) == 0, fsync(descriptor) == 0 else {
            return try fail(path, descriptor, temporary)
        }
        close(descriptor)
        #if DEBUG
            TestHooks.beforeRename(temporary: temporary)
        #endif
        defer { PendingFiles.shared.remove(temporary) }
        if link(temporary, path) != 0 {
            switch errno {
            case EEXIST: return false
            case EPERM, EOPNOTSUPP, EXDEV, EMLINK:
                // A file system without hard links: the name is checked, then the file renamed to it.
                var status = stat()
                guard lstat(path, &status) != 0 else { return false }
                let failure = PendingFiles.shared.rename(temporary, to: path)
                guard failure == 0 else {
                    errno = failure
                    throw .file(path, "cannot be written: \(AtomicFile.errorText())")
                }
            default:
                throw .file(path, "cannot be written: \(AtomicFile.errorText())")
            }
        }
        let folder = open(directory, O_RDONLY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
        return true
    }

    private static func fail(_ path: String, _ descriptor: Int32, _ temporary: String) throws(GenFailure) -> Bool {
        let failure = errno
        close(descriptor)
        PendingFiles.shared.remove(temporary)
        errno = failure
        throw .file(path, "cannot be written: \(AtomicFile.errorText())")
    }
}

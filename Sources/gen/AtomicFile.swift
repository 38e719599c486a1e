#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file's contents all at once: a temporary file beside it is written, flushed to
/// disk and renamed over it. Readers, a crash or a second `gen` see the old file or the new
/// one, never a mix.
///
/// A symbolic link is followed: the file it points to is replaced (the temporary file is made
/// beside that file) and the link stays a link. The file's permission bits are kept, and so are
/// its owner and group when `gen` runs as root. A file with other hard links becomes a file of
/// its own: the other names keep the old text. A read-only file, or anything that is not a
/// regular file, is refused.
enum AtomicFile {
    /// Writes a file that may not exist yet (mode 0644), or replaces one as described above.
    static func write(_ path: String, _ bytes: [UInt8]) throws(GenFailure) {
        try prepare(path, bytes, mustExist: false).commit()
    }

    /// Writes `bytes` to a complete, flushed temporary file beside the file `path` names;
    /// `commit()` renames it into place, `discard()` removes it. Until one of them runs, an
    /// interrupting signal removes it (`PendingFiles`).
    static func prepare(_ path: String, _ bytes: [UInt8], mustExist: Bool) throws(GenFailure) -> PreparedFile {
        let target = try Target(path, mustExist: mustExist)
        let directory = Self.directory(of: target.path)
        // Short, whatever the file's name: a name near the file system's limit still fits.
        let (descriptor, temporary) = PendingFiles.shared.makeTemporaryFile(in: directory)
        guard descriptor >= 0 else {
            throw .file(
                path,
                "cannot be written: no temporary file can be made in \(directory) (\(errorText())); \(target.unchanged)"
            )
        }
        var written: FileState?
        do throws(GenFailure) {
            try Self.writeAll(bytes, to: descriptor, path: path, unchanged: target.unchanged)
            guard fchmod(descriptor, target.mode) == 0 else {
                throw GenFailure.file(path, "cannot be written: \(errorText()); \(target.unchanged)")
            }
            if let owner = target.owner, geteuid() == 0, fchown(descriptor, owner.user, owner.group) != 0 {
                throw GenFailure.file(path, "cannot keep its owner and group: \(errorText()); \(target.unchanged)")
            }
            guard fsync(descriptor) == 0 else {
                throw GenFailure.file(path, "cannot be written: \(errorText()); \(target.unchanged)")
            }
            written = FileState(descriptor: descriptor)
        } catch {
            close(descriptor)
            PendingFiles.shared.remove(temporary)
            throw error
        }
        close(descriptor)
        return PreparedFile(
            path: path, target: target.path, temporary: temporary, unchanged: target.unchanged, written: written)
    }

    /// The file a path names, checked before anything is written.
    private struct Target {
        let path: String
        let mode: mode_t
        let owner: (user: uid_t, group: gid_t)?
        let unchanged: String

        init(_ path: String, mustExist: Bool) throws(GenFailure) {
            unchanged = mustExist ? "the guide is unchanged" : "the file is unchanged"
            var status = stat()
            guard lstat(path, &status) == 0 else {
                if errno == ENOENT, !mustExist {
                    (self.path, mode, owner) = (path, 0o644, nil)
                    return
                }
                throw .file(path, errno == ENOENT ? "does not exist" : "cannot be read: \(errorText())")
            }
            var resolved = path
            if status.st_mode & S_IFMT == S_IFLNK {
                // Write the file the link points to, beside it, so the link stays a link.
                guard let real = realpath(path, nil) else {
                    throw .file(
                        path, "is a symbolic link to a file that cannot be reached (\(errorText())); \(unchanged)")
                }
                resolved = String(cString: real)
                free(real)
                guard stat(resolved, &status) == 0 else { throw .file(path, "cannot be read: \(errorText())") }
            }
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw .file(path, "is not a regular file; gen writes only regular files")
            }
            guard status.st_mode & 0o222 != 0 else {
                throw .file(
                    path,
                    "is read-only (mode \(String(status.st_mode & 0o7777, radix: 8))); make it writable (chmod u+w) for gen to write it; \(unchanged)"
                )
            }
            (self.path, mode, owner) = (resolved, status.st_mode & 0o7777, (status.st_uid, status.st_gid))
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String, unchanged: String)
        throws(GenFailure)
    {
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { POSIX.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .file(path, "cannot be written: \(errorText()); \(unchanged)")
            }
            written += result
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// A temporary file, complete and flushed, waiting to be renamed over its target.
struct PreparedFile: Sendable {
    /// The path as the user gave it, for messages.
    let path: String
    /// The file that is replaced (a symbolic link resolved).
    let target: String
    let temporary: String
    let unchanged: String
    /// The file as written (a rename keeps its inode, size and time): `--watch` knows its own write.
    let written: FileState?

    func commit() throws(GenFailure) {
        #if DEBUG
            TestHooks.beforeRename(temporary: temporary)
        #endif
        let failure = PendingFiles.shared.rename(temporary, to: target)
        guard failure == 0 else {
            errno = failure
            throw .file(path, "cannot be replaced: \(AtomicFile.errorText()); \(unchanged)")
        }
        if let written { WatchRecord.shared.wrote([path, target], as: written) }
        let directoryDescriptor = open(AtomicFile.directory(of: target), O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    func discard() {
        PendingFiles.shared.remove(temporary)
    }
}

#if DEBUG
    /// Test hooks, compiled into debug builds only (`swift test` builds debug; `make gen` builds
    /// release, which has none of them).
    /// - `GEN_TEST_CRASH_BEFORE_RENAME=1`: `gen` stops dead after writing the temporary file and
    ///   before renaming it, as a crash or power loss would.
    /// - `GEN_TEST_PAUSE_BEFORE_RENAME=1`: `gen` waits there (up to a minute), so a test can send it
    ///   a signal while a temporary file exists.
    enum TestHooks {
        static func beforeRename(temporary: String) {
            if getenv("GEN_TEST_CRASH_BEFORE_RENAME") != nil {
                kill(getpid(), SIGKILL)
            }
            if getenv("GEN_TEST_PAUSE_BEFORE_RENAME") != nil {
                sleep(60)
            }
        }
    }
#endif

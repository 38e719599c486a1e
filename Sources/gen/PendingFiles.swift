import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files and folders `gen` is writing, removed when SIGINT, SIGTERM or SIGHUP
/// ends it: a staging folder, the old copy of a folder being replaced, a folder this run made.
///
/// The three signals are blocked in every thread from the start (`installSignalHandling`, before
/// any other thread exists) and taken by one thread with `sigwait`, so no handler runs inside a
/// write. That thread removes everything still pending, under the same lock that creating and
/// renaming take (files in a staging folder are created under it too, so none appears after the
/// removal), then ends `gen` with the signal's default action.
final class PendingFiles: Sendable {
    static let shared = PendingFiles()
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    private struct Pending {
        var files: Set<String> = []
        /// Removed whole on a signal.
        var folders: Set<String> = []
    }

    private let pending = Mutex(Pending())

    /// Call first thing in `main`, before any thread is started.
    static func installSignalHandling() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
        var thread = pthread_t()
        pthread_create(
            &thread, nil,
            { _ in
                var set = PendingFiles.signalSet()
                var signal: Int32 = 0
                while sigwait(&set, &signal) != 0 {}
                PendingFiles.shared.removeAllAndEnd(signal)
                return nil
            }, nil)
    }

    /// Makes a temporary file `.gen-XXXXXX` in `directory`: its descriptor and path, or -1
    /// with `errno` set.
    func makeTemporaryFile(in directory: String) -> (Int32, String) {
        pending.withLock { pending in
            var template = Array("\(directory)/.gen-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            let path = String(
                decoding: template.prefix { $0 != 0 }.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
            if descriptor >= 0 { pending.files.insert(path) }
            return (descriptor, path)
        }
    }

    /// Makes a folder that is removed, with what is in it, if a signal ends `gen` before
    /// `keepFolders` or `removeFolder` (`pending: false` for a folder inside a pending one):
    /// true, or false with `errno` set.
    func makeFolder(_ path: String, pending isPending: Bool = true) -> Bool {
        pending.withLock { pending in
            guard mkdir(path, 0o755) == 0 else { return false }
            if isPending { pending.folders.insert(path) }
            return true
        }
    }

    /// Creates a new file (never an existing one) inside a pending folder: a descriptor, or -1
    /// with `errno` set. Under the lock, so no file appears in a folder the signal's thread removed.
    func createFile(_ path: String, mode: mode_t = 0o644) -> Int32 {
        pending.withLock { _ in open(path, O_WRONLY | O_CREAT | O_EXCL, mode) }
    }

    /// Puts the pending folder `staging` in `directory`'s place; an existing `directory` is
    /// renamed to `retired` first and stays pending until `removeFolder`. Both renames happen
    /// under the lock, so a signal never finds `directory` missing: 0, or the failed rename's
    /// `errno` (then nothing has moved).
    func replaceFolder(_ directory: String, with staging: String, retiring retired: String) -> Int32 {
        pending.withLock { pending in
            var status = stat()
            let exists = lstat(directory, &status) == 0
            if exists {
                guard POSIX.rename(directory, retired) == 0 else { return errno }
                pending.folders.insert(retired)
            }
            guard POSIX.rename(staging, directory) == 0 else {
                let failure = errno
                if exists, POSIX.rename(retired, directory) == 0 { pending.folders.remove(retired) }
                return failure
            }
            pending.folders.remove(staging)
            return 0
        }
    }

    /// Removes a pending folder and what is in it, ignoring failures.
    func removeFolder(_ path: String) {
        pending.withLock { pending in
            pending.folders.remove(path)
            Self.removeTree(path)
        }
    }

    /// The folders this run made stay when a signal comes now: the run has put its files in place.
    func keepFolders() {
        pending.withLock { $0.folders.removeAll() }
    }

    private static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Renames a pending file into place: 0, or the `errno` of a failed rename (the temporary
    /// file is then removed).
    func rename(_ temporary: String, to target: String) -> Int32 {
        pending.withLock { pending in
            pending.files.remove(temporary)
            guard POSIX.rename(temporary, target) == 0 else {
                let failure = errno
                unlink(temporary)
                return failure
            }
            return 0
        }
    }

    func remove(_ temporary: String) {
        pending.withLock { pending in
            pending.files.remove(temporary)
            unlink(temporary)
        }
    }

    /// A line to print when SIGINT ends `gen`, which then exits with status 0: for `--watch`,
    /// where Ctrl-C is how a writer stops it, not a failure.
    private let interruptMessage = Mutex<String?>(nil)

    func endQuietlyOnInterrupt(saying message: String) {
        interruptMessage.withLock { $0 = message }
    }

    /// Never returns: the lock stays held, so no file is created or renamed after the signal.
    private func removeAllAndEnd(_ signal: Int32) {
        pending.withLock { pending in
            for path in pending.files { unlink(path) }
            for path in pending.folders { Self.removeTree(path) }
            if signal == SIGINT, let message = interruptMessage.withLock({ $0 }) {
                let line = Array("\n\(message)\n".utf8)
                _ = line.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                _exit(0)
            }
            POSIX.resetSignal(signal)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signal)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(signal)
            _exit(128 + signal)
        }
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }
}

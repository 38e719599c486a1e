import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files `gen` is writing, removed when SIGINT, SIGTERM or SIGHUP ends it.
///
/// The three signals are blocked in every thread from the start (`installSignalHandling`, before
/// any other thread exists) and taken by one thread with `sigwait`, so no handler runs inside a
/// write. That thread removes every temporary file still pending, under the same lock that
/// creating and renaming one take, then ends `gen` with the signal's default action.
final class PendingFiles: Sendable {
    static let shared = PendingFiles()
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    private let files = Mutex<Set<String>>([])

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
        files.withLock { files in
            var template = Array("\(directory)/.gen-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            let path = String(
                decoding: template.prefix { $0 != 0 }.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
            if descriptor >= 0 { files.insert(path) }
            return (descriptor, path)
        }
    }

    /// Renames a pending file into place: 0, or the `errno` of a failed rename (the temporary
    /// file is then removed).
    func rename(_ temporary: String, to target: String) -> Int32 {
        files.withLock { files in
            files.remove(temporary)
            guard POSIX.rename(temporary, target) == 0 else {
                let failure = errno
                unlink(temporary)
                return failure
            }
            return 0
        }
    }

    func remove(_ temporary: String) {
        files.withLock { files in
            files.remove(temporary)
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
        files.withLock { files in
            for path in files { unlink(path) }
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

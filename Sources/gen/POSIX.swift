#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls whose names `gen`'s own types reuse (`AtomicFile.write`, `PendingFiles.rename`),
/// reachable under names of their own whatever the C library (Glibc, Musl or Darwin).
enum POSIX {
    static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        posixWrite(descriptor, buffer, count)
    }

    static func rename(_ old: String, _ new: String) -> Int32 {
        posixRename(old, new)
    }

    /// Restores a signal's default action.
    static func resetSignal(_ signal: Int32) {
        posixResetSignal(signal)
    }
}

private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func posixRename(_ old: String, _ new: String) -> Int32 {
    rename(old, new)
}

private func posixResetSignal(_ number: Int32) {
    _ = signal(number, SIG_DFL)
}

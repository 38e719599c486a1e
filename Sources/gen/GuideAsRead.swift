import Generator

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A guide as a run read it, so that the run replaces it only if it is still that guide, and
/// finished.
///
/// Renaming the filled guide over a file another program is still writing loses that program's
/// remaining bytes: they go to the replaced file (an in-place save paused on a slow mount,
/// `rsync --inplace`). So a guide open for writing by another program is neither read nor
/// replaced (Linux tells through a read lease, which the kernel refuses while any process has
/// the file open for writing; gen holds it across the rename, so no writer opens the guide in
/// between; one that opens it then waits for the rename and writes to the replaced file, whose
/// bytes gen then puts back), and a guide whose inode, size, modification time or bytes changed
/// between the read
/// and the rename is left as it is. Where leases cannot tell (a file system without them, a
/// file of another user), a watch leaves as it is, until it changes again, a guide that lost
/// groups or code sections since gen last filled it, or now ends inside a code block: it may be
/// half-written.
struct GuideAsRead: Sendable {
    let path: String
    /// The file before it was read.
    let version: FileState?
    private(set) var original: [UInt8] = []
    /// Its shape as read and as filled, kept only in a watch where leases cannot tell.
    private(set) var structure: GuideStructure?
    private(set) var filledStructure: GuideStructure?

    /// Before reading the guide at `path`: fails, when `refusingWriters` (a run that may write
    /// it), if another program has it open for writing.
    static func start(_ path: String, refusingWriters: Bool) throws(GenFailure) -> GuideAsRead {
        let lease = Lease(path)
        lease.release()
        if refusingWriters, lease.isRefused { throw busy(path) }
        var reading = GuideAsRead(path: path, version: FileState(path: path))
        reading.leasesTell = lease.isGranted || lease.isRefused
        return reading
    }

    /// Whether a lease could be asked for the guide: then its shape is not needed.
    private var leasesTell = false

    /// The guide as `plan` read and filled it. A guide found current is remembered as filled.
    func read(_ plan: GuidePlan) -> GuideAsRead {
        var read = self
        read.original = plan.original
        guard !leasesTell, WatchRecord.shared.isWatching else { return read }
        read.structure = GuideStructure(read: plan)
        read.filledStructure = GuideStructure(filled: plan)
        if plan.isCurrent, plan.handEdits.isEmpty, let filled = read.filledStructure {
            WatchRecord.shared.filled(path, structure: filled)
        }
        return read
    }

    /// Renames `file` over the guide if the guide is as it was read and no other program has it
    /// open for writing; otherwise removes `file` and fails, naming why.
    func replace(with file: PreparedFile) throws(GenFailure) {
        #if DEBUG
            GuideAsReadHooks.beforeReplacing(path)
        #endif
        let lease = Lease(file.target)
        defer { lease.release() }
        if lease.isRefused {
            file.discard()
            throw Self.busy(path)
        }
        // Without a lease, whether a program is still writing the guide cannot be told: its shape can.
        if !lease.isGranted, let structure,
            let shrinkage = WatchRecord.shared.shrinkage(of: path, version: version, structure: structure)
        {
            file.discard()
            throw GenFailure.file(
                path,
                "now has \(shrinkage) it had when gen last filled it, so it may be half-written; gen left it as it is until it changes again (if the change is yours, save it once more)"
            )
        }
        guard let version, FileState(path: file.target) == version,
            (try? FileBytes.read(file.target)) == original
        else {
            file.discard()
            throw GenFailure.file(
                path,
                "changed while gen was filling it; gen left it as it is"
                    + (WatchRecord.shared.isWatching ? " and fills it again once it is still" : "; run gen again"))
        }
        #if DEBUG
            GuideAsReadHooks.holdingLease(path)
        #endif
        try file.commit()
        if lease.isBroken { try putBack(from: lease) }
        if let filledStructure { WatchRecord.shared.filled(path, structure: filledStructure) }
    }

    /// A program opened the guide for writing while gen held the lease: the kernel made it wait,
    /// and it now writes to the file gen just replaced. Once it has closed that file, what it
    /// holds goes back in the guide's place, and the guide is filled again (a watch runs again
    /// at once; plain gen fails, asking for another run).
    private func putBack(from lease: Lease) throws(GenFailure) {
        let written = lease.contentsOnceClosed()
        WatchRecord.shared.foundBusy(path)
        guard let written else {
            throw GenFailure.file(
                path,
                "was opened for writing by another program as gen replaced it, and is still open; what that program writes goes to the file gen replaced: save it again"
            )
        }
        try AtomicFile.write(path, written)
        throw GenFailure.file(
            path,
            "was opened for writing by another program as gen replaced it; gen put back what that program wrote"
                + (WatchRecord.shared.isWatching ? " and fills it again" : "; run gen again"))
    }

    private static func busy(_ path: String) -> GenFailure {
        WatchRecord.shared.foundBusy(path)
        return GenFailure.file(
            path,
            "is open for writing by another program, which may not have finished saving it; gen left it as it is"
                + (WatchRecord.shared.isWatching
                    ? " and fills it once it is closed" : "; run gen again once it is saved"))
    }

    /// Whether another program has the file at `path` open for writing (false when that cannot
    /// be told: not Linux, a file system without leases, a file gen does not own).
    static func isOpenForWriting(_ path: String) -> Bool {
        let lease = Lease(path)
        lease.release()
        return lease.isRefused
    }
}

/// A read lease on a file (Linux `F_SETLEASE`): granted only while no process has the file open
/// for writing, and while held, a program opening it for writing waits (up to
/// `/proc/sys/fs/lease-break-time`) until it is released.
private struct Lease {
    private var descriptor: Int32 = -1
    /// The kernel refused the lease: the file is open for writing.
    private(set) var isRefused = false
    /// The kernel granted it: no process has the file open for writing. Neither granted nor
    /// refused: leases cannot tell (not Linux, a file system without them, a file of another user).
    var isGranted: Bool { descriptor >= 0 }

    #if os(Linux)
        // F_SETLEASE and F_GETLEASE (F_LINUX_SPECIFIC_BASE + 0 and + 1), not in Swift's Glibc.
        private static let setLease: Int32 = 1024
        private static let getLease: Int32 = 1025
        /// A lease holder is sent SIGIO when a writer opens the file; its default action ends gen.
        private static let ignoreLeaseBreaks: Void = { _ = signal(SIGIO, SIG_IGN) }()
    #endif

    init(_ path: String) {
        #if DEBUG
            guard !GuideAsReadHooks.withoutLeases else { return }
        #endif
        #if os(Linux)
            Self.ignoreLeaseBreaks
            // O_NONBLOCK: a file under another program's write lease is refused, not waited for.
            let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                isRefused = errno == EWOULDBLOCK
                return
            }
            if fcntl(descriptor, Self.setLease, Int32(F_RDLCK)) == 0 {
                self.descriptor = descriptor
                return
            }
            isRefused = errno == EAGAIN
            close(descriptor)
        #endif
    }

    func release() {
        #if os(Linux)
            guard descriptor >= 0 else { return }
            _ = fcntl(descriptor, Self.setLease, Int32(F_UNLCK))
            close(descriptor)
        #endif
    }

    /// Whether a program is waiting to open the file for writing: the kernel is breaking the lease.
    var isBroken: Bool {
        #if os(Linux)
            return descriptor >= 0 && fcntl(descriptor, Self.getLease) == Int32(F_UNLCK)
        #else
            return false
        #endif
    }

    /// Lets the waiting writer go, waits (up to a minute) until it has closed the file, and reads
    /// the file as it left it; nil if it is still open then. The lease is released either way
    /// (`release` then does nothing more than close).
    func contentsOnceClosed() -> [UInt8]? {
        #if os(Linux)
            guard descriptor >= 0 else { return nil }
            _ = fcntl(descriptor, Self.setLease, Int32(F_UNLCK))
            for _ in 0..<1200 {
                // A lease is granted again once no process has the file open for writing.
                if fcntl(descriptor, Self.setLease, Int32(F_RDLCK)) == 0 {
                    _ = fcntl(descriptor, Self.setLease, Int32(F_UNLCK))
                    var bytes: [UInt8] = []
                    var chunk = [UInt8](repeating: 0, count: 65536)
                    while true {
                        let count = chunk.withUnsafeMutableBytes {
                            pread(descriptor, $0.baseAddress, $0.count, off_t(bytes.count))
                        }
                        if count < 0, errno == EINTR { continue }
                        guard count > 0 else { break }
                        bytes += chunk[..<count]
                    }
                    return bytes
                }
                usleep(50_000)
            }
        #endif
        return nil
    }
}

#if DEBUG
    /// Test hooks, in debug builds only (as `TestHooks`):
    /// - `GEN_TEST_NO_LEASE=1`: no lease is asked for, as on a file system without them, so the
    ///   other checks are what protects a guide being written.
    /// - `GEN_TEST_PAUSE_BEFORE_REPLACE=<seconds>`: before replacing a guide, `gen` prints
    ///   `gen-test: replacing <path>` on stderr and waits, so a test can change the guide between
    ///   the read and the rename.
    enum GuideAsReadHooks {
        static let withoutLeases = getenv("GEN_TEST_NO_LEASE") != nil

        /// `GEN_TEST_PAUSE_HOLDING_LEASE=<seconds>`: the same pause, with the lease held and the
        /// checks done, just before the rename (`gen-test: renaming over <path>`).
        static func holdingLease(_ path: String) {
            guard let value = getenv("GEN_TEST_PAUSE_HOLDING_LEASE"), let seconds = Double(String(cString: value))
            else { return }
            GenFailure.print("gen-test: renaming over \(path)")
            usleep(useconds_t(seconds * 1_000_000))
        }

        static func beforeReplacing(_ path: String) {
            guard let value = getenv("GEN_TEST_PAUSE_BEFORE_REPLACE"), let seconds = Double(String(cString: value))
            else { return }
            GenFailure.print("gen-test: replacing \(path)")
            usleep(useconds_t(seconds * 1_000_000))
        }
    }
#endif

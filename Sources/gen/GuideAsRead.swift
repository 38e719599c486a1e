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
/// between), and a guide whose inode, size, modification time or bytes changed between the read
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
        try file.commit()
        if let filledStructure { WatchRecord.shared.filled(path, structure: filledStructure) }
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
        private static let setLease: Int32 = 1024  // F_SETLEASE (F_LINUX_SPECIFIC_BASE), not in Swift's Glibc
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

        static func beforeReplacing(_ path: String) {
            guard let value = getenv("GEN_TEST_PAUSE_BEFORE_REPLACE"), let seconds = Double(String(cString: value))
            else { return }
            GenFailure.print("gen-test: replacing \(path)")
            usleep(useconds_t(seconds * 1_000_000))
        }
    }
#endif

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a watch learns that the files of its `WatchSet` changed. On Linux, inotify: the watch
/// sleeps until the kernel reports a change in a folder it looks into, then looks at the files
/// the run reads. Elsewhere, on a network or FUSE file system (whose changes made by another
/// machine inotify never sees), when the kernel refuses more watches, or with
/// `GEN_WATCH_POLL=1`: the files a run reads are looked at every poll interval (only they are
/// `stat`ed; a folder is listed again only when it changed).
final class SourceChanges {
    private(set) var set: WatchSet
    private let listings = FolderListings()
    private let pollInterval: Duration
    private let quietPeriod: Duration
    /// Why the watch polls; nil while it uses inotify.
    private(set) var pollingReason: String?
    /// Where the symbolic links among the watched files lead, as last looked at.
    private var linkTargets: Set<String> = []
    #if os(Linux)
        private var inotify: Inotify?
    #endif

    init(_ set: WatchSet, pollInterval: Duration, quietPeriod: Duration) {
        self.set = set
        self.pollInterval = pollInterval
        self.quietPeriod = quietPeriod
        #if os(Linux)
            if let value = getenv("GEN_WATCH_POLL"), String(cString: value) != "", String(cString: value) != "0" {
                pollingReason = "GEN_WATCH_POLL is set"
            } else if let remote = Self.remoteFileSystem(in: set) {
                pollingReason = remote
            } else {
                do throws(Inotify.Failure) {
                    inotify = try Inotify()
                } catch {
                    if case .limit(let reason) = error { pollingReason = reason }
                }
            }
        #else
            pollingReason = "inotify is Linux's"
        #endif
        // The folders watched now, so that the first line says if the kernel refuses them.
        _ = snapshot()
        announcesFallBack = true
    }

    /// Whether falling back to polling is said on a line of its own (after the first line).
    private var announcesFallBack = false

    /// How the watch learns of changes, for its first line.
    var method: String {
        pollingReason.map { "by polling every \(Self.milliseconds(pollInterval)) ms (\($0))" } ?? "with inotify"
    }

    /// Watches `set` from now on (gen.yml may name other files after a run).
    func update(_ set: WatchSet) {
        guard set != self.set else { return }
        self.set = set
        if pollingReason == nil, let remote = Self.remoteFileSystem(in: set) { fallBack(remote) }
    }

    /// The files as they are now; with inotify, every folder looked into is watched before it is
    /// listed, so no file created in it afterwards goes unseen.
    func snapshot() -> FileSnapshot {
        #if os(Linux)
            guard let inotify else { return take() }
            var failure: String?
            inotify.beginRound()
            let snapshot = take { folder in
                guard failure == nil else { return }
                do throws(Inotify.Failure) {
                    try inotify.watch(folder)
                } catch {
                    if case .limit(let reason) = error { failure = reason }
                }
            }
            // The folders that hold the roots and the files links lead to: a root replaced, or
            // created where nothing was yet, is seen there.
            for folder in anchors(linkTargets: snapshot.linkTargets) where failure == nil {
                do throws(Inotify.Failure) {
                    try inotify.watch(folder)
                } catch {
                    if case .limit(let reason) = error { failure = reason }
                }
            }
            inotify.endRound()
            if let failure { fallBack(failure) }
            return snapshot
        #else
            return take()
        #endif
    }

    private func take(entering: (String) -> Void = { _ in }) -> FileSnapshot {
        let snapshot = FileSnapshot(set, listings: listings, entering: entering)
        listings.keep(only: snapshot.folders)
        linkTargets = snapshot.linkTargets
        return snapshot
    }

    /// Waits for a change from `baseline`, then until the files have been still for the quiet
    /// period (a save, a checkout, is one run), and returns them as they are. While `due` is
    /// given, it is asked every poll interval, and the wait ends when it is true.
    func next(after baseline: FileSnapshot, due: (() -> Bool)?) -> FileSnapshot {
        #if os(Linux)
            while let inotify {
                let events = inotify.read(timeout: due == nil ? nil : pollInterval)
                if let due, due() { return snapshot() }
                guard events.contains(where: isRelevant) else { continue }
                let clock = ContinuousClock()
                var stillSince = clock.now
                while case let left = quietPeriod - (clock.now - stillSince), left > .zero {
                    if inotify.read(timeout: left).contains(where: isRelevant) { stillSince = clock.now }
                }
                return snapshot()
            }
        #endif
        while true {
            sleep(pollInterval)
            if let due, due() { return snapshot() }
            var latest = snapshot()
            guard latest != baseline else { continue }
            let clock = ContinuousClock()
            var stillSince = clock.now
            while clock.now - stillSince < quietPeriod {
                sleep(pollInterval / 2)
                let again = snapshot()
                if again != latest {
                    latest = again
                    stillSince = clock.now
                }
            }
            return latest
        }
    }

    #if os(Linux)
        /// Whether a reported change may concern the files a run reads.
        private func isRelevant(_ event: Inotify.Event) -> Bool {
            switch event {
            case .rescan: true
            case .entry(let path, let isFolder):
                set.covers(path) || linkTargets.contains(path) || (isFolder && set.concerns(folder: path))
            }
        }

        /// The nearest existing folder above each root, and the folder of each link target.
        private func anchors(linkTargets: Set<String>) -> [String] {
            var folders: [String] = []
            for path in set.roots.map(\.path) + linkTargets {
                var folder = AtomicFile.directory(of: path)
                while FileState(path: folder)?.isDirectory != true, folder != "/" {
                    folder = AtomicFile.directory(of: folder)
                }
                folders.append(folder)
            }
            return folders
        }

        private func fallBack(_ reason: String) {
            guard inotify != nil else { return }
            inotify = nil
            pollingReason = reason
            guard announcesFallBack else { return }
            print(PrintedLine.escaped("gen: \(reason); polling every \(Self.milliseconds(pollInterval)) ms instead"))
            fflush(nil)
        }

        /// Why inotify cannot be trusted with `set`: a root on a file system shared over a
        /// network or through FUSE, where another machine's writes make no event. Nil when none is.
        private static func remoteFileSystem(in set: WatchSet) -> String? {
            let mounts = MountTable.current()
            for root in set.roots {
                var path = root.path
                while FileState(path: path) == nil, path != "/" { path = AtomicFile.directory(of: path) }
                if let type = mounts.fileSystemType(of: path), MountTable.isShared(type) {
                    return "\(root.shown) is on \(type), whose changes from elsewhere inotify does not see"
                }
            }
            return nil
        }
    #else
        private func fallBack(_ reason: String) {}
        private static func remoteFileSystem(in set: WatchSet) -> String? { nil }
    #endif

    private func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

import Foundation
import GenConfig
import Generator

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--watch`: a command's work, run again whenever a file it reads changes, until Ctrl-C.
///
/// Files are polled (every 100 ms) rather than subscribed to: an editor that saves by writing a
/// new file and renaming it over the old one, a template folder gaining a file, a guide on a
/// mounted volume are all seen the same way. A run starts once the files have been still for
/// 200 ms (an editor's save, or a `git checkout`, is one run). Each run prints its one line,
/// timed; a failed run prints its error and the loop goes on.
struct WatchLoop {
    /// The files and folders to watch, asked again after every run (gen.yml may name another
    /// guide or template folder).
    let watched: () -> [String]
    /// The files the work itself writes: their change during a run is not a reason to run again.
    let written: () -> [String]
    let work: () throws(GenFailure) -> Void

    var pollInterval: Duration = .milliseconds(100)
    var quietPeriod: Duration = .milliseconds(200)

    func run() -> Never {
        PendingFiles.shared.endQuietlyOnInterrupt(saying: "gen: stopped watching")
        // The paths are found again after each run only: finding them reads gen.yml.
        var paths = watched()
        print("gen: watching \(Self.describe(paths)); Ctrl-C stops")
        var baseline = runOnce(&paths)
        let clock = ContinuousClock()
        while true {
            Thread.sleep(forTimeInterval: Self.seconds(pollInterval))
            var latest = FileSnapshot(paths)
            guard latest != baseline else { continue }
            // Debounce: wait until nothing has changed for the quiet period.
            var stillSince = clock.now
            while clock.now - stillSince < quietPeriod {
                Thread.sleep(forTimeInterval: Self.seconds(pollInterval) / 2)
                let again = FileSnapshot(paths)
                if again != latest {
                    latest = again
                    stillSince = clock.now
                }
            }
            baseline = runOnce(&paths)
        }
    }

    /// One run; returns what the next change is measured against: the files as they were before
    /// the run, except those the run wrote, as it left them. A file someone saved during the run
    /// so still counts as a change. `paths` becomes what the configuration now names.
    private func runOnce(_ paths: inout [String]) -> FileSnapshot {
        let before = FileSnapshot(paths)
        do throws(GenFailure) {
            try work()
        } catch {
            GenFailure.print("\(Self.time()) \(error.description)")
        }
        fflush(nil)
        let writes = written()
        let previous = paths
        paths = watched()
        let after = FileSnapshot(paths + writes)
        // A path the configuration names only now is measured as it is after the run.
        let added = Set(FileSnapshot(paths).files.keys).subtracting(FileSnapshot(previous).files.keys)
        return before.replacing(Set(writes.map(FileSnapshot.normalized)).union(added), with: after)
    }

    /// The watched paths, shortened for the first line.
    static func describe(_ paths: [String]) -> String {
        let shown = paths.prefix(4).joined(separator: ", ")
        return paths.count > 4 ? "\(shown) and \(paths.count - 4) more" : shown
    }

    /// `14:03:27`: the prefix of each run's line.
    static func time() -> String {
        var now = time_t()
        Glibc.time(&now)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

/// What a set of files looks like now: for each regular file (folders walked), its inode, size,
/// modification time and mode. Hidden files (an editor's swap file, gen's own `.gen-XXXXXX`),
/// backups (`guide.md~`) and autosaves (`#guide.md#`) are left out.
struct FileSnapshot: Equatable {
    private(set) var files: [String: [Int]] = [:]

    init(_ paths: [String]) {
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
                for name in names where Self.isWatched(name) {
                    add(path.hasSuffix("/") ? path + name : "\(path)/\(name)")
                }
            } else {
                add(path)
            }
        }
    }

    private init(files: [String: [Int]]) { self.files = files }

    private mutating func add(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
        files[Self.normalized(path)] = [
            Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_mode),
        ]
    }

    static func normalized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    static func isWatched(_ relativePath: String) -> Bool {
        !relativePath.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasPrefix("#") || $0.hasSuffix("~") }
    }

    /// This snapshot with `paths` taken from `other`.
    func replacing(_ paths: Set<String>, with other: FileSnapshot) -> FileSnapshot {
        var files = files
        for path in paths { files[path] = other.files[path] }
        return FileSnapshot(files: files)
    }
}

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
/// Changes are learnt from inotify on Linux, else by polling every 100 ms (`SourceChanges`); the
/// first line says which. A run starts once the files have been still for 200 ms (an editor's
/// save, or a `git checkout`, is one run). Each run prints its one line, timed; a failed run
/// prints its error once and the loop goes on. What gen writes itself (a guide it filled, the
/// site's output folder) never starts a run, and a guide another program is still writing is
/// filled once that program closes it.
struct WatchLoop {
    /// What to watch, asked again after every run (gen.yml may name another guide or folder).
    let watched: () -> WatchSet
    let work: () throws(GenFailure) -> Void

    var pollInterval: Duration = .milliseconds(100)
    var quietPeriod: Duration = .milliseconds(200)

    func run() -> Never {
        PendingFiles.shared.endQuietlyOnInterrupt(saying: "gen: stopped watching")
        WatchRecord.shared.startWatching()
        let changes = SourceChanges(watched(), pollInterval: pollInterval, quietPeriod: quietPeriod)
        print(PrintedLine.escaped("gen: watching \(Self.describe(changes.set.shown)) \(changes.method); Ctrl-C stops"))
        var (baseline, busy) = runOnce(changes)
        while true {
            // A guide another program was writing: run again once it is closed, changed or not.
            let closed = { busy.allSatisfy { !GuideAsRead.isOpenForWriting($0) } }
            let now = changes.next(after: baseline, due: busy.isEmpty ? nil : closed)
            if !busy.isEmpty {
                guard closed() else { continue }
            } else if now == baseline {
                continue
            }
            (baseline, busy) = runOnce(changes)
        }
    }

    /// One run; returns what the next change is measured against, and the guides left alone
    /// because another program had them open for writing. The files are measured as they were
    /// before the run (a file saved during the run so still counts as a change), except those
    /// the run wrote, as it left them, and those the watch looks at only from now on, as they
    /// are now. A file the watch no longer looks at is no change (a broken gen.yml names no
    /// guide: that is one failed run, not two).
    private func runOnce(_ changes: SourceChanges) -> (FileSnapshot, busy: [String]) {
        let before = changes.snapshot()
        _ = WatchRecord.shared.takeRun()
        do throws(GenFailure) {
            try work()
        } catch {
            for line in error.lines { GenFailure.print("\(Self.time()) \(line)") }
        }
        fflush(nil)
        let run = WatchRecord.shared.takeRun()
        let previous = changes.set
        changes.update(watched())
        let after = changes.snapshot()
        var baseline: [String: FileState] = [:]
        for (path, state) in after.files where !previous.covers(path) { baseline[path] = state }
        for (path, state) in before.files where changes.set.covers(path) { baseline[path] = state }
        for (path, state) in run.written where after.files[path] == state { baseline[path] = state }
        return (FileSnapshot(files: baseline), Array(run.busy))
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
}

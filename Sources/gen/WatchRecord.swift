import Foundation
import Synchronization

/// What `--watch` needs to know of a run beyond its output: the files gen wrote (their change is
/// not a reason to run again), the guides it left alone because another program was writing
/// them (run again once they are closed), and, across runs, each guide's shape when gen last
/// filled it (a guide that suddenly has fewer code sections may be half-written).
///
/// Shared, because the runs are the commands' own code: `AtomicFile` and `GuideAsRead` record
/// into it whether or not a watch is on; only a watch reads it.
final class WatchRecord: Sendable {
    static let shared = WatchRecord()

    struct Run: Sendable {
        /// Each file gen renamed into place, as it left it (keys normalized).
        var written: [String: FileState] = [:]
        /// Guides left as they were because another program had them open for writing.
        var busy: Set<String> = []
    }

    /// A guide as gen last filled it (or found it current), and a version of it gen refused
    /// to fill because its shape shrank.
    private struct GuideMemory {
        var filled: GuideStructure?
        var refused: FileState?
    }

    private struct State {
        var isWatching = false
        var run = Run()
        var guides: [String: GuideMemory] = [:]
    }

    private let state = Mutex(State())

    /// Whether a watch is on: messages then say that gen tries again by itself.
    var isWatching: Bool { state.withLock { $0.isWatching } }

    func startWatching() {
        state.withLock { $0.isWatching = true }
    }

    func wrote(_ paths: [String], as written: FileState) {
        state.withLock { state in
            for path in paths { state.run.written[FileSnapshot.normalized(path)] = written }
        }
    }

    func foundBusy(_ path: String) {
        state.withLock { _ = $0.run.busy.insert(FileSnapshot.normalized(path)) }
    }

    /// What the run since the last call did; starts the next.
    func takeRun() -> Run {
        state.withLock { state in
            defer { state.run = Run() }
            return state.run
        }
    }

    /// Why gen should leave the guide at `path` (read as `version`, shaped `structure`) as it is:
    /// it has fewer groups or code sections than when gen last filled it, or ends inside a code
    /// block where it did not, and it has not changed since gen first refused it for that.
    /// Nil when it may be filled. A guide that changes again is filled whatever its shape (a
    /// section removed on purpose), so a refusal lasts until the next save. Only while watching.
    func shrinkage(of path: String, version: FileState?, structure: GuideStructure) -> String? {
        let key = FileSnapshot.normalized(path)
        return state.withLock { state -> String? in
            guard state.isWatching, let before = state.guides[key]?.filled else { return nil }
            if let refused = state.guides[key]?.refused {
                guard refused == version else {
                    state.guides[key]?.refused = nil
                    return nil
                }
            }
            guard let shrinkage = structure.shrinkage(from: before) else { return nil }
            state.guides[key]?.refused = version
            return shrinkage
        }
    }

    /// The guide at `path` as gen filled it, or found it current.
    func filled(_ path: String, structure: GuideStructure) {
        guard isWatching else { return }
        state.withLock { $0.guides[FileSnapshot.normalized(path)] = GuideMemory(filled: structure, refused: nil) }
    }
}

import BundledTemplates
import Dispatch
import Foundation
import SampleModel
import SampleRendering
import Synchronization

/// The templates built into gen, checked and parsed once per process: on a thread of their own
/// from the moment `start()` is called, and by every thread that needs them before they are ready.
///
/// Two threads share the parsing (on the two cores of a docs build): the one `start()` made,
/// alone while the main thread reads its arguments, configuration and guide, then the main thread
/// too, which takes the templates nobody has started on. A thread that waits sleeps: it does not
/// wait on a `static let`'s initialiser, whose once-lock is a priority-inheritance futex on which
/// the kernel spins a waiter for as long as the owner runs.
final class TemplatePreparation: Sendable {
    private struct State {
        var started = false
        var set: Result<TemplateSet, Diagnostic>?
        /// Templates no thread has started parsing.
        var unparsed: [TemplateFile] = []
    }

    private let state = Mutex(State())
    /// Entered until the set is checked.
    private let checking = DispatchGroup()
    /// Entered once per template being parsed.
    private let parsing = DispatchGroup()

    /// Starts preparing on another thread, unless that has started already.
    func start() {
        guard claim() else { return }
        Thread.detachNewThread { self.checkAndParse() }
    }

    /// The set, every template parsed; this thread does the part no other thread has started.
    func set() -> Result<TemplateSet, Diagnostic> {
        if claim() {
            checkAndParse()
        } else {
            checking.wait()
            parseUntilNoneIsLeft()
        }
        parsing.wait()
        return state.withLock { $0.set! }
    }

    /// Whether the caller is the one thread to check the set.
    private func claim() -> Bool {
        state.withLock { state in
            guard !state.started else { return false }
            state.started = true
            checking.enter()
            return true
        }
    }

    private func checkAndParse() {
        let set = Result { () throws(Diagnostic) in try TemplateSet(BundledTemplates.files) }
        state.withLock { state in
            state.set = set
            state.unparsed = (try? set.get())?.templates(of: Language.allCases) ?? []
        }
        checking.leave()
        parseUntilNoneIsLeft()
    }

    private func parseUntilNoneIsLeft() {
        while let (set, file) = state.withLock({ state -> (TemplateSet, TemplateFile)? in
            guard case .success(let set) = state.set, !state.unparsed.isEmpty else { return nil }
            parsing.enter()
            return (set, state.unparsed.removeFirst())
        }) {
            set.prepare(file)
            parsing.leave()
        }
    }
}

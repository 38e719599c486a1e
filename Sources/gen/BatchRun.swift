import Dispatch
import Foundation
import GenConfig
import GuideFilling
import Synchronization

/// Fills a batch of guides on every core. Guides are independent: each worker takes every n-th
/// guide with its own copy of the run's fillers, whose samples are already rendered. A changed
/// guide is written to a temporary file beside it, not renamed: the caller renames them all
/// only once every guide of the batch has been filled (`Generate`), so one bad guide leaves
/// every guide as it was. Outcomes come back in the batch's order, for deterministic output.
struct BatchRun: Sendable {
    struct Work: Sendable {
        let guidePath: String
        let configuration: GenConfiguration
        let templatesKey: String
    }

    enum Result: Sendable {
        case current
        case prepared(PreparedFile)
        case outOfDate(diff: String)
        case failed(GenFailure)
    }

    struct Outcome: Sendable {
        let result: Result
        /// A warning to print whatever happens (a guide without the code sections gen.yml names).
        let warning: String?
    }

    let work: [Work]
    let fillers: [String: GuideFiller]
    let check: Bool

    func run() -> [Outcome] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, work.count))
        let outcomes = Mutex([Outcome?](repeating: nil, count: work.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var fillers = self.fillers
            for index in stride(from: worker, to: work.count, by: workers) {
                let outcome = fill(work[index], fillers: &fillers)
                outcomes.withLock { $0[index] = outcome }
            }
        }
        return outcomes.withLock { $0.map { $0! } }
    }

    private func fill(_ item: Work, fillers: inout [String: GuideFiller]) -> Outcome {
        var warning: String?
        do throws(GenFailure) {
            let original = try Workspace.readBytes(item.guidePath)
            let filled: FilledGuide
            do throws(FillError) {
                filled = try fillers[item.templatesKey]!.fill(original, configuration: item.configuration)
            } catch {
                throw GenFailure(error, path: item.guidePath)
            }
            let coverage = GroupCoverage(filled: filled, configuration: item.configuration, path: item.guidePath)
            guard filled.bytes != original else {
                if check, let failure = coverage.checkFailure { throw failure }
                return Outcome(result: .current, warning: check ? nil : coverage.warning)
            }
            warning = check ? nil : coverage.warning
            if check { return Outcome(result: .outOfDate(diff: UnifiedDiff.make(old: original, new: filled.bytes, path: item.guidePath)), warning: nil) }
            let prepared = try AtomicFile.prepare(item.guidePath, filled.bytes, mustExist: true)
            return Outcome(result: .prepared(prepared), warning: warning)
        } catch {
            return Outcome(result: .failed(error), warning: warning)
        }
    }
}

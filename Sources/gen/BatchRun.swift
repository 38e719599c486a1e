import Dispatch
import Foundation
import GenConfig
import GuideFilling
import Synchronization

/// Fills a batch of guides on every core. Guides are independent: each worker takes every n-th
/// guide with its own copy of the run's fillers, whose samples are already rendered, and writes
/// each guide atomically. Outcomes come back in the batch's order, for deterministic output.
struct BatchRun: Sendable {
    struct Work: Sendable {
        let guidePath: String
        let configuration: GenConfiguration
        let templatesKey: String
    }

    enum Outcome: Sendable {
        case current
        case updated(path: String)
        case outOfDate(diff: String)
        case failed(GenFailure)
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
        do throws(GenFailure) {
            let original = try Workspace.readBytes(item.guidePath)
            let filled: FilledGuide
            do throws(FillError) {
                filled = try fillers[item.templatesKey]!.fill(original, configuration: item.configuration)
            } catch {
                throw GenFailure(error, path: item.guidePath)
            }
            guard filled.bytes != original else { return .current }
            if check { return .outOfDate(diff: UnifiedDiff.make(old: original, new: filled.bytes, path: item.guidePath)) }
            try AtomicFile.replace(item.guidePath, with: filled.bytes)
            return .updated(path: item.guidePath)
        } catch {
            return .failed(error)
        }
    }
}

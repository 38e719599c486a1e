import Dispatch
import Foundation
import Generator
import GuideFilling
import SampleModel
import Synchronization

/// Fills a batch of guides on every core. Guides are independent: each worker takes every n-th
/// guide with its own copy of the batch's fillers, whose samples are already rendered. A changed
/// guide is written to a temporary file beside it, not renamed: the caller renames them all
/// only once every guide of the batch has been filled (`Generate`), so one bad guide leaves
/// every guide as it was. Outcomes come back in the batch's order, for deterministic output.
struct BatchRun: Sendable {
    enum Result: Sendable {
        case current
        /// The filled guide, waiting to replace the guide as it was read.
        case prepared(PreparedFile, GuideAsRead)
        case outOfDate(diff: String)
        /// Blocks edited by hand, one error each, and (for a check) the diff of the rest.
        case editedByHand([Diagnostic], diff: String)
        case failed(GenFailure)
    }

    struct Outcome: Sendable {
        let result: Result
        /// A warning to print whatever happens (a guide without the code sections gen.yml names).
        let warning: Diagnostic?
        /// The complete programs the guide links to, checked or written with the batch.
        var programs: CompletePrograms? = nil
        /// What was filled where (`FillSummary`), for the report of the guide gen.yml names.
        var summary: String? = nil
    }

    let batch: BatchPlan
    let check: Bool

    func run() -> [Outcome] {
        let jobs = batch.jobs
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        let outcomes = Mutex([Outcome](repeating: Outcome(result: .current, warning: nil), count: jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var fillers = batch.fillers
            for index in stride(from: worker, to: jobs.count, by: workers) {
                let outcome = fill(jobs[index], fillers: &fillers)
                outcomes.withLock { $0[index] = outcome }
            }
        }
        return outcomes.withLock { $0 }
    }

    private func fill(_ job: BatchPlan.Job, fillers: inout [GuideFiller]) -> Outcome {
        var warning: Diagnostic?
        do throws(GenFailure) {
            // A guide another program is writing is not read (nor later replaced) until it is closed.
            let reading = try GuideAsRead.start(job.guidePath, refusingWriters: !check)
            let plan: GuidePlan
            do {
                plan = try batch.fill(job, fillers: &fillers)
            } catch {
                throw GenFailure(error)
            }
            let read = reading.read(plan)
            // A block edited by hand fails its guide, in a check as in a run: nothing is written
            // over a person's change. A check also shows the rest of the guide's diff.
            if !plan.handEdits.isEmpty {
                let diff =
                    check && !plan.isCurrent
                    ? UnifiedDiff.make(old: plan.original, new: plan.filled.bytes, path: plan.path) : ""
                return Outcome(result: .editedByHand(plan.handEdits, diff: diff), warning: nil, programs: plan.programs)
            }
            guard !plan.isCurrent else {
                if check, let failure = plan.coverage.checkFailure { throw GenFailure(failure) }
                return Outcome(
                    result: .current, warning: check ? nil : plan.coverage.warning, programs: plan.programs,
                    summary: FillSummary.line(plan.filled, path: plan.path))
            }
            warning = check ? nil : plan.coverage.warning
            if check {
                let diff = UnifiedDiff.make(old: plan.original, new: plan.filled.bytes, path: plan.path)
                return Outcome(result: .outOfDate(diff: diff), warning: nil, programs: plan.programs)
            }
            let prepared = try AtomicFile.prepare(plan.path, plan.filled.bytes, mustExist: true)
            return Outcome(
                result: .prepared(prepared, read), warning: warning, programs: plan.programs,
                summary: FillSummary.line(plan.filled, path: plan.path))
        } catch {
            return Outcome(result: .failed(error), warning: warning)
        }
    }
}

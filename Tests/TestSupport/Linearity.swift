import Foundation

/// How the time of some work grows with its input, measured as a ratio of two sizes on the
/// calling thread's CPU clock: a machine whose cores are both busy slows wall-clock time by
/// whatever else runs, where an absolute bound (or a wall-clock ratio) would fail.
public enum Linearity {
    /// The best of `repeats` timings of `large` over the best of as many of `small`, the two
    /// alternated so that a burst of load (cache, frequency) falls on both. The work must run on
    /// the calling thread.
    public static func ratio(repeats: Int = 3, _ small: () throws -> Void, to large: () throws -> Void) rethrows
        -> Double
    {
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<repeats {
            best.small = min(best.small, try threadSeconds(small))
            best.large = min(best.large, try threadSeconds(large))
        }
        return best.large / max(best.small, 1e-6)
    }

    /// The CPU time the calling thread spends in `work`, in seconds.
    public static func threadSeconds(_ work: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        try work()
        return now() - start
    }
}

import Foundation

/// How the time of some work grows with its input, measured as a ratio of two sizes: a machine
/// whose cores are both busy slows the two alike, where an absolute bound would fail.
public enum Linearity {
    /// The best of `repeats` timings of `large` over the best of as many of `small`, the two
    /// alternated so that a burst of load falls on both.
    public static func ratio(repeats: Int = 3, _ small: () throws -> Void, to large: () throws -> Void) rethrows
        -> Double
    {
        let clock = ContinuousClock()
        var best = (small: Duration.seconds(1_000_000), large: Duration.seconds(1_000_000))
        for _ in 0..<repeats {
            best.small = min(best.small, try clock.measure(small))
            best.large = min(best.large, try clock.measure(large))
        }
        return best.large / max(best.small, .microseconds(1))
    }
}

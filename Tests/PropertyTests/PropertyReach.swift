import Synchronization
import Testing

/// How many generated cases of a property test reached its assertions. `report()` prints the
/// count and fails the test under 80 %, so a generator that drifts into cases a test skips (or
/// that error before the property is checked) cannot make the test pass by proving nothing.
final class PropertyReach: Sendable {
    let test: String
    let cases: Int
    private let reached = Atomic<Int>(0)

    init(_ test: String, cases: Int) {
        self.test = test
        self.cases = cases
    }

    /// Counts one case whose assertions all ran.
    func reach() {
        reached.add(1, ordering: .relaxed)
    }

    func report(sourceLocation: SourceLocation = #_sourceLocation) {
        let count = reached.load(ordering: .relaxed)
        print("\(test): \(count) of \(cases) generated cases reached their assertions")
        #expect(
            count * 10 >= cases * 8, "\(test): only \(count) of \(cases) cases reached their assertions",
            sourceLocation: sourceLocation)
    }
}

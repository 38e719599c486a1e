import Foundation
import PropertyBased

/// How the interpreter-backed property tests draw their cases.
///
/// They batch hundreds of cases into one interpreter run, so they draw from the generators
/// themselves rather than through `propertyCheck` (whose `.fixedSeed` trait is for local
/// reproduction only). CI uses the fixed seed below; `PROPERTY_SEED=random` draws a new one (and
/// prints it), `PROPERTY_SEED=a,b,c,d` replays one, and `PROPERTY_SCALE=N` runs N times as many
/// batches — e.g. `PROPERTY_SEED=random PROPERTY_SCALE=20 swift test --filter PropertyTests`.
enum PropertySeed {
    static let fixed: (UInt64, UInt64, UInt64, UInt64) = (
        0x5A4D_504C_4547_454E, 0x2023_0601_6749_2331, 0xC0DE_F00D_0BAD_CAFE, 42
    )

    static var seed: (UInt64, UInt64, UInt64, UInt64) {
        guard let text = ProcessInfo.processInfo.environment["PROPERTY_SEED"] else { return fixed }
        if text == "random" {
            var system = SystemRandomNumberGenerator()
            return (system.next(), system.next(), system.next(), system.next())
        }
        let parts = text.split(separator: ",").compactMap { UInt64($0) }
        return parts.count == 4 ? (parts[0], parts[1], parts[2], parts[3]) : fixed
    }

    static var scale: Int {
        ProcessInfo.processInfo.environment["PROPERTY_SCALE"].flatMap(Int.init).map { max($0, 1) } ?? 1
    }

    /// A generator seeded for `salt` (so each test draws its own cases), and the seed to print.
    static func generator(salt: UInt64) -> (rng: Xoshiro, description: String) {
        let base = seed
        let seeded = (base.0 ^ salt, base.1, base.2, base.3)
        return (Xoshiro(seed: seeded), "PROPERTY_SEED=\(base.0),\(base.1),\(base.2),\(base.3)")
    }
}

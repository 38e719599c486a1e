import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `gen --watch` and a guide another program is still writing: a save in place that pauses
/// longer than the watch's quiet period (a slow mount, `rsync --inplace`). Renaming the filled
/// guide over it then would send the writer's remaining bytes to the replaced file; whatever the
/// timing, every byte the writer wrote must be in the guide in the end.
@Suite struct WatchWritingTests {
    let watchTests = WatchTests()

    /// How the writer opens the guide.
    enum WriteMode: String, CaseIterable, Sendable {
        /// Over the old bytes (`rsync --inplace`), cut to length at the end.
        case inPlace
        /// Emptied first, then written.
        case truncateThenWrite
    }

    /// How long the writer pauses after the first part.
    enum Pause: Sendable {
        case seconds(Double)
        /// Until gen has printed a line about the guide: it has looked at it mid-write.
        case untilGenSaysSo
    }

    /// What the writer saves over the guide gen filled (`filled`): prose added at the top, between
    /// the groups, and an example answer in a fenced block at the end (once), a new group of code
    /// sections under the title (so that whatever part of it gen reads, it has samples to add)
    /// and a last line, so that a cut anywhere loses some of it.
    static func newText(from filled: String, round: Int) -> [UInt8] {
        let title = "# Getting an access token with the client-credentials grant\n"
        var text = filled
        if !text.contains("Added at the top.") {
            text =
                text
                .replacingOccurrences(of: title, with: title + "\nAdded at the top.\n")
                .replacingOccurrences(
                    of: "## Handling Access Token Expiration",
                    with: "Added between the groups.\n\n## Handling Access Token Expiration")
                + "\nAn answer looks like this:\n\n```json\n{\"access_token\": \"…\", \"expires_in\": 3600}\n```\n"
        }
        text = text.replacingOccurrences(of: title, with: title + "\n## Postman guide\n\nPython code:\n\n")
        return Array((text + "\nSave \(round), written last.\n").utf8)
    }

    /// Where the writer pauses: inside the first Python block, between the guide's two original
    /// groups, inside the example's fenced block, and in the last line.
    static let cuts: [(marker: String, offset: Int)] = [
        ("```python gen=token-request", 40), ("Added between the groups.", 0), ("{\"access_token", 10),
        (", written last.", 3),
    ]

    static func offset(of cut: (marker: String, offset: Int), in text: [UInt8]) -> Int {
        let string = String(decoding: text, as: UTF8.self)
        return string.utf8.distance(from: string.startIndex, to: string.range(of: cut.marker)!.lowerBound) + cut.offset
    }

    /// Writes `text` over the file at `path` through one open descriptor: the bytes before `cut`,
    /// then `pause`, then the rest, then closes it.
    static func write(_ text: [UInt8], to path: String, cut: Int, mode: WriteMode, pause: () throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | (mode == .truncateThenWrite ? O_TRUNC : 0))
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        func put(_ part: ArraySlice<UInt8>) throws {
            let written = part.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written == part.count else { throw CocoaError(.fileWriteUnknown) }
        }
        try put(text[..<cut])
        try pause()
        try put(text[cut...])
        if mode == .inPlace { ftruncate(descriptor, off_t(text.count)) }
    }

    /// One watch; for each cut and pause, the writer saves a new text with the pause at the
    /// cut; the guide must end up as gen fills that text (the writer's every byte, and samples).
    func saveWithPauses(
        mode: WriteMode, cuts: [(marker: String, offset: Int)] = Self.cuts, pauses: [Pause],
        environment: [String: String] = [:]
    ) throws -> WatchedProcess {
        let directory = try watchTests.workspace()
        let path = directory + "/guide.md"
        // What plain gen makes of a text, in a workspace of its own.
        let reference = try watchTests.workspace()
        func filled(_ text: [UInt8]) throws -> [UInt8] {
            try Data(text).write(to: URL(fileURLWithPath: reference + "/guide.md"))
            let result = try watchTests.commands.run([], in: reference)
            #expect(result.status == 0, "\(result.stderr)")
            return try Array(Data(contentsOf: URL(fileURLWithPath: reference + "/guide.md")))
        }
        let watch = try WatchedProcess(GenCommandTests.gen, ["--watch"], in: directory, environment: environment)
        try watch.waitForLines(2, on: .output)
        var round = 0
        for cut in cuts {
            for pause in pauses {
                round += 1
                let text = Self.newText(from: try String(contentsOfFile: path, encoding: .utf8), round: round)
                let expected = try filled(text)
                let (lines, errors) = (watch.output.count, watch.errors.count)
                try Self.write(text, to: path, cut: Self.offset(of: cut, in: text), mode: mode) {
                    switch pause {
                    case .seconds(let seconds): Thread.sleep(forTimeInterval: seconds)
                    case .untilGenSaysSo:
                        try watch.waitUntil("gen's line about the guide") {
                            watch.errors.count > errors || watch.output.count > lines
                        }
                    }
                }
                try watch.waitUntil("the guide filled from what the writer saved") {
                    try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected
                }
                // And it stays so: no late rename takes it back.
                Thread.sleep(forTimeInterval: 0.5)
                let final = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(final == expected, "\(mode), cut at \(cut.marker), \(pause): \(watch.output) \(watch.errors)")
            }
        }
        return watch
    }

    @Test(arguments: WriteMode.allCases)
    func aGuideStillBeingWrittenIsFilledOnlyOnceClosedAndNoByteIsLost(_ mode: WriteMode) throws {
        let watch = try saveWithPauses(mode: mode, pauses: [.seconds(0.3), .seconds(0.7), .untilGenSaysSo])
        defer { watch.kill() }
        // gen looked at the guide mid-write (at least in the rounds that waited for it), said
        // why it left it, and said nothing else.
        let busy = watch.errors.filter { $0.contains("guide.md: error: is open for writing by another program") }
        #expect(busy.count >= 3, "\(watch.errors)")
        #expect(busy.count == watch.errors.count, "\(watch.errors)")
        #expect(busy.allSatisfy { $0.hasSuffix("and fills it once it is closed") }, "\(busy)")
        #expect(try watch.interrupt() == 0)
    }

    /// Without leases (a file system that has none), a save cut short is still told by its
    /// shape: fewer groups than gen last filled, or a code block never closed; gen leaves it
    /// until it changes again.
    @Test func withoutLeasesAGuideThatLostItsShapeIsLeftUntilItChangesAgain() throws {
        // Not a cut in the last line: the guide read then has its shape, and its last bytes are
        // lost. Only a lease tells that case.
        let watch = try saveWithPauses(
            mode: .truncateThenWrite, cuts: Array(Self.cuts.prefix(3)),
            pauses: [.untilGenSaysSo, .untilGenSaysSo], environment: ["GEN_TEST_NO_LEASE": "1"])
        defer { watch.kill() }
        #expect(
            watch.errors.contains { $0.contains("may be half-written; gen left it as it is until it changes again") },
            "\(watch.errors)")
        #expect(!watch.errors.contains { $0.contains("is open for writing") }, "\(watch.errors)")
        #expect(try watch.interrupt() == 0)
    }

    /// A save that lands between gen's read and its rename (the run paused there by a test
    /// hook): in place, in place at the same size, or by rename. gen leaves the guide as saved,
    /// then fills it on the next run.
    @Test func aGuideChangedBetweenTheReadAndTheRenameIsLeftAndFilledAgain() throws {
        let directory = try watchTests.workspace()
        let path = directory + "/guide.md"
        let watch = try WatchedProcess(
            GenCommandTests.gen, ["--watch"], in: directory,
            environment: ["GEN_TEST_NO_LEASE": "1", "GEN_TEST_PAUSE_BEFORE_REPLACE": "1"])
        defer { watch.kill() }
        try watch.waitForLines(2, on: .output)
        let saves: [(String, (String) throws -> Void)] = [
            ("in place", { text in try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }),
            (
                "in place, same size",
                { text in
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    try handle.write(contentsOf: Data(text.utf8))
                    try handle.close()
                }
            ),
            ("by rename", { text in try WatchTests.save(text, to: path) }),
        ]
        for (name, save) in saves {
            let (lines, errors) = (watch.output.count, watch.errors.count)
            // A template change: the next run rewrites the guide.
            try WatchTests.edit(directory + "/Templates/python/token-request.concise.mustache") { $0 + "\n# \(name)" }
            try watch.waitUntil("the run to reach the rename") {
                watch.errors[errors...].contains { $0.hasPrefix("gen-test: replacing") }
            }
            // The writer's save, while gen waits: one letter of the title changed, so "same
            // size" is the same size.
            let current = try String(contentsOfFile: path, encoding: .utf8)
            let letter = current.contains("# Getting an access") ? "g" : "G"
            let saved = current.replacingOccurrences(
                of: "# \(letter == "g" ? "G" : "g")etting an access", with: "# \(letter)etting an access")
            #expect(saved != current && saved.utf8.count == current.utf8.count)
            try save(saved)
            try watch.waitUntil("the next run to fill the guide") {
                let guide = try String(contentsOfFile: path, encoding: .utf8)
                return watch.output.count > lines && guide.contains("# \(letter)etting an access")
                    && guide.contains("\n# \(name)") && watch.errors.count >= errors + 3
            }
            let changed = watch.errors[errors...].filter { $0.contains("changed while gen was filling it") }
            #expect(changed.count == 1, "\(name): \(watch.errors)")
            #expect(changed.first?.hasSuffix("and fills it again once it is still") == true, "\(changed)")
        }
        #expect(try watch.interrupt() == 0)
    }

    /// Outside a watch too: plain `gen`, on the guide gen.yml names or one named on the command line, leaves a guide
    /// another program has open for writing as it is, says so, and fails; once it is closed, it
    /// fills it.
    @Test(arguments: [[], ["guide.md"]])
    func genLeavesAGuideOpenForWritingAloneAndFailsSayingSo(_ arguments: [String]) throws {
        let directory = try watchTests.workspace()
        let path = directory + "/guide.md"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let refused = try watchTests.commands.run(arguments, in: directory)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix(
                "guide.md: error: is open for writing by another program, which may not have finished saving it; gen left it as it is; run gen again once it is saved\n"
            ), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        try writer.close()
        let filled = try watchTests.commands.run(arguments, in: directory)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != before)
    }

    /// A writer that opens the guide just as gen renames the filled one over it (gen paused there
    /// by a test hook, holding its lease): the kernel makes the writer wait, then it writes to the
    /// file gen replaced. gen puts what it wrote back and fills that; nothing is lost.
    @Test(arguments: WriteMode.allCases)
    func aWriterOpeningTheGuideAsGenRenamesLosesNothing(_ mode: WriteMode) throws {
        let directory = try watchTests.workspace()
        let path = directory + "/guide.md"
        let watch = try WatchedProcess(
            GenCommandTests.gen, ["--watch"], in: directory, environment: ["GEN_TEST_PAUSE_HOLDING_LEASE": "0.5"])
        defer { watch.kill() }
        try watch.waitForLines(2, on: .output)
        for round in 0..<2 {
            let errors = watch.errors.count
            try WatchTests.edit(directory + "/Templates/python/token-request.concise.mustache") {
                $0 + "\n# round \(round)"
            }
            try watch.waitUntil("the run to hold its lease") {
                watch.errors[errors...].contains { $0.hasPrefix("gen-test: renaming over") }
            }
            // Opens while gen holds the lease: waits until gen has renamed, then writes.
            let before = try String(contentsOfFile: path, encoding: .utf8)
            let text = Array((before + "\nWritten as gen renamed, round \(round).\n").utf8)
            try Self.write(text, to: path, cut: text.count, mode: mode) {}
            try watch.waitUntil("the writer's text back, and filled") {
                let guide = try String(contentsOfFile: path, encoding: .utf8)
                return guide.contains("Written as gen renamed, round \(round).") && guide.contains("# round \(round)")
                    && watch.errors.count >= errors + 3
            }
            #expect(
                watch.errors[errors...].contains {
                    $0.hasSuffix(
                        "guide.md: error: was opened for writing by another program as gen replaced it; gen put back what that program wrote and fills it again"
                    )
                }, "\(watch.errors)")
        }
        #expect(try watch.interrupt() == 0)
    }
}

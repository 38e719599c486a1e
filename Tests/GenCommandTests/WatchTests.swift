import Foundation
import Synchronization
import TestSupport
import Testing

/// `gen --watch` and `gen site --watch`, run as a writer runs them: files are edited (by rename,
/// as editors save), the output lines are read as they come, and Ctrl-C ends the watch.
@Suite struct WatchTests {
    let commands = GenCommandTests()

    /// A workspace with the unfilled guide and its own copy of the templates.
    func workspace() throws -> String {
        let config =
            try String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            + "\ntemplates: Templates\n"
        let directory = try commands.workspace(config: config)
        try FileManager.default.copyItem(atPath: RepositoryPaths.path("Templates"), toPath: directory + "/Templates")
        try FileManager.default.copyItem(
            atPath: RepositoryPaths.path("docs-site/assets"), toPath: directory + "/assets")
        return directory
    }

    /// Saves `text` as an editor does: a new file beside it, renamed over it.
    static func save(_ text: String, to path: String) throws {
        let temporary = path + ".swp~"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        try save(change(try String(contentsOfFile: path, encoding: .utf8)), to: path)
    }

    @Test func aTemplateOrConfigChangeRegeneratesAnErrorIsReportedAndCtrlCEndsCleanly() throws {
        let directory = try workspace()
        let watch = try WatchedProcess(GenCommandTests.gen, ["--watch"], in: directory)
        defer { watch.kill() }
        try watch.waitForLines(2, on: .output)
        #expect(watch.output[0].hasPrefix("gen: watching gen.yml, guide.md, Templates"))
        #expect(watch.output[1].hasSuffix(", updated"), "\(watch.output)")

        // A template saved by rename: one run, whose result is in the guide.
        try Self.edit(directory + "/Templates/python/token-request.mustache") {
            $0.replacingOccurrences(of: "(RFC 6749 §4.4)", with: "(RFC 6749, section 4.4)")
        }
        try watch.waitForLines(3, on: .output)
        #expect(watch.output[2].range(of: #"^\d\d:\d\d:\d\d guide.md: 15 samples"#, options: .regularExpression) != nil)
        #expect(
            try String(contentsOfFile: directory + "/guide.md", encoding: .utf8).contains("(RFC 6749, section 4.4)"))

        // A broken gen.yml is reported, with its place, and the watch goes on.
        let config = try String(contentsOfFile: directory + "/gen.yml", encoding: .utf8)
        try Self.save(config + "scop: x\n", to: directory + "/gen.yml")
        try watch.waitForLines(1, on: .error)
        #expect(watch.errors[0].contains("gen.yml:") && watch.errors[0].contains("unknown key \"scop\""))
        try Self.save(config, to: directory + "/gen.yml")
        try watch.waitForLines(4, on: .output)
        #expect(watch.output[3].hasSuffix("already up to date"))

        // gen's own write of the guide does not start another run.
        Thread.sleep(forTimeInterval: 1)
        #expect(watch.output.count == 4, "\(watch.output)")

        let status = try watch.interrupt()
        #expect(status == 0)
        #expect(watch.output.last == "gen: stopped watching")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".gen-") }
        #expect(leftovers.isEmpty)
    }

    @Test func saveBurstsAreDebouncedIntoOneRun() throws {
        let directory = try workspace()
        let watch = try WatchedProcess(GenCommandTests.gen, ["--watch"], in: directory)
        defer { watch.kill() }
        try watch.waitForLines(2, on: .output)
        // Five saves 30 ms apart, as a formatter-on-save or a checkout writes: one run.
        for index in 0..<5 {
            try Self.edit(directory + "/Templates/php/token-request.mustache") { $0 + "\n" + String(index) }
            Thread.sleep(forTimeInterval: 0.03)
        }
        try watch.waitForLines(3, on: .output)
        Thread.sleep(forTimeInterval: 1.2)
        #expect(watch.output.count == 3, "\(watch.output)")
        #expect(try watch.interrupt() == 0)
    }

    @Test func siteWatchRebuildsThePageWhenTheGuideChanges() throws {
        let directory = try workspace()
        #expect(try commands.run([], in: directory).status == 0)
        let watch = try WatchedProcess(GenCommandTests.gen, ["site", "--watch"], in: directory)
        defer { watch.kill() }
        try watch.waitForLines(2, on: .output)
        #expect(
            watch.output[1].hasSuffix("_site/index.html: written") || watch.output[1].contains("index.html: written"))
        try Self.edit(directory + "/guide.md") {
            $0.replacingOccurrences(of: "# Getting an access token", with: "# Getting a fresh access token")
        }
        try watch.waitForLines(3, on: .output)
        let page = try String(contentsOfFile: directory + "/_site/index.html", encoding: .utf8)
        #expect(page.contains("Getting a fresh access token"))
        #expect(try watch.interrupt() == 0)
    }
}

/// A process whose stdout and stderr lines are read while it runs.
final class WatchedProcess: Sendable {
    enum Stream: Sendable { case output, error }

    /// Lines read so far, and each stream's unfinished last line.
    private final class Lines: Sendable {
        let state = Mutex<(output: [String], error: [String], pending: [Stream: [UInt8]])>(([], [], [:]))

        func append(_ data: Data, from stream: Stream) {
            state.withLock { state in
                var buffer = state.pending[stream, default: []] + data
                while let newline = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    buffer.removeSubrange(...newline)
                    guard !line.isEmpty else { continue }
                    if stream == .output { state.output.append(line) } else { state.error.append(line) }
                }
                state.pending[stream] = buffer
            }
        }
    }

    private let process: Process
    private let lines = Lines()

    var output: [String] { lines.state.withLock { $0.output } }
    var errors: [String] { lines.state.withLock { $0.error } }

    init(_ executable: String, _ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        self.process = process
        let lines = lines
        for (pipe, stream) in [(output, Stream.output), (error, Stream.error)] {
            pipe.fileHandleForReading.readabilityHandler = { handle in
                lines.append(handle.availableData, from: stream)
            }
        }
        try process.run()
    }

    /// Waits until `stream` has `count` lines, for at most `timeout` seconds.
    func waitForLines(_ count: Int, on stream: Stream, timeout: TimeInterval = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let have = stream == .output ? output.count : errors.count
            if have >= count { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw WatchTimeout(description: "waited \(timeout) s for \(count) lines: \(output) \(errors)")
    }

    /// Ctrl-C; the exit status, once the process has ended (and its last line is read).
    func interrupt(timeout: TimeInterval = 5) throws -> Int32 {
        process.interrupt()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { throw WatchTimeout(description: "gen --watch did not end on Ctrl-C") }
        Thread.sleep(forTimeInterval: 0.1)
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    func kill() {
        if process.isRunning { process.terminate() }
    }
}

struct WatchTimeout: Error, CustomStringConvertible {
    let description: String
}

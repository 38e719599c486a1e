import Foundation
import Synchronization
import TestSupport
import Testing

/// `gen --watch` and `gen site --watch`, run as a writer runs them: files are edited (by rename,
/// as editors save), the output lines are read as they come, and Ctrl-C ends the watch.
@Suite struct WatchTests {
    let commands = GenCommandTests()

    /// A workspace with the unfilled guide and its own copy of the templates; with `programs`,
    /// the complete programs' folder beside each guide too.
    func workspace(programs: Bool = false) throws -> String {
        let config =
            try
            (programs
            ? String(contentsOfFile: RepositoryPaths.path("docs-site/gen.yml"), encoding: .utf8)
            : GenCommandTests.configWithoutPrograms)
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
        try Self.edit(directory + "/Templates/python/token-request.concise.mustache") {
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
            try Self.edit(directory + "/Templates/php/token-request.concise.mustache") { $0 + "\n" + String(index) }
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

    /// A way a writer breaks a run, and how the same writer puts it right.
    struct Breakage: Sendable, CustomTestStringConvertible {
        let name: String
        /// The command line after `gen`.
        let arguments: [String]
        let file: String
        let broken: @Sendable (String) -> String

        var testDescription: String { name }

        static let all = [
            Breakage(name: "an unknown key in gen.yml", arguments: ["--watch"], file: "gen.yml") { $0 + "scop: x\n" },
            Breakage(name: "gen.yml that is not YAML", arguments: ["--watch"], file: "gen.yml") {
                $0 + "languages: [python\n"
            },
            Breakage(name: "gen.yml naming a guide that does not exist", arguments: ["--watch"], file: "gen.yml") {
                $0.replacingOccurrences(of: "guide: guide.md", with: "guide: missing.md")
            },
            Breakage(
                name: "a template that does not parse", arguments: ["--watch"],
                file: "Templates/python/token-request.mustache"
            ) {
                $0 + "{{#unclosed}}\n"
            },
            Breakage(
                name: "a guide with a group no snippet is configured for", arguments: ["--watch"], file: "guide.md"
            ) {
                $0 + "\n## Something else\n\nPython code:\n\n"
            },
            Breakage(
                name: "gen.yml of a guide named on the command line", arguments: ["--watch", "guide.md"],
                file: "gen.yml"
            ) {
                $0 + "scop: x\n"
            },
        ]
    }

    @Test(arguments: Breakage.all)
    func oneFailedRunPrintsItsErrorOnceAndTheFixOneSuccessLine(_ breakage: Breakage) throws {
        let directory = try workspace()
        let watch = try WatchedProcess(GenCommandTests.gen, breakage.arguments, in: directory)
        defer { watch.kill() }
        // A guide named on the command line is filled as a batch: a line for it, and a summary.
        let lines = breakage.arguments.count > 1 ? 3 : 2
        try watch.waitForLines(lines, on: .output)
        let path = directory + "/" + breakage.file
        let good = try String(contentsOfFile: path, encoding: .utf8)
        try Self.save(breakage.broken(good), to: path)
        try watch.waitForLines(1, on: .error)
        // Long enough for a second run (a quiet period is 200 ms) to have printed the error again.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.errors.count == 1, "\(watch.errors)")
        #expect(watch.errors.first?.range(of: #"^\d\d:\d\d:\d\d "#, options: .regularExpression) != nil)
        #expect(watch.output.count == lines, "\(watch.output)")

        try Self.save(good, to: path)
        try watch.waitForLines(lines + 1, on: .output)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.output.count == lines + 1, "\(watch.output)")
        #expect(watch.output.last?.contains("already up to date") == true, "\(watch.output)")
        #expect(watch.errors.count == 1, "\(watch.errors)")
        #expect(try watch.interrupt() == 0)
    }

    /// Where `gen site --watch` writes, inside a folder it watches.
    struct SiteOutput: Sendable, CustomTestStringConvertible {
        let name: String
        /// gen.yml's `templates:`.
        let templates: String
        let out: String?
        /// Where index.html is then written, relative to the workspace.
        let page: String

        var testDescription: String { name }

        static let all = [
            SiteOutput(name: "templates: . with the default _site", templates: ".", out: nil, page: "_site/index.html"),
            SiteOutput(
                name: "--out inside the watched assets folder", templates: "Templates", out: "assets/preview",
                page: "assets/preview/index.html"),
            SiteOutput(
                name: "--out deep inside the watched assets folder", templates: "Templates",
                out: "assets/preview/a/b/c", page: "assets/preview/a/b/c/index.html"),
            SiteOutput(
                name: "--out deep inside templates: .", templates: ".", out: "build/site/preview",
                page: "build/site/preview/index.html"),
        ]
    }

    @Test(arguments: SiteOutput.all)
    func siteWatchIsNotStartedAgainByItsOwnOutput(_ output: SiteOutput) throws {
        let directory = try workspace()
        if output.templates == "." {
            for language in try FileManager.default.contentsOfDirectory(atPath: directory + "/Templates") {
                try FileManager.default.moveItem(
                    atPath: "\(directory)/Templates/\(language)", toPath: "\(directory)/\(language)")
            }
            try Self.edit(directory + "/gen.yml") {
                $0.replacingOccurrences(of: "templates: Templates", with: "templates: .")
            }
        }
        let watch = try WatchedProcess(
            GenCommandTests.gen, ["site", "--watch"] + (output.out.map { ["--out", $0] } ?? []), in: directory)
        defer { watch.kill() }
        try watch.waitForLines(2, on: .output)
        #expect(watch.output[1].contains("index.html: written"), "\(watch.output) \(watch.errors)")
        #expect(FileManager.default.fileExists(atPath: directory + "/" + output.page))
        // Writing the page and its assets starts no run: not now, nor after a rebuild.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.output.count == 2, "\(watch.output)")
        try Self.edit(directory + "/guide.md") {
            $0.replacingOccurrences(of: "# Getting an access token", with: "# Getting a fresh access token")
        }
        try watch.waitForLines(3, on: .output)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.output.count == 3, "\(watch.output)")
        #expect(watch.errors.isEmpty, "\(watch.errors)")
        let page = try String(contentsOfFile: directory + "/" + output.page, encoding: .utf8)
        #expect(page.contains("Getting a fresh access token"))
        #expect(try watch.interrupt() == 0)
    }

    /// The guides and the complete programs beside them, which the watch never looks at.
    @Test func theGuidesAWatchOfAFolderWritesStartNoRun() throws {
        let directory = try workspace(programs: true)
        let guides = directory + "/guides"
        try FileManager.default.createDirectory(atPath: guides + "/more", withIntermediateDirectories: true)
        for name in ["a.md", "b.md", "more/c.md"] {
            try FileManager.default.copyItem(atPath: directory + "/guide.md", toPath: "\(guides)/\(name)")
        }
        let watch = try WatchedProcess(GenCommandTests.gen, ["--watch", "guides"], in: directory)
        defer { watch.kill() }
        try watch.waitForLines(5, on: .output)
        #expect(
            watch.output[4]
                == String(watch.output[4].prefix(9))
                + "3 guides: 3 updated, 0 already up to date; complete programs written to guides/samples/, guides/more/samples/"
        )
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.output.count == 5, "\(watch.output)")
        try Self.edit(directory + "/Templates/python/token-request.concise.mustache") {
            $0.replacingOccurrences(of: "(RFC 6749 §4.4)", with: "(RFC 6749, section 4.4)")
        }
        try watch.waitForLines(9, on: .output)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.output.count == 9, "\(watch.output)")
        #expect(watch.errors.isEmpty, "\(watch.errors)")
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

    init(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]) throws
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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

    /// Waits until `condition` holds, for at most `timeout` seconds.
    func waitUntil(_ what: String, timeout: TimeInterval = 20, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw WatchTimeout(description: "waited \(timeout) s for \(what): \(output.suffix(8)) \(errors.suffix(8))")
    }

    /// The CPU time the process has used so far, user and system, in seconds (Linux's
    /// `/proc/<pid>/stat`, in clock ticks of 1/100 s).
    func cpuSeconds() throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)
        // The fields after the command name, which is in parentheses and may hold spaces.
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        return (Double(fields[11])! + Double(fields[12])!) / 100
    }

    func kill() {
        if process.isRunning { process.terminate() }
    }
}

struct WatchTimeout: Error, CustomStringConvertible {
    let description: String
}

import Foundation
import TestSupport
import Testing

/// What `gen --watch` costs while nothing changes, and what it still sees: with inotify (the
/// default on Linux) and by polling (`GEN_WATCH_POLL=1`, as on a network file system).
@Suite struct WatchCostTests {
    let watchTests = WatchTests()

    enum Method: String, CaseIterable, Sendable {
        case inotify, polling

        var environment: [String: String] { self == .polling ? ["GEN_WATCH_POLL": "1"] : [:] }
        var firstLine: String {
            self == .polling
                ? "by polling every 100 ms (GEN_WATCH_POLL is set); Ctrl-C stops" : "with inotify; Ctrl-C stops"
        }
    }

    /// A guide with one empty code section, for gen to fill (with `configuration`: one language,
    /// one group, so that a run over 100 guides stays short in a debug build).
    static let smallGuide = "# A guide\n\n## Postman guide\n\nPython code:\n\n"
    static let configuration =
        "templates: Templates\nlanguages: [python]\ngroups:\n  Postman guide: token-request\ncomplete_programs: \"\"\n"

    /// A workspace whose `docs` folder holds `guides` small guides, in ten folders, beside
    /// `others` other files (images, in those folders and ten of their own).
    func workspace(guides: Int, others: Int) throws -> String {
        let directory = try watchTests.workspace()
        try Data(Self.configuration.utf8).write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        let docs = directory + "/docs"
        for index in 0..<guides {
            let folder = "\(docs)/part-\(index % 10)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(Self.smallGuide.utf8).write(to: URL(fileURLWithPath: "\(folder)/guide-\(index).md"))
        }
        for index in 0..<others {
            let folder = index % 2 == 0 ? "\(docs)/part-\(index % 10)" : "\(docs)/images/set-\(index % 10)"
            if index < 20 { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            guard FileManager.default.createFile(atPath: "\(folder)/image-\(index).png", contents: Data([0x89, 0x50]))
            else { throw CocoaError(.fileWriteUnknown) }
        }
        return directory
    }

    /// The share of one core `watch` uses over `seconds` while nothing changes: CPU time over
    /// elapsed time, so a busy machine (which slows the clock of nothing here) does not inflate it.
    static func idleShare(of watch: WatchedProcess, over seconds: Double = 5) throws -> Double {
        let start = try watch.cpuSeconds()
        let clock = ContinuousClock()
        let began = clock.now
        Thread.sleep(forTimeInterval: seconds)
        let elapsed = clock.now - began
        let used = try watch.cpuSeconds() - start
        return used / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// 100 guides beside 20,000 other files: idle, the watch uses under 2 % of a core with inotify
    /// (it sleeps until the kernel reports a change), and under 5 % polling (only the guides,
    /// gen.yml and the templates are looked at; a folder is listed again only when it changed).
    /// It was about 50 %: every file under the folder was looked at every 100 ms.
    @Test(arguments: Method.allCases)
    func anIdleWatchOfAHundredGuidesBesideTwentyThousandFilesUsesLittleCPU(_ method: Method) throws {
        let directory = try workspace(guides: 100, others: 20_000)
        let watch = try WatchedProcess(
            GenCommandTests.gen, ["--watch", "docs"], in: directory, environment: method.environment)
        defer { watch.kill() }
        try watch.waitUntil("the first run", timeout: 120) {
            watch.output.contains { $0.hasSuffix("100 guides: 100 updated, 0 already up to date") }
        }
        #expect(watch.output[0].hasSuffix(method.firstLine), "\(watch.output[0])")
        // Idle: the run is over, and its folders changed long enough ago for their listings to be
        // trusted when polling (3 s).
        Thread.sleep(forTimeInterval: 4)
        let lines = watch.output.count
        let share = try Self.idleShare(of: watch)
        print(
            "gen --watch of 100 guides beside 20,000 files, idle, \(method): \(String(format: "%.2f", share * 100)) % of a core"
        )
        #expect(share < (method == .inotify ? 0.02 : 0.05), "\(share * 100) % of a core")
        #expect(watch.output.count == lines, "\(watch.output.suffix(3))")

        // Still watching: a guide saved in place is filled.
        let guide = directory + "/docs/part-3/guide-13.md"
        try Data((Self.smallGuide + "\n## Postman guide\n\nPython code:\n\n").utf8).write(
            to: URL(fileURLWithPath: guide))
        try watch.waitUntil("the guide filled") {
            watch.output.last?.hasSuffix("100 guides: 1 updated, 99 already up to date") == true
        }
        #expect(watch.errors.isEmpty, "\(watch.errors)")
        #expect(try watch.interrupt() == 0)
    }

    /// Every kind of change a run depends on starts one, however it is made; other files do not.
    @Test(arguments: Method.allCases)
    func everyChangeARunReadsIsSeenAndNoOther(_ method: Method) throws {
        let directory = try workspace(guides: 2, others: 0)
        try Data((Self.configuration + "openapi: api/openapi.yaml\n").utf8)
            .write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        try FileManager.default.createDirectory(atPath: directory + "/api", withIntermediateDirectories: true)
        let document = directory + "/api/openapi.yaml"
        try Data(OpenAPITests.document30.utf8).write(to: URL(fileURLWithPath: document))
        // A guide that is a symbolic link to a file outside the folder.
        try FileManager.default.createDirectory(atPath: directory + "/shared", withIntermediateDirectories: true)
        let linked = directory + "/shared/linked.md"
        try Data(Self.smallGuide.utf8).write(to: URL(fileURLWithPath: linked))
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/docs/part-1/linked.md", withDestinationPath: "../../shared/linked.md")
        let watch = try WatchedProcess(
            GenCommandTests.gen, ["--watch", "docs"], in: directory, environment: method.environment)
        defer { watch.kill() }
        try watch.waitUntil("the first run") {
            watch.output.contains { $0.hasSuffix("3 guides: 3 updated, 0 already up to date") }
        }
        #expect(watch.output[0].hasSuffix(method.firstLine), "\(watch.output[0])")
        let first = directory + "/docs/part-0/guide-0.md"
        func guide(_ path: String = first) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        func runs() -> Int { watch.output.filter { $0.contains(" guides: ") }.count }

        // A guide written in place (no rename), with a second group.
        var count = runs()
        try Data((Self.smallGuide + "\n## Postman guide\n\nPython code:\n\n").utf8).write(
            to: URL(fileURLWithPath: first))
        try watch.waitUntil("the guide written in place") {
            guide().components(separatedBy: "```python gen=token-request").count == 3 && runs() > count
        }

        // The file a linked guide leads to, written in place.
        count = runs()
        try Data((Self.smallGuide + "\n## Postman guide\n\nPython code:\n\n").utf8).write(
            to: URL(fileURLWithPath: linked))
        try watch.waitUntil("the linked guide's file written in place") {
            guide(linked).components(separatedBy: "```python gen=token-request").count == 3 && runs() > count
        }

        // A folder made now, with a guide in it at once: the new folder is watched before it is read.
        count = runs()
        let deeper = directory + "/docs/new/deeper"
        try FileManager.default.createDirectory(atPath: deeper, withIntermediateDirectories: true)
        try Data(Self.smallGuide.utf8).write(to: URL(fileURLWithPath: deeper + "/new.md"))
        try watch.waitUntil("the guide in the new folder") {
            guide(deeper + "/new.md").contains("```python gen=token-request") && runs() > count
        }

        // A template saved by rename, then the whole template folder replaced by another.
        count = runs()
        try WatchTests.edit(directory + "/Templates/python/token-request.concise.mustache") {
            $0 + "\n# saved by rename"
        }
        try watch.waitUntil("the template's change") { guide().contains("# saved by rename") && runs() > count }
        count = runs()
        try FileManager.default.copyItem(atPath: directory + "/Templates", toPath: directory + "/Templates.new")
        try WatchTests.edit(directory + "/Templates.new/python/token-request.concise.mustache") {
            $0.replacingOccurrences(of: "# saved by rename", with: "# from the folder put in its place")
        }
        try FileManager.default.moveItem(atPath: directory + "/Templates", toPath: directory + "/Templates.old")
        try FileManager.default.moveItem(atPath: directory + "/Templates.new", toPath: directory + "/Templates")
        try watch.waitUntil("the replaced folder's template") {
            guide().contains("# from the folder put in its place") && runs() > count
        }
        // The folder put in place is watched itself, not the one moved away.
        count = runs()
        try WatchTests.edit(directory + "/Templates/python/token-request.concise.mustache") {
            $0 + "\n# and edited after"
        }
        try watch.waitUntil("an edit in the replaced folder") {
            guide().contains("# and edited after") && runs() > count
        }

        // The OpenAPI document and gen.yml, both written in place.
        count = runs()
        let moved = OpenAPITests.document30.replacingOccurrences(of: "id.example.com", with: "moved.example.com")
        try Data(moved.utf8).write(to: URL(fileURLWithPath: document))
        try watch.waitUntil("the document's token URL") { guide().contains("moved.example.com") && runs() > count }
        count = runs()
        let config = try String(contentsOfFile: directory + "/gen.yml", encoding: .utf8)
        try Data((config + "token_request:\n  scope: payments.write\n").utf8)
            .write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        try watch.waitUntil("gen.yml's change") { guide().contains("payments.write") && runs() > count }
        count = runs()

        // Files no run reads start none: images, a note, a backup, a hidden folder's file.
        for name in ["docs/images/new.png", "docs/part-0/notes.txt", "docs/part-0/guide-0.md~", "docs/.cache/x.md"] {
            try FileManager.default.createDirectory(
                atPath: (directory + "/" + name as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(runs() == count, "\(watch.output.suffix(4))")
        #expect(watch.errors.isEmpty, "\(watch.errors)")
        #expect(try watch.interrupt() == 0)
    }

    /// Where inotify cannot tell: a folder on NFS (a mount table given by a test hook), the
    /// kernel's limit on watches reached at the start, or reached later by new folders. The
    /// watch says so and polls, and still sees a new guide in a new folder.
    enum Refusal: String, CaseIterable, Sendable {
        case mountedOverNFS, watchLimitAtStart, watchLimitLater
    }

    @Test(arguments: Refusal.allCases)
    func whereInotifyCannotTellTheWatchSaysSoAndPolls(_ refusal: Refusal) throws {
        let directory = try workspace(guides: 1, others: 0)
        var environment: [String: String] = [:]
        switch refusal {
        case .mountedOverNFS:
            let table = directory + "/mountinfo"
            try Data(
                "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n30 22 0:50 / \(directory) rw - nfs4 server:/export rw\n".utf8
            )
            .write(to: URL(fileURLWithPath: table))
            environment["GEN_TEST_MOUNTINFO"] = table
        case .watchLimitAtStart: environment["GEN_TEST_INOTIFY_WATCHES"] = "3"
        case .watchLimitLater: environment["GEN_TEST_INOTIFY_WATCHES"] = "30"
        }
        let watch = try WatchedProcess(
            GenCommandTests.gen, ["--watch", "docs"], in: directory, environment: environment)
        defer { watch.kill() }
        try watch.waitUntil("the first run") {
            watch.output.contains { $0.hasSuffix("1 guide: 1 updated, 0 already up to date") }
        }
        let limit = "(inotify cannot watch more folders: the kernel's fs.inotify.max_user_watches is reached)"
        switch refusal {
        case .mountedOverNFS:
            #expect(
                watch.output[0].hasSuffix(
                    "by polling every 100 ms (gen.yml is on nfs4, whose changes from elsewhere inotify does not see); Ctrl-C stops"
                ), "\(watch.output[0])")
        case .watchLimitAtStart:
            #expect(watch.output[0].hasSuffix("by polling every 100 ms \(limit); Ctrl-C stops"), "\(watch.output[0])")
        case .watchLimitLater:
            #expect(watch.output[0].hasSuffix("with inotify; Ctrl-C stops"), "\(watch.output[0])")
        }
        // Thirty new folders, a guide in the last.
        var folder = directory + "/docs"
        for index in 0..<30 { folder += "/level-\(index)" }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.smallGuide.utf8).write(to: URL(fileURLWithPath: folder + "/deep.md"))
        try watch.waitUntil("the guide in the new folders") {
            ((try? String(contentsOfFile: folder + "/deep.md", encoding: .utf8)) ?? "").contains("```python gen=")
        }
        if refusal == .watchLimitLater {
            #expect(
                watch.output.contains("gen: \(limit.dropFirst().dropLast()); polling every 100 ms instead"),
                "\(watch.output)")
        }
        #expect(watch.errors.isEmpty, "\(watch.errors)")
        #expect(try watch.interrupt() == 0)
    }
}

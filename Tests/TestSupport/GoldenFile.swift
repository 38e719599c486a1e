import Foundation

/// Compares whole outputs with checked-in files. `RECORD_GOLDEN=1 swift test` rewrites them;
/// read the diff before committing — a golden file changes only on purpose.
public enum GoldenFile {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Nil when `actual` matches the file at `relativePath` (recorded first when recording),
    /// else a message with the unified diff.
    public static func mismatch(_ actual: String, against relativePath: String) throws -> String? {
        let path = RepositoryPaths.path(relativePath)
        if isRecording {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            return nil
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            return "\(relativePath) does not exist; record it with RECORD_GOLDEN=1 swift test, then read it"
        }
        guard Data(actual.utf8) != expected else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try Data(actual.utf8).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let diff = try ProcessResult.run(
            "diff", ["-u", "--label", relativePath, "--label", "rendered", path, scratch.path])
        return
            "\(relativePath) differs from what was rendered (re-record with RECORD_GOLDEN=1 only if the change is intended):\n\(diff.stdout)"
    }
}

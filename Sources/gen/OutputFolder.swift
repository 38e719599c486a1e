import Generator
import SampleModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folders `gen export` and `gen site` write into. `gen` replaces only a folder it wrote
/// itself, which it marks with a file naming the tool and its version; any other folder is
/// refused, unless `--force` is given.
enum OutputFolder {
    static let toolVersion = GenVersion.number
    static let markerName = BatchPlan.generatedFolderMark
    private static let markerPrefix = "gen (SampleGen)"
    static let markerText = """
        \(markerPrefix) \(toolVersion)
        gen wrote this folder and replaces what it holds on its next run; delete this file to keep gen from touching it.

        """

    /// Fails unless `gen` may replace `path`: it does not exist, is an empty folder, or is a
    /// folder holding gen's mark (or `force`). `advice` ends the message: what to do instead.
    static func checkReplaceable(
        _ path: String, force: Bool,
        advice: String = "remove it, choose another --out, or pass --force to replace it"
    ) throws(GenFailure) {
        guard !force else { return }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            // Missing, or under a file: creating it reports that.
            if errno == ENOENT || errno == ENOTDIR { return }
            throw .file(path, "cannot be read: \(AtomicFile.errorText())")
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw .file(path, "is a symbolic link, not a folder gen wrote; \(advice)")
        default: throw .file(path, "is a file, not a folder gen wrote; \(advice)")
        }
        if isEmpty(path) || isMarked(path) { return }
        throw .file(path, "is a folder gen did not write (it has no \(markerName) file); \(advice)")
    }

    /// Marks a folder as gen's.
    static func mark(_ path: String) throws(GenFailure) {
        let marker = "\(path)/\(markerName)"
        if isMarked(path), (try? Workspace.readBytes(marker)) == Array(markerText.utf8) { return }
        try AtomicFile.write(marker, Array(markerText.utf8))
    }

    private static func isMarked(_ path: String) -> Bool {
        var status = stat()
        let marker = "\(path)/\(markerName)"
        guard lstat(marker, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            let bytes = try? Workspace.readBytes(marker, limit: 4096)
        else { return false }
        return bytes.starts(with: Array(markerPrefix.utf8))
    }

    private static func isEmpty(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { return false }
        }
        return true
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the files of a `WatchSet` look like now: each regular file's `FileState`, by normalized
/// path. Only the files a run reads are looked at (`stat`); the other entries of a folder are
/// only listed, and a folder's listing is read again only when the folder changed
/// (`FolderListings`).
struct FileSnapshot: Equatable {
    private(set) var files: [String: FileState] = [:]
    /// The folders looked into, for a watch to subscribe to.
    private(set) var folders: [String] = []
    /// Where the symbolic links among `files` lead (normalized): a change there is a change.
    private(set) var linkTargets: Set<String> = []

    static func == (left: FileSnapshot, right: FileSnapshot) -> Bool { left.files == right.files }

    /// Looks at `set` now; `entering` is called with each folder before it is listed.
    init(_ set: WatchSet, listings: FolderListings, entering: (String) -> Void = { _ in }) {
        for root in set.roots where !set.isExcluded(root.path) {
            guard let state = FileState(path: root.path) else { continue }
            if state.isDirectory {
                walk(root, set: set, listings: listings, entering: entering)
            } else {
                var link = stat()
                add(root.path, state, isLink: lstat(root.path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK)
            }
        }
    }

    init(files: [String: FileState]) { self.files = files }

    private mutating func walk(
        _ root: WatchSet.Root, set: WatchSet, listings: FolderListings, entering: (String) -> Void
    ) {
        var pending = [root.path]
        while let folder = pending.popLast() {
            entering(folder)
            folders.append(folder)
            for entry in listings.entries(of: folder, in: root.contents) {
                let path = folder == "/" ? "/" + entry.name : folder + "/" + entry.name
                guard !set.isExcluded(path) else { continue }
                if entry.isFolder {
                    pending.append(path)
                } else if let state = FileState(path: path) {
                    add(path, state, isLink: entry.isLink)
                }
            }
        }
    }

    private mutating func add(_ path: String, _ state: FileState, isLink: Bool) {
        guard state.isRegularFile else { return }
        files[path] = state
        if isLink, let real = realpath(path, nil) {
            linkTargets.insert(String(cString: real))
            free(real)
        }
    }

    /// Absolute, without `.` or `..` (symbolic links are kept: a watch looks at the path given).
    static func normalized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// This snapshot with `paths` taken from `other`.
    func replacing(_ paths: some Sequence<String>, with other: FileSnapshot) -> FileSnapshot {
        var files = files
        for path in paths { files[path] = other.files[path] }
        return FileSnapshot(files: files)
    }
}

/// Folder listings kept between looks: a folder is listed again when its inode or modification
/// time changed, and, while it changed too recently for its time to be trusted (a file system
/// may keep times to the second, or to 2 s: an entry added in the same second leaves the time as
/// it was), every half second.
/// Each listing keeps the entries a watch looks at, so a look at a folder of 20,000 images
/// that did not change costs one `stat`.
final class FolderListings {
    /// An entry a watch may look at (hidden files, backups and autosaves are left out).
    struct Entry {
        let name: String
        let isFolder: Bool
        /// A symbolic link (to a file: links to folders are not walked).
        let isLink: Bool
        let kind: WatchSet.FileKind
    }

    private struct Listing {
        let state: FileState
        let entries: [Entry]
        let trusted: Bool
        let listedAt: ContinuousClock.Instant
        /// `entries` a root folder of each kind looks at.
        var looked: [WatchSet.Contents: [Entry]] = [:]
    }

    private var listings: [String: Listing] = [:]
    /// How long after a folder's last change its listing may still miss an entry.
    private static let settlingSeconds = 3
    /// How often a folder changed that recently is listed again.
    private static let recheckInterval = Duration.milliseconds(500)

    /// The entries of `folder` a root folder holding `contents` looks at (`WatchSet.looksAt`).
    func entries(of folder: String, in contents: WatchSet.Contents) -> [Entry] {
        guard let state = FileState(path: folder) else {
            listings[folder] = nil
            return []
        }
        if var known = listings[folder], known.state == state,
            known.trusted || ContinuousClock.now - known.listedAt < Self.recheckInterval
        {
            if let looked = known.looked[contents] { return looked }
            let looked = known.entries.filter { WatchSet.looksAt($0, in: contents) }
            known.looked[contents] = looked
            listings[folder] = known
            return looked
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let trusted = now.tv_sec - state.modifiedSeconds > Self.settlingSeconds
        let entries = Self.list(folder)
        let looked = entries.filter { WatchSet.looksAt($0, in: contents) }
        listings[folder] = Listing(
            state: state, entries: entries, trusted: trusted, listedAt: .now, looked: [contents: looked])
        return looked
    }

    /// Forgets folders no longer looked at.
    func keep(only folders: [String]) {
        let kept = Set(folders)
        listings = listings.filter { kept.contains($0.key) }
    }

    private static func list(_ folder: String) -> [Entry] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let named = withUnsafeBytes(of: entry.pointee.d_name) { bytes -> (String, WatchSet.FileKind)? in
                let name = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)])
                guard WatchSet.isWatched(name) else { return nil }
                return (String(decoding: name, as: UTF8.self), WatchSet.FileKind(name))
            }
            guard let (name, kind) = named else { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                // Some file systems do not say.
                var status = stat()
                let format = lstat(folder + "/" + name, &status) == 0 ? status.st_mode & S_IFMT : 0
                type = format == S_IFDIR ? Int32(DT_DIR) : format == S_IFLNK ? Int32(DT_LNK) : Int32(DT_REG)
            }
            entries.append(
                Entry(name: name, isFolder: type == Int32(DT_DIR), isLink: type == Int32(DT_LNK), kind: kind))
        }
        return entries
    }
}

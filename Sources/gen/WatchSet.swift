import Foundation
import GenConfig
import SampleRendering

/// What a watch looks at: paths, each a file or a folder, and in a folder only the files a run
/// reads there (a guide folder's `*.md` and `gen.yml`, a template folder's `*.mustache`).
/// Nothing under an excluded folder (the site gen writes) is looked at, nor anything hidden
/// (an editor's swap file, gen's own `.gen-XXXXXX`), a backup (`guide.md~`) or an autosave
/// (`#guide.md#`). A folder holding 20,000 images beside its guides so costs a watch nothing.
struct WatchSet: Equatable {
    /// Which files under a folder a run reads.
    enum Contents: Hashable {
        /// Guides and their configuration files; `_site` folders (build output) are skipped, as
        /// `gen FOLDER` skips them.
        case guides
        case templates
        case anyFile

        func includes(fileNamed name: Substring) -> Bool {
            includes(FileKind(name))
        }

        func includes(_ kind: FileKind) -> Bool {
            switch self {
            case .guides: kind == .guide || kind == .configuration
            case .templates: kind == .template
            case .anyFile: true
            }
        }

        func descends(into name: Substring) -> Bool {
            self != .guides || name != "_site"
        }
    }

    /// What a file is to a run, by its name: read byte by byte, since a watch asks it of every
    /// entry of a folder it lists.
    enum FileKind {
        case guide, configuration, template, other

        init(_ name: UnsafeRawBufferPointer) {
            func endsWith(_ suffix: StaticString) -> Bool {
                let count = suffix.utf8CodeUnitCount
                return name.count >= count
                    && memcmp(name.baseAddress! + name.count - count, suffix.utf8Start, count) == 0
            }
            if endsWith(".md") {
                self = .guide
            } else if endsWith(".mustache") {
                self = .template
            } else if name.count == 7, endsWith("gen.yml") {
                self = .configuration
            } else {
                self = .other
            }
        }

        init(_ name: Substring) {
            self = Array(name.utf8).withUnsafeBytes { FileKind($0) }
        }
    }

    struct Root: Equatable {
        /// Normalized: absolute, without `.` or `..`.
        let path: String
        /// As given, for the first line.
        let shown: String
        let contents: Contents
    }

    private(set) var roots: [Root] = []
    /// Folders never looked into, normalized.
    private(set) var excluded: [String] = []

    /// Watches `path`, a file or a folder (whichever it is when looked at).
    mutating func add(_ path: String, _ contents: Contents = .anyFile) {
        let normalized = FileSnapshot.normalized(path)
        guard !roots.contains(where: { $0.path == normalized }) else { return }
        roots.append(Root(path: normalized, shown: path, contents: contents))
    }

    mutating func exclude(_ folder: String) {
        excluded.append(FileSnapshot.normalized(folder))
    }

    var shown: [String] { roots.map(\.shown) }

    /// Whether the file at `path` (normalized) is one a run reads: a root itself, or a file the
    /// contents of a root folder include.
    func covers(_ path: String) -> Bool {
        guard !isExcluded(path) else { return false }
        return roots.contains { root in
            guard path != root.path else { return true }
            guard let relative = Self.relative(path, under: root.path) else { return false }
            let parts = relative.split(separator: "/")
            guard let name = parts.last, parts.allSatisfy(Self.isWatched), root.contents.includes(fileNamed: name)
            else { return false }
            return parts.dropLast().allSatisfy(root.contents.descends(into:))
        }
    }

    /// Whether the folder at `path` (normalized) is one a watch looks into, or one on the way to
    /// a root: a change to it (created, renamed) may move what is watched.
    func concerns(folder path: String) -> Bool {
        guard !isExcluded(path) else { return false }
        return roots.contains { root in
            if path == root.path || Self.relative(root.path, under: path) != nil { return true }
            guard let relative = Self.relative(path, under: root.path) else { return false }
            let parts = relative.split(separator: "/")
            return parts.allSatisfy { Self.isWatched($0) && root.contents.descends(into: $0) }
        }
    }

    /// Whether a folder entry (a watched name: `isWatched`) under a root folder holding
    /// `contents` is looked at.
    static func looksAt(_ entry: FolderListings.Entry, in contents: Contents) -> Bool {
        entry.isFolder ? contents.descends(into: entry.name[...]) : contents.includes(entry.kind)
    }

    func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || Self.relative(path, under: $0) != nil }
    }

    /// Hidden files, backups and autosaves are not a writer's sources.
    static func isWatched(_ name: Substring) -> Bool {
        !(name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~"))
    }

    static func isWatched(_ name: UnsafeRawBufferPointer) -> Bool {
        guard let first = name.first, let last = name.last else { return false }
        return first != UInt8(ascii: ".") && first != UInt8(ascii: "#") && last != UInt8(ascii: "~")
    }

    /// `path` relative to `folder`, when it lies under it.
    static func relative(_ path: String, under folder: String) -> Substring? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return path.dropFirst(prefix.count)
    }
}

import Foundation
import GenConfig
import SampleModel

/// What `gen init` writes: the guide found (the one named, else the only `*.md` in the folder),
/// its code sections surveyed, and the gen.yml drafted for it (`ConfigDraft`), to be written
/// beside it where no gen.yml is. Everything is checked before anything is written.
public struct InitPlan: Sendable {
    /// The guide as the user named it, or as it was found.
    public let guidePath: String
    /// `gen.yml` in the guide's folder.
    public let configPath: String
    public let draft: ConfigDraft

    /// `guide`: a guide, a folder holding one `*.md` file, or nil for the current folder.
    public init(guide: String?) throws(Diagnostic) {
        let path = try Self.guide(guide)
        let folder = Self.folder(of: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        configPath = folder.map { "\($0)/\(ConfigFile.fileName)" } ?? ConfigFile.fileName
        try Self.requireNoConfiguration(at: configPath)
        if let control = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .error(
                "the file's name holds \(Diagnostic.codePoint(control.value)), a control character gen.yml cannot name; rename the file",
                at: Diagnostic.Location(path: path))
        }
        guidePath = path
        draft = ConfigDraft(guidePath: name, groups: try GuideSurvey.groups(in: FileBytes.read(path), path: path))
    }

    /// The command that fills the guide now: `gen` where the guide's gen.yml is found from the
    /// current folder, else `gen` and the guide.
    public var fillCommand: String {
        Self.folder(of: guidePath) == nil ? "gen" : "gen \(Self.shellWord(guidePath))"
    }

    /// Refuses a path where anything is: a file, a folder, a symbolic link (even one to nothing).
    public static func requireNoConfiguration(at path: String) throws(Diagnostic) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        let what: String
        switch status.st_mode & S_IFMT {
        case S_IFLNK: what = stat(path, &status) == 0 ? " (a symbolic link)" : " (a symbolic link to nothing)"
        case S_IFDIR: what = " (a folder)"
        default: what = ""
        }
        throw .error(
            "already exists\(what); gen init writes a gen.yml only where there is none, so edit this one, or move it away and run gen init again",
            at: Diagnostic.Location(path: path))
    }

    /// The guide `argument` names: itself, or the one `*.md` file of the folder it names (of the
    /// current folder when nil).
    private static func guide(_ argument: String?) throws(Diagnostic) -> String {
        var isFolder: ObjCBool = false
        if let argument {
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw .error("does not exist", at: Diagnostic.Location(path: argument))
            }
            guard isFolder.boolValue else { return argument }
        }
        // A folder named `.` is the current one: its guide is named as found there.
        let folder = argument.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }.flatMap {
            $0 == "." ? nil : $0
        }
        let found = markdownFiles(in: folder ?? ".").map { name in folder.map { "\($0)/\(name)" } ?? name }
        let here = folder.map { "in \($0)" } ?? "here"
        switch found.count {
        case 1: return found[0]
        case 0:
            throw .error(
                "no Markdown file (*.md) \(here); name the guide, e.g. gen init docs/guide.md",
                at: folder.map { Diagnostic.Location(path: $0) })
        default:
            let shown =
                found.prefix(8).joined(separator: ", ") + (found.count > 8 ? " and \(found.count - 8) more" : "")
            throw .error(
                "several Markdown files \(here) (\(shown)): name one, e.g. gen init \(shellWord(found[0]))",
                at: folder.map { Diagnostic.Location(path: $0) })
        }
    }

    /// The names of the `*.md` files in `folder` (regular files, or links to them; hidden ones
    /// left out), sorted.
    private static func markdownFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            var status = stat()
            return name.hasSuffix(".md") && !name.hasPrefix(".") && stat("\(folder)/\(name)", &status) == 0
                && status.st_mode & S_IFMT == S_IFREG
        }.sorted()
    }

    /// The folder part of a path, or nil for a name in the current folder.
    private static func folder(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "" : folder
    }

    /// A path as one shell word: as it is when it holds only characters no shell reads, else
    /// single-quoted.
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._-/+,:@%".unicodeScalars.contains($0)
        }
        return plain && !path.isEmpty ? path : "'" + path.replacing("'", with: "'\\''") + "'"
    }
}

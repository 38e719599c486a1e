import BundledTemplates
import Foundation
import GenConfig
import SampleRendering

/// Everything `gen` reads from disk: the configuration, the templates, the guide.
enum Workspace {
    /// The configuration file: the one given, else `gen.yml` in `.` or in `docs-site/`.
    static func configurationPath(_ explicit: String?) throws(GenFailure) -> String {
        if let explicit { return explicit }
        let candidates = [ConfigFile.fileName, "docs-site/\(ConfigFile.fileName)"]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw GenFailure("error: no \(ConfigFile.fileName) in . or docs-site/; run gen where the guide's \(ConfigFile.fileName) is, or pass --config PATH")
        }
        return found
    }

    static func loadConfiguration(_ path: String) throws(GenFailure) -> GenConfiguration {
        let text = String(decoding: try readBytes(path), as: UTF8.self)
        do {
            return try ConfigFile.parse(text, path: path)
        } catch {
            throw GenFailure(error.description)
        }
    }

    /// The templates in `directory`, or those built into `gen` when it is nil.
    static func loadTemplates(_ directory: String?) throws(GenFailure) -> TemplateSet {
        let files: [TemplateFile]
        if let directory {
            files = try templateFiles(in: directory)
        } else {
            files = BundledTemplates.files
        }
        do {
            return try TemplateSet(files)
        } catch {
            throw GenFailure(error.description)
        }
    }

    static func readBytes(_ path: String) throws(GenFailure) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .file(path, "does not exist")
        }
        guard !isDirectory.boolValue else { throw .file(path, "is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file(path, "cannot be read; check its permissions")
        }
        return Array(data)
    }

    /// Replaces `directory` with a folder holding exactly `files`, written beside it first and
    /// renamed into place, so a failed export never leaves a half-written folder.
    static func writeFolder(_ directory: String, files: [String: String]) throws(GenFailure) {
        let manager = FileManager.default
        let staging = "\(directory).gen-\(getpid())"
        do {
            try? manager.removeItem(atPath: staging)
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: URL(fileURLWithPath: "\(staging)/\(name)"))
            }
            if manager.fileExists(atPath: directory) { try manager.removeItem(atPath: directory) }
            try manager.moveItem(atPath: staging, toPath: directory)
        } catch {
            try? manager.removeItem(atPath: staging)
            throw .file(directory, "cannot be written: \(error.localizedDescription)")
        }
    }

    static func createDirectory(_ path: String) throws(GenFailure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .file(path, "cannot be created: \(error.localizedDescription)")
        }
    }

    /// `base` joined with `path`, unless `path` is absolute.
    static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (base as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : "\(directory)/\(path)"
    }

    private static func templateFiles(in directory: String) throws(GenFailure) -> [TemplateFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .file(directory, "is not a template folder (expected <language>/<snippet>.\(TemplateFile.fileExtension) files)")
        }
        let suffix = "." + TemplateFile.fileExtension
        let names = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(suffix) }
            .sorted()
        var files: [TemplateFile] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
            let text = String(decoding: try readBytes(path), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            files.append(TemplateFile(name: String(name.dropLast(suffix.count)), path: path, text: text))
        }
        return files
    }
}

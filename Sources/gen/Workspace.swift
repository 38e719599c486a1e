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

    /// A file's bytes, read straight into the array the guide is parsed from (no copies).
    static func readBytes(_ path: String) throws(GenFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .file(path, errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .file(path, "cannot be read: \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .file(path, "is a folder, not a file") }
        var bytes: [UInt8] = []
        var capacity = max(Int(status.st_size), 0) + 1
        while true {
            // Read until end of file, growing if the file grew since fstat.
            var failed = false
            bytes.reserveCapacity(capacity)
            let before = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity - before))
            let read = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                var total = before
                while total < buffer.count {
                    let result = Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
                    if result < 0, errno == EINTR { continue }
                    if result < 0 { failed = true; return total }
                    if result == 0 { break }
                    total += result
                }
                return total
            }
            guard !failed else { throw .file(path, "cannot be read: \(String(cString: strerror(errno)))") }
            bytes.removeLast(bytes.count - read)
            if read < capacity { return bytes }
            capacity *= 2
        }
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

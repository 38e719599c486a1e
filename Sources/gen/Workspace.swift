import BundledTemplates
import Foundation
import GenConfig
import SampleModel
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

    /// The most of a configuration file `gen` reads: gen.yml is a few hundred bytes.
    static let configurationSizeLimit = 1 << 20

    static func loadConfiguration(_ path: String) throws(GenFailure) -> GenConfiguration {
        let bytes = try readBytes(path, limit: configurationSizeLimit)
        do {
            return try ConfigFile.parse(bytes: bytes, path: path)
        } catch {
            throw GenFailure(error.description)
        }
    }

    /// The templates in `directory`, or those built into `gen` when it is nil; a template
    /// `languages` need and `directory` lacks is named with its folder.
    static func loadTemplates(_ directory: String?, languages: [Language]) throws(GenFailure) -> TemplateSet {
        let files: [TemplateFile]
        if let directory {
            files = try templateFiles(in: directory)
        } else {
            files = BundledTemplates.files
        }
        let set: TemplateSet
        do {
            set = try TemplateSet(files)
        } catch {
            throw GenFailure(error.description)
        }
        for language in languages {
            for snippet in Snippet.allCases where set.file(for: snippet, in: language) == nil {
                let folder = directory.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "the templates built into gen: "
                throw .file("\(folder)\(language.rawValue)/\(snippet.rawValue).\(TemplateFile.fileExtension)",
                            "no such template; every language needs one per snippet (\(Snippet.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        return set
    }

    /// A regular file's bytes, read straight into the array the guide is parsed from (no
    /// copies); a file longer than `limit` is refused without being read.
    static func readBytes(_ path: String, limit: Int? = nil) throws(GenFailure) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw .file(path, errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .file(path, "cannot be read: \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .file(path, "is a folder, not a file") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .file(path, "is not a regular file; gen reads only regular files") }
        if let limit, Int(status.st_size) > limit {
            throw .file(path, "is \(status.st_size) bytes, more than the \(limit) gen reads from such a file")
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
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
            if let limit, bytes.count > limit {
                throw .file(path, "is more than the \(limit) bytes gen reads from such a file")
            }
            if read < capacity { return bytes }
            capacity *= 2
        }
    }

    /// Replaces `directory` with a folder holding exactly `files` and gen's mark, written beside
    /// it first and renamed into place, so a failed export never leaves a half-written folder.
    /// The caller has checked (`OutputFolder`) that an existing `directory` may be replaced.
    static func writeFolder(_ directory: String, files: [String: String]) throws(GenFailure) {
        let parent = AtomicFile.directory(of: directory)
        let name = directory.split(separator: "/").last.map(String.init) ?? directory
        let staging = "\(parent)/.\(name).gen-\(getpid())"
        let retired = "\(parent)/.\(name).gen-old-\(getpid())"
        removeTree(staging)
        do throws(GenFailure) {
            guard mkdir(staging, 0o755) == 0 else { throw .file(directory, "cannot be written: \(AtomicFile.errorText())") }
            for (name, text) in files.sorted(by: { $0.key < $1.key }) + [(OutputFolder.markerName, OutputFolder.markerText)] {
                try writeNewFile("\(staging)/\(name)", Array(text.utf8), reported: directory)
            }
            var status = stat()
            let exists = lstat(directory, &status) == 0
            if exists, Glibc.rename(directory, retired) != 0 {
                throw .file(directory, "cannot be replaced: \(AtomicFile.errorText())")
            }
            guard Glibc.rename(staging, directory) == 0 else {
                let failure = errno
                if exists { _ = Glibc.rename(retired, directory) }
                errno = failure
                throw .file(directory, "cannot be written: \(AtomicFile.errorText())")
            }
            if exists { removeTree(retired) }
        } catch {
            removeTree(staging)
            throw error
        }
    }

    /// Creates `path` and the folders above it that are missing.
    static func createDirectory(_ path: String) throws(GenFailure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/\(component)"
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw .file(path, "cannot be created: \(prefix) is a file, not a folder")
                }
                continue
            }
            guard mkdir(prefix, 0o755) == 0 || errno == EEXIST else {
                throw .file(path, "cannot be created: \(AtomicFile.errorText())")
            }
        }
    }

    private static func writeNewFile(_ path: String, _ bytes: [UInt8], reported: String) throws(GenFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw .file(reported, "cannot be written: \(AtomicFile.errorText())") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { throw .file(reported, "cannot be written: \(AtomicFile.errorText())") }
            written += result
        }
    }

    /// Removes a folder gen made (its own staging or retired copy), ignoring failures.
    private static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
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

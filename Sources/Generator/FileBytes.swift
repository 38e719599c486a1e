import SampleModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading files: the configuration, the templates, the guides. Every read of the pipeline goes
/// through here; writing is the command line's.
public enum FileBytes {
    /// A regular file's bytes, read straight into the array the guide is parsed from (no
    /// copies); a file longer than `limit` is refused without being read.
    public static func read(_ path: String, limit: Int? = nil) throws(Diagnostic) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw Self.failure(
                path, errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw Self.failure(path, "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw Self.failure(path, "is a folder, not a file") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw Self.failure(path, "is not a regular file; gen reads only regular files")
        }
        if let limit, Int(status.st_size) > limit {
            throw Self.failure(path, "is \(status.st_size) bytes, more than the \(limit) gen reads from such a file")
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
                    guard let base = buffer.baseAddress else { break }
                    let result = posixRead(descriptor, base + total, buffer.count - total)
                    if result < 0, errno == EINTR { continue }
                    if result < 0 {
                        failed = true
                        return total
                    }
                    if result == 0 { break }
                    total += result
                }
                return total
            }
            guard !failed else { throw Self.failure(path, "cannot be read: \(String(cString: strerror(errno)))") }
            bytes.removeLast(bytes.count - read)
            if let limit, bytes.count > limit {
                throw Self.failure(path, "is more than the \(limit) bytes gen reads from such a file")
            }
            if read < capacity { return bytes }
            capacity *= 2
        }
    }

    private static func failure(_ path: String, _ message: String) -> Diagnostic {
        .error(message, at: Diagnostic.Location(path: path))
    }
}

/// read(2), named apart so `FileBytes.read` does not hide it.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

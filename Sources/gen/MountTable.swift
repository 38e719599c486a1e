import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The mounted file systems (`/proc/self/mountinfo`): which kind a path lies on.
struct MountTable {
    let mounts: [(point: String, type: String)]

    static func current() -> MountTable {
        var path = "/proc/self/mountinfo"
        #if DEBUG
            // Test hook (debug builds only): another mount table, to place a folder on NFS.
            if let given = getenv("GEN_TEST_MOUNTINFO") { path = String(cString: given) }
        #endif
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return MountTable(mounts: [])
        }
        var mounts: [(String, String)] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count else { continue }
            mounts.append((unescaped(fields[4]), String(fields[dash + 1])))
        }
        return MountTable(mounts: mounts)
    }

    /// The type of the file system `path` (absolute) lies on: the last mount of the longest
    /// mount point above it (symbolic links resolved).
    func fileSystemType(of path: String) -> String? {
        var resolved = path
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        var best: (length: Int, type: String)?
        for (point, type) in mounts {
            let isAbove = point == "/" || resolved == point || resolved.hasPrefix(point + "/")
            if isAbove, point.count >= (best?.length ?? -1) { best = (point.count, type) }
        }
        return best?.type
    }

    /// File systems whose files another machine (or a FUSE process) may change unseen by inotify.
    static func isShared(_ type: String) -> Bool {
        let shared: Set<String> = [
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "afs", "lustre", "gpfs", "vboxsf", "virtiofs",
            "glusterfs", "ncpfs", "coda", "ocfs2", "gfs2", "fuse", "prl_fs", "vmhgfs",
        ]
        return shared.contains(type) || (type.hasPrefix("fuse.") && type != "fuse.portal")
    }

    /// A mount point as the kernel writes it: space, tab, newline and backslash in octal.
    private static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var characters = Array(field.utf8)[...]
        while let byte = characters.popFirst() {
            if byte == UInt8(ascii: "\\"), characters.count >= 3,
                let value = UInt8(String(decoding: characters.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                characters = characters.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

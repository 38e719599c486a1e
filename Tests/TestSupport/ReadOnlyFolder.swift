import Foundation

/// A folder nobody can write to, not even root: permission bits for a normal user; for root,
/// who ignores them, a small tmpfs remounted read-only.
public struct ReadOnlyFolder {
    public let path: String
    private let isMount: Bool

    public init(copying names: [String], from source: String) throws {
        path = try RepositoryPaths.scratchDirectory()
        isMount = getuid() == 0
        if isMount {
            try Self.mount(["-t", "tmpfs", "-o", "size=4m", "tmpfs", path])
        }
        for name in names {
            try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(path)/\(name)")
        }
        if isMount {
            try Self.mount(["-o", "remount,ro", path])
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path)
        }
    }

    public func remove() {
        if isMount {
            _ = try? ProcessResult.run("umount", [path])
        } else {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func mount(_ arguments: [String]) throws {
        let result = try ProcessResult.run("mount", arguments)
        guard result.status == 0 else { throw MountFailed(output: result.stderr) }
    }

    struct MountFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "running as root, the test needs mount rights to make a read-only tmpfs: \(output)" }
    }
}

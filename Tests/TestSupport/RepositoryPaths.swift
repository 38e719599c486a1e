import Foundation

/// Paths inside the repository, found from this file's location so tests run from any folder.
public enum RepositoryPaths {
    /// The repository's root folder.
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    public static func path(_ relative: String) -> String { "\(root)/\(relative)" }
}

extension RepositoryPaths {
    /// The folder SwiftPM builds products into (where `gen` is), found beside the test bundle.
    public static var productsDirectory: String {
        let bundle =
            Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundlePath
            ?? CommandLine.arguments[0]
        return (bundle as NSString).deletingLastPathComponent
    }

    /// A new empty folder for one test.
    public static func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samplegen-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

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

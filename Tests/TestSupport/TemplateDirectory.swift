import Foundation
import Generator
import SampleRendering

/// The repository's `Templates/` folder, read the way `gen --templates` reads a folder.
public enum TemplateDirectory {
    public static let path = RepositoryPaths.path("Templates")

    public static func files() throws -> [TemplateFile] {
        try TemplateFolder.load(directory: path, shownAs: "Templates")
    }
}

import Foundation
import SampleRendering

/// The repository's `Templates/` folder, read the way `gen --templates` reads a folder.
public enum TemplateDirectory {
    public static let path = RepositoryPaths.path("Templates")

    public static func files() throws -> [TemplateFile] {
        let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".\(TemplateFile.fileExtension)") }
            .sorted()
        return try names.map { name in
            let text = try String(contentsOfFile: "\(path)/\(name)", encoding: .utf8)
            return TemplateFile(name: String(name.dropLast(TemplateFile.fileExtension.count + 1)),
                                path: "Templates/\(name)", text: text)
        }
    }

    /// Names used by variable and section tags, with their lines.
    public static func valueNames(in text: String) -> [(String, Int)] {
        var names: [(String, Int)] = []
        var line = 1
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            line += rest[..<open.lowerBound].count(where: \.isNewline)
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            var body = rest[open.upperBound..<close.lowerBound]
            if body.first == "{" { body = body.dropFirst() }
            let trimmed = body.trimmingCharacters(in: .whitespaces)
            if let first = trimmed.first, "#^&".contains(first) {
                names.append((String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces), line))
            } else if let first = trimmed.first, !"/>!%=<$".contains(first) {
                names.append((trimmed, line))
            }
            line += body.count(where: \.isNewline)
            rest = rest[close.upperBound...]
        }
        return names
    }
}

import SampleModel

/// The complete programs a guide's concise samples link to (gen's `ProgramLink` line under each),
/// as the run that fills the guide renders them: what the site shows under a sample and serves
/// for download, and what Confluence expands. The published pages take each program from here by
/// the block's language and snippet, never from the line's address, which is the guide's text.
public struct LinkedPrograms: Sendable, Hashable {
    /// Each language's folder: file name → text, as `gen` writes it beside the guide.
    private let folders: [Language: [String: String]]

    /// `folders`: each language's files by name, as `SampleFolder.files` holds them.
    public init(_ folders: [Language: [String: String]] = [:]) {
        self.folders = folders
    }

    /// No programs: every link line is left out and nothing is shown in its place.
    public static let none = LinkedPrograms()

    /// The folder of the site that holds them: `programs/<language>/<file>` beside `index.html`.
    public static let siteFolder = "programs"

    /// One program as a page shows it.
    struct Program: Hashable {
        let language: Language
        let fileName: String
        let text: String

        /// Where the site serves it, relative to the page: from the language's raw value and the
        /// file name its descriptor gives the snippet, each percent-encoded but for RFC 3986's
        /// unreserved characters.
        var sitePath: String {
            [LinkedPrograms.siteFolder, language.rawValue, fileName].map(LinkedPrograms.encoded).joined(separator: "/")
        }
    }

    /// The complete program of `snippet` in `language`, when the run has it.
    func program(_ snippet: Snippet, in language: Language) -> Program? {
        let fileName = language.exportFileName(snippet)
        guard Self.isPlainName(fileName), let text = folders[language]?[fileName] else { return nil }
        return Program(language: language, fileName: fileName, text: text)
    }

    /// What `gen site` writes under `siteFolder`: `<language>/<file>` → text for every file of
    /// every folder (the programs, and the README and support files beside them). A name that is
    /// not one plain file name (a `/`, `.`, `..`, empty) is left out: no path here leaves the folder.
    public var siteFiles: [String: String] {
        var files: [String: String] = [:]
        for (language, folder) in folders {
            for (name, text) in folder where Self.isPlainName(name) {
                files["\(language.rawValue)/\(name)"] = text
            }
        }
        return files
    }

    /// A file name of one component that names a file in its folder.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
            && !name.contains("\\")
    }

    /// `component` with every byte but RFC 3986's unreserved characters percent-encoded.
    static func encoded(_ component: String) -> String {
        var encoded = ""
        for byte in component.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "-._~".unicodeScalars.contains(scalar)
            {
                encoded.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count < 2 ? "0" : "") + hex
            }
        }
        return encoded
    }
}

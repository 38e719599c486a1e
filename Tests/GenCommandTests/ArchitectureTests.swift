import Foundation
import TestSupport
import Testing

/// ARCHITECTURE.md's table of imports is the import graph: each module's row lists exactly the
/// modules its files import (`grep '^import' Sources/<module>`, any access level), so the
/// diagram and the seams it describes cannot drift from the code.
@Suite struct ArchitectureTests {
    /// Module → the modules its Swift files import, from the sources.
    static func importGraph() throws -> [String: Set<String>] {
        let sources = RepositoryPaths.path("Sources")
        var graph: [String: Set<String>] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources) {
            guard let files = FileManager.default.enumerator(atPath: "\(sources)/\(module)")?.allObjects as? [String]
            else { continue }
            var imports: Set<String> = []
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: "\(sources)/\(module)/\(file)", encoding: .utf8)
                // As `grep '^import'` sees them, with an access level allowed first; an indented
                // import (`#if canImport(Glibc)`) is a platform's C library, not a module's seam.
                for line in text.split(separator: "\n") where !line.hasPrefix(" ") {
                    let words = line.split(separator: " ")
                    guard let index = words.firstIndex(of: "import"), index <= 1,
                        index == 0 || ["internal", "public", "package", "private", "fileprivate"].contains(words[0]),
                        index + 1 < words.count
                    else { continue }
                    imports.insert(String(words[index + 1]))
                }
            }
            graph[module] = imports
        }
        return graph
    }

    /// The rows of ARCHITECTURE.md's "Imports" table: `| Module | A, B, C |`.
    static func documentedGraph() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: RepositoryPaths.path("ARCHITECTURE.md"), encoding: .utf8)
        guard let start = text.range(of: "<!-- imports: checked by ArchitectureTests -->"),
            let end = text.range(of: "<!-- end imports -->", range: start.upperBound..<text.endIndex)
        else { return [:] }
        var graph: [String: Set<String>] = [:]
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            let module = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let imports = cells[1].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
            graph[module] = Set(imports.filter { !$0.isEmpty && $0 != "—" })
        }
        return graph
    }

    @Test func theDocumentedImportsAreTheImportsOfTheSources() throws {
        let actual = try Self.importGraph()
        let documented = try Self.documentedGraph()
        #expect(!documented.isEmpty, "ARCHITECTURE.md has no imports table between its markers")
        for module in Set(actual.keys).union(documented.keys).sorted() {
            #expect(
                actual[module] == documented[module],
                "\(module): the sources import \((actual[module] ?? []).sorted()), ARCHITECTURE.md says \((documented[module] ?? []).sorted())"
            )
        }
    }

    /// Only GuideDocument reaches cmark-gfm, and it does not re-export it.
    @Test func onlyGuideDocumentImportsCmarkAndNotPublicly() throws {
        let importers = try Self.importGraph().filter { $0.value.contains("CCmarkGFM") }.map(\.key)
        #expect(importers == ["GuideDocument"])
        let folder = RepositoryPaths.path("Sources/GuideDocument")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
            #expect(!text.contains("\nimport CCmarkGFM") && !text.hasPrefix("import CCmarkGFM"), "\(file)")
            #expect(!text.contains("@_exported import CCmarkGFM"), "\(file)")
        }
    }

    /// Every Swift file under Sources, by its path relative to Sources.
    static func sourceFiles() throws -> [(path: String, text: String)] {
        let sources = RepositoryPaths.path("Sources")
        let files = FileManager.default.enumerator(atPath: sources)?.allObjects as? [String] ?? []
        return try files.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOfFile: "\(sources)/\($0)", encoding: .utf8))
        }
    }

    /// One error path (issue 21): stages throw `Diagnostic`; two domain errors that do not know
    /// where their value came from (a model value, a place in a guide's bytes) are turned into
    /// one by a single function each, where the place is known; `GenFailure` is the list of
    /// diagnostics a command stops with. No other error type exists to reach the user.
    @Test func diagnosticIsTheOneErrorUsersSee() throws {
        var errorTypes: [String: String] = [:]
        let declaration =
            /(?m)^(?:public |package |internal )?(?:indirect )?(?:struct|enum|class|actor) (\w+)[^{\n]*:[^{\n]*\bError\b/
        for (path, text) in try Self.sourceFiles() {
            for match in text.matches(of: declaration) { errorTypes[String(match.1)] = path }
        }
        #expect(
            Set(errorTypes.keys) == ["Diagnostic", "GuideError", "ModelError", "GenFailure"],
            "error types in Sources: \(errorTypes)")
        let conversions = [
            "GuideError": "func diagnostic(in path: String?) -> Diagnostic",
            "ModelError": "func message(naming name: String?) -> String",
        ]
        for (type, function) in conversions {
            let file = try #require(errorTypes[type])
            let text = try String(contentsOfFile: RepositoryPaths.path("Sources/\(file)"), encoding: .utf8)
            #expect(text.contains(function), "\(type) is turned into a diagnostic by \(function)")
        }
        // A failure holds diagnostics and nothing else: no plain-string failure skips the format.
        let failure = try #require(errorTypes["GenFailure"])
        let text = try String(contentsOfFile: RepositoryPaths.path("Sources/\(failure)"), encoding: .utf8)
        #expect(text.contains("let diagnostics: [Diagnostic]") && !text.contains("init(_ summary: String)"))
        // One formatter: only Diagnostic writes `place: severity: message` (GitHubAnnotation
        // writes the other format gen prints, workflow commands).
        for (path, text) in try Self.sourceFiles() where path != "SampleModel/Diagnostic.swift" {
            #expect(!text.contains("severity.rawValue): "), "\(path) formats a diagnostic itself")
        }
    }
}

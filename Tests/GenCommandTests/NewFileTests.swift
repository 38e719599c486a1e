import Foundation
import TestSupport
import Testing

@testable import gen

/// `NewFile`, the write `gen init` makes, called as if the name were taken between gen's check
/// and its write (a second gen init, an editor saving gen.yml): what holds the name is kept, and
/// no temporary file is left.
@Suite struct NewFileTests {
    func names(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func aNewNameGetsTheWholeFileReadableByAll() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        #expect(try NewFile.create("\(directory)/gen.yml", Array("guide: g.md\n".utf8)))
        #expect(try String(contentsOfFile: "\(directory)/gen.yml", encoding: .utf8) == "guide: g.md\n")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(directory)/gen.yml")[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(try names(in: directory) == ["gen.yml"])
    }

    @Test(arguments: ["file", "link", "dangling link", "folder"])
    func aTakenNameIsKeptAsItIs(_ kind: String) throws {
        let directory = try RepositoryPaths.scratchDirectory()
        let path = "\(directory)/gen.yml"
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/target.yml"))
        switch kind {
        case "file": try Data("mine\n".utf8).write(to: URL(fileURLWithPath: path))
        case "link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "target.yml")
        case "dangling link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "none.yml")
        default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let before = try names(in: directory)
        #expect(try !NewFile.create(path, Array("guide: g.md\n".utf8)))
        #expect(try names(in: directory) == before)
        #expect(try String(contentsOfFile: "\(directory)/target.yml", encoding: .utf8) == "mine\n")
        if kind == "file" { #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine\n") }
    }
}

import Foundation
import PackagePlugin

/// Embeds the package's `Templates/` folder into the target it is applied to, so an installed
/// `gen` carries its templates and needs no resource folder beside it.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let names = try FileManager.default.subpathsOfDirectory(atPath: templates.path)
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) templates from Templates/",
                executable: try context.tool(named: "template-embedder").url,
                arguments: [templates.path, output.path] + names,
                inputFiles: names.map { templates.appending(path: $0) },
                outputFiles: [output])
        ]
    }
}

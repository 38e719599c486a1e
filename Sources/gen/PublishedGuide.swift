import Foundation
import GenConfig
import GuideDocument
import GuideFilling
import SampleRendering

/// The guide as the site and Confluence publish it: read, then filled in memory, so a page never
/// shows samples older than the templates and model.
struct PublishedGuide {
    let bytes: [UInt8]
    /// Where build output goes by default: `_site/` beside gen.yml.
    let siteDirectory: String
    let guidePath: String

    /// The output of a publishing stage; its guide errors name the guide's file.
    func render(_ stage: ([UInt8]) throws(GuideError) -> String) throws(GenFailure) -> String {
        do {
            return try stage(bytes)
        } catch {
            throw GenFailure(error, path: guidePath)
        }
    }

    static func load(_ options: ConfigurationOptions, out: String?) throws(GenFailure) -> PublishedGuide {
        let (configuration, configPath) = try options.load(requireFile: true)
        let templates = try Workspace.loadTemplates(options.templatesDirectory(for: configuration, configPath: configPath),
                                                     languages: configuration.languages)
        let guidePath = Workspace.resolve(configuration.guidePath, relativeTo: configPath!)
        var filler = GuideFiller(renderer: SampleRenderer(templates: templates))
        let original = try Workspace.readBytes(guidePath)
        let filled: FilledGuide
        do {
            filled = try filler.fill(original, configuration: configuration)
        } catch {
            throw GenFailure(error, path: guidePath)
        }
        return PublishedGuide(bytes: filled.bytes, siteDirectory: out ?? Workspace.resolve("_site", relativeTo: configPath!),
                              guidePath: guidePath)
    }
}

import Foundation
import Generator
import GuideDocument
import GuidePublishing

/// The guide as the site and Confluence publish it: read, then filled in memory, so a page never
/// shows samples older than the templates and model.
struct PublishedGuide {
    let bytes: [UInt8]
    /// Where build output goes by default: `_site/` beside gen.yml.
    let siteDirectory: String
    /// The site's own stylesheet and script: `assets/` beside gen.yml.
    let assetsDirectory: String
    let guidePath: String
    /// The complete programs the filled guide's link lines link to, as the same run renders
    /// them (gen.yml's `complete_programs:`); none when no group links to one.
    let programs: LinkedPrograms

    /// The output of a publishing stage, given the filled guide parsed once; its guide errors
    /// name the guide's file.
    func render(_ stage: (MarkdownDocument) throws(GuideError) -> String) throws(GenFailure) -> String {
        do {
            return try stage(MarkdownDocument(parsing: SourceText(bytes)))
        } catch {
            throw GenFailure(error.diagnostic(in: guidePath))
        }
    }

    static func load(_ options: ConfigurationOptions, out: String?) throws(GenFailure) -> PublishedGuide {
        var pipeline = try options.pipeline(requireFile: true)
        let plan: GuidePlan
        do {
            plan = try pipeline.fillGuide()
        } catch {
            throw GenFailure(error)
        }
        let folders = plan.programs?.folders ?? []
        return PublishedGuide(
            bytes: plan.filled.bytes, siteDirectory: out ?? pipeline.resolve("_site"),
            assetsDirectory: pipeline.resolve("assets"), guidePath: plan.path,
            programs: LinkedPrograms(
                Dictionary(folders.map { ($0.language, $0.files) }, uniquingKeysWith: { first, _ in first })))
    }
}

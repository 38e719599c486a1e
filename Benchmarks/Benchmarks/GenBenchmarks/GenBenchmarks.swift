import Benchmark
import BundledTemplates
import GenConfig
import GuideFilling
import GuidePublishing
import OpenAPIImport
import SampleModel
import SampleRendering

// What one `gen` run does in process, without the file system:
//   templates/load and first render of all  templates checked and parsed, each sample rendered once (per gen run)
//   render/<language>/<snippet>             one sample through its already parsed template
//   fill/unfilled/<N> groups                find the code sections of a guide of N groups and splice samples in
//   fill/filled/<N> groups                  the same guide after one fill: what `gen --check` does on a current guide
//   site/nested quotes/<N>                  `gen site` on a guide of N nested block quotes (linear in N, not quadratic)
//   openapi/<yaml|json>/<size>              the team's OpenAPI document read for its OAuth 2.0 scheme (every gen run
//                                           with openapi: in gen.yml): 2.5 and 10 MB, linear in the size
// Metrics: wall clock, malloc calls (the MallocInterposer trait), peak resident memory.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(1),
        maxIterations: 1_000)

    // What every gen run pays once, as gen does it: the bundled templates checked and parsed
    // side by side (`TemplateSet.prepare`), then each sample each language offers rendered for
    // the first time.
    Benchmark("templates/load and first render of all") { benchmark in
        for _ in benchmark.scaledIterations {
            let templates = try! TemplateSet(BundledTemplates.files)
            templates.prepare(Language.allCases)
            let renderer = SampleRenderer(templates: templates)
            for (language, snippet) in Language.offeredPairs {
                blackHole(try! renderer.render(snippet, in: language, model: .guideDefault))
            }
        }
    }

    // Later renders in the same run reuse the parsed templates (parsed here, before measuring).
    let renderer = try! SampleRenderer(templates: TemplateSet(BundledTemplates.files))
    for (language, snippet) in Language.offeredPairs {
        _ = try! renderer.render(snippet, in: language, model: .guideDefault)
    }
    for (language, snippet) in Language.offeredPairs {
        Benchmark("render/\(language.rawValue)/\(snippet.rawValue)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! renderer.render(snippet, in: language, model: .guideDefault))
            }
        }
    }

    // The filler keeps the samples it rendered, as gen does over a run: warm it once, so that
    // each fill measures finding the sections and splicing, not rendering.
    let configuration = GenConfiguration()
    var warmFiller = GuideFiller(renderer: renderer)
    _ = try! warmFiller.fill(Array(GuideFixture.unfilled(groups: 1).utf8), configuration: configuration)
    let filler = warmFiller

    for groups in [1, 100, 10_000] {
        let large = groups >= 10_000
        let sized = Benchmark.Configuration(
            metrics: Benchmark.defaultConfiguration.metrics,
            maxDuration: .seconds(large ? 5 : 1),
            maxIterations: large ? 5 : 1_000)
        let label = groups == 1 ? "1 group" : "\(groups) groups"

        Benchmark("fill/unfilled/\(label)", configuration: sized) { (benchmark: Benchmark, guide: [UInt8]) in
            var filler = filler
            benchmark.startMeasurement()
            blackHole(try! filler.fill(guide, configuration: configuration))
        } setup: {
            Array(GuideFixture.unfilled(groups: groups).utf8)
        }

        Benchmark("fill/filled/\(label)", configuration: sized) { (benchmark: Benchmark, guide: [UInt8]) in
            var filler = filler
            benchmark.startMeasurement()
            let filled = try! filler.fill(guide, configuration: configuration)
            benchmark.stopMeasurement()
            precondition(filled.bytes == guide, "a filled guide changed on a second fill")
        } setup: {
            var filler = filler
            return try! filler.fill(Array(GuideFixture.unfilled(groups: groups).utf8), configuration: configuration).bytes
        }
    }

    // gen site took 18.7 s for 20,000 nested quotes and over 10 minutes for 100,000 when each
    // callout re-read everything inside it; one pass now. Compare the two: about 5× apart.
    for depth in [20_000, 100_000] {
        Benchmark("site/nested quotes/\(depth)", configuration: .init(
            metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 5)
        ) { benchmark, guide in
            blackHole(try! SitePage(linksHighlighter: false).render(guide))
        } setup: {
            NestedQuotes.guide(depth: depth)
        }
    }

    // gen reads the team's OpenAPI document on every run that names one. Decoding it whole took
    // 12 s for 0.57 MB and grew with the square of its size; reading only the version, info and
    // security schemes in one pass is linear: the 10 MB runs take about 4× the 2.5 MB ones.
    for (size, paths) in [("2.5 MB", 10_000), ("10 MB", 40_000)] {
        for format in APIDocument.Format.allCases {
            Benchmark(
                "openapi/\(format.rawValue)/\(size)",
                configuration: .init(
                    metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 10)
            ) { benchmark, document in
                blackHole(
                    try! OpenAPIDocumentReader(path: "openapi.\(format.rawValue)", bytes: document)
                        .clientCredentials(scheme: nil, schemeLocation: nil))
            } setup: {
                APIDocument.bytes(paths: paths, format: format)
            }
        }
    }
}

/// An API's OpenAPI document of N operations (each a path, a parameter and a response, about
/// 250 bytes) and one OAuth 2.0 scheme, as block YAML or as one line of JSON.
enum APIDocument {
    enum Format: String, CaseIterable {
        case yaml, json
    }

    static func bytes(paths: Int, format: Format) -> [UInt8] {
        var text = format == .yaml ? "openapi: 3.0.3\ninfo:\n  title: Payments\n  version: \"1\"\npaths:\n" : ""
        var operations: [String] = []
        for index in 0..<paths {
            switch format {
            case .yaml:
                text += """
                      /accounts/\(index)/payments/{id}:
                        get:
                          operationId: getPayment\(index)
                          parameters:
                            - {name: id, in: path, required: true, schema: {type: string}}
                          responses:
                            '200': {description: "The payment, with its amount and status"}

                    """
            case .json:
                operations.append(
                    "\"/accounts/\(index)/payments/{id}\": {\"get\": {\"operationId\": \"getPayment\(index)\", "
                        + "\"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, "
                        + "\"schema\": {\"type\": \"string\"}}], \"responses\": {\"200\": "
                        + "{\"description\": \"The payment, with its amount and status\"}}}}")
            }
        }
        switch format {
        case .yaml:
            text += """
                components:
                  securitySchemes:
                    oauth:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: https://id.example.com/token
                          scopes:
                            payments.read: Read payments

                """
        case .json:
            let head = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"Payments\", \"version\": \"1\"}, \"paths\": {"
            let scheme =
                "\"oauth\": {\"type\": \"oauth2\", \"flows\": {\"clientCredentials\": "
                + "{\"tokenUrl\": \"https://id.example.com/token\", \"scopes\": {\"payments.read\": \"Read payments\"}}}}"
            text = head + operations.joined(separator: ", ")
            text += "}, \"components\": {\"securitySchemes\": {\(scheme)}}}\n"
        }
        return Array(text.utf8)
    }
}

/// Block quotes nested `depth` deep on one line, the innermost mentioning a credential: each
/// level becomes a callout whose title depends on everything inside it.
enum NestedQuotes {
    static func guide(depth: Int) -> [UInt8] {
        Array((String(repeating: ">", count: depth) + " keep the client secret safe\n").utf8)
    }
}

/// Guides shaped like the Confluence export (Tests/GuideFillingTests/Fixtures/guide.unfilled.md):
/// a "Postman guide" heading and three empty labels, N times.
enum GuideFixture {
    static let group = "## Postman guide\n\nPython code:\n\n\nJavascript code:\n\n\nPHP code:\n\n\n"

    static func unfilled(groups: Int) -> String {
        "# Getting an access token\n\n" + String(repeating: group, count: groups)
    }
}

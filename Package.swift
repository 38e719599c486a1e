// swift-tools-version: 6.1
import PackageDescription

// The folders under Sources/ read as the pipeline:
//   SampleModel → GenConfig → SampleRendering → GuideDocument → GuideFilling → GuidePublishing → gen (CLI)
let package = Package(
    name: "SampleGen",
    products: [
        .executable(name: "gen", targets: ["gen"]),
        // The pipeline as a library, for Benchmarks/ (a package of its own, outside swift test).
        .library(
            name: "SampleGenKit",
            targets: [
                "SampleModel", "GenConfig", "SampleRendering", "BundledTemplates", "GuideDocument", "GuideFilling",
                "GuidePublishing",
                "Generator", "OpenAPIImport",
            ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Stage 1 — the model: what a token request is and how a token is kept fresh.
        .target(name: "SampleModel"),

        // Stage 2 — configuration: gen.yml and command-line overrides → a validated model.
        .target(
            name: "GenConfig",
            dependencies: [
                "SampleModel",
                .product(name: "Yams", package: "Yams"),
            ]),

        // Stage 2b — the team's OpenAPI document: the token URL and scopes of its OAuth 2.0 scheme, read
        // selectively from libyaml's events (CYaml, the libyaml Yams builds and links).
        .target(
            name: "OpenAPIImport",
            dependencies: [
                "SampleModel",
                .product(name: "Yams", package: "Yams"),
            ]),

        // Stage 3 — rendering: model values encoded as literals, then the Mustache templates.
        .target(
            name: "SampleRendering",
            dependencies: [
                "SampleModel",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // The templates under Templates/, embedded in the binary so an installed `gen` works anywhere.
        .target(name: "BundledTemplates", dependencies: ["SampleRendering"], plugins: ["EmbedTemplates"]),
        .executableTarget(name: "template-embedder", path: "Sources/TemplateEmbedder"),
        .plugin(
            name: "EmbedTemplates", capability: .buildTool(),
            dependencies: ["template-embedder"], path: "Sources/EmbedTemplatesPlugin"),

        // Stage 4 — the guide: cmark-gfm's syntax tree, code sections and byte-exact splicing.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "GuideDocument", dependencies: ["CCmarkGFM", "SampleModel"]),

        // Stage 5 — filling: sections found, samples rendered once each, edits applied.
        .target(name: "GuideFilling", dependencies: ["GuideDocument", "SampleRendering", "GenConfig"]),

        // Stage 6 — publishing: the filled guide as a web page and as a Confluence page.
        .target(name: "GuidePublishing", dependencies: ["GuideDocument", "SampleModel"]),

        // The pipeline's entry point: configuration, overrides and templates in, guides planned out.
        .target(name: "Generator", dependencies: ["GuideFilling", "BundledTemplates", "OpenAPIImport"]),

        // The command line: parses arguments, calls the pipeline, writes files and prints.
        .executableTarget(
            name: "gen",
            dependencies: [
                "Generator", "GuideFilling", "GuidePublishing", "BundledTemplates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "SampleModelTests", dependencies: ["SampleModel"]),
        .testTarget(name: "GenConfigTests", dependencies: ["GenConfig", "TestSupport"]),
        .testTarget(name: "OpenAPIImportTests", dependencies: ["OpenAPIImport", "TestSupport"]),
        .testTarget(
            name: "SampleRenderingTests",
            dependencies: [
                "SampleRendering", "BundledTemplates", "TestSupport",
                // The reference renders of TemplateCompactionTests: each template parsed whole.
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "GuideDocumentTests", dependencies: ["GuideDocument"]),
        .testTarget(
            name: "GuideFillingTests", dependencies: ["GuideFilling", "TestSupport"], exclude: ["Fixtures", "Golden"]),
        .testTarget(
            name: "GuidePublishingTests", dependencies: ["GuidePublishing", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "GenCommandTests", dependencies: ["gen", "TestSupport"]),
        // Every sample run for real, in its own runtime, against the Authlib server.
        .testTarget(name: "SampleExecutionTests", dependencies: ["gen", "TestSupport"]),
        // Arbitrary values through every encoder, template and runtime; generated guides through the splicer.
        .testTarget(
            name: "PropertyTests",
            dependencies: [
                "GuideFilling", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        // The built site in headless Chromium.
        .testTarget(name: "SiteBrowserTests", dependencies: ["gen", "TestSupport"]),
        .target(name: "TestSupport", dependencies: ["SampleRendering", "Generator"], path: "Tests/TestSupport"),
    ]
)

// swift-tools-version: 6.1
import PackageDescription

// gen's in-process benchmarks (package-benchmark): rendering each sample, finding and splicing
// the code sections of generated guides, and reading an OpenAPI document. A package of its own so that its dependencies
// and build stay out of the main package and its `swift test`. Run: `swift package benchmark`.
let package = Package(
    name: "SampleGenBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // MallocInterposer gives the malloc counts; leaving out the other default trait
        // (RuntimeInterposer, ARC counts on Swift 6.3 for Linux) keeps the build small.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "SampleGen", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "GenBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SampleGenKit", package: "SampleGen"),
            ],
            path: "Benchmarks/GenBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

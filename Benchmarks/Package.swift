// swift-tools-version: 6.1
// Benchmarks of gapmap's hot paths, apart from the product (swift-nio style).
//
//   swift package --package-path Benchmarks benchmark            # every benchmark
//   swift package --package-path Benchmarks benchmark --filter "PolygonLocator.*"
//   swift run --package-path Benchmarks -c release gapmap-phases DIR   # time per phase of one analysis
import PackageDescription
import class Foundation.ProcessInfo
import struct Foundation.URL

// A path dependency is known by its folder's name, which is the clone's
// name (main, gapmap, ...): read it rather than assume it.
let product = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "gapmap-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Seeded data shared by the benchmarks and gapmap-phases.
        .target(
            name: "BenchmarkWorkloads",
            dependencies: [.product(name: "GeoCore", package: product)]
        ),
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                "BenchmarkWorkloads",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GeoCore", package: product),
                .product(name: "GeoFormats", package: product),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "gapmap-phases",
            dependencies: [
                "BenchmarkWorkloads",
                .product(name: "GapMap", package: product),
                .product(name: "GeoCore", package: product),
                .product(name: "GeoFormats", package: product),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "gapmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gapmap", targets: ["gapmap"]),
        .library(name: "GapMap", targets: ["GapMap"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "GeoFormats", targets: ["GeoFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
        ),
        .target(
            name: "GeoCore",
            dependencies: ["CGEOS", "CPROJ"]
        ),
        .target(
            name: "GeoFormats",
            dependencies: ["GeoCore", "CGDAL", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "GapMap",
            dependencies: ["GeoCore", "GeoFormats", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "GapMapCLI",
            dependencies: [
                "GapMap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gapmap",
            dependencies: ["GapMapCLI"]
        ),
        .target(name: "TestSupport", dependencies: ["GeoCore"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"]),
        .testTarget(
            name: "GeoFormatsTests", dependencies: ["GeoFormats", "GeoCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "GapMapTests", dependencies: ["GapMap", "GeoFormats", "GeoCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GapMapCLITests", dependencies: ["GapMapCLI", "GapMap", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

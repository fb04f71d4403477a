import ArgumentParser
import Foundation
import Testing
@testable import GapMap
@testable import GapMapCLI

/// Every size a user gives on the command line is bounded by
/// `InputBounds`: beyond it, a usage error (exit 64) that names the option
/// and its range, before anything is read or allocated (issue 14, item 1:
/// `--segments 99999999999` aborted asking for 1.6 TB).
struct OptionBoundsTests {
    /// The usage error `arguments` give, with its exit code.
    static func usageError(_ arguments: [String]) -> (code: Int32, message: String)? {
        do {
            _ = try GapMapCommand.parseAsRoot(GapMapCommand.withNegativeValuesAttached(arguments))
            return nil
        } catch {
            return (GapMapCommand.exitCode(for: error).rawValue, GapMapCommand.message(for: error))
        }
    }

    @Test(arguments: [
        (["analyze", "--segments", "99999999999"], "--segments", "from 3 to 1024"),
        (["analyze", "--segments", "1000000"], "--segments", "from 3 to 1024"),
        (["analyze", "--segments", "2"], "--segments", "from 3 to 1024"),
        (["analyze", "--radius", "20000"], "--radius", "greater than 0 and at most 2000 km"),
        (["analyze", "--radius", "1e308"], "--radius", "not 1e+308"),
        (["analyze", "--radius", "nan"], "--radius", "at most 2000 km"),
        (["map", "--segments", "100000"], "--segments", "from 3 to 1024"),
        (["scenario", "--include-planned", "--segments", "5000"], "--segments", "from 3 to 1024"),
        (["scenario", "--include-planned", "--radius", "15000"], "--radius", "at most 2000 km"),
        (["suggest", "--sites", "5000"], "--sites", "from 1 to 1000"),
        (["suggest", "--sites", "0"], "--sites", "from 1 to 1000"),
        (["suggest", "--sites", "5", "--min-per-region", "6"], "--min-per-region", "from 0 to --sites"),
        (["suggest", "--sites", "5", "--radius", "1e9"], "--radius", "at most 2000 km"),
        (["suggest", "--sites", "5", "--candidates", "grid", "--spacing", "0.0001"], "--spacing", "from 0.1 to 2000 km"),
        (["suggest", "--sites", "5", "--initiative-radius", "30000"], "--initiative-radius", "at most 2000 km"),
        (["suggest", "--sites", "5", "--segments", "99999999999"], "--segments", "from 3 to 1024"),
        (["hotspots", "--radius", "50000", "--min-weight", "5"], "--radius", "at most 2000 km"),
        (["hotspots", "--radius", "20", "--min-weight", "1e300"], "--min-weight", "at most 1000000000000"),
        (["hotspots", "--radius", "20", "--min-weight", "5", "--max-extent", "10"], "--max-extent", "at least the neighbourhood radius (20 km)"),
        (["hotspots", "--radius", "20", "--min-weight", "5", "--max-extent", "9000"], "--max-extent", "at most 8000 km"),
        // A negative number is the option's value, checked as such (the parser said "Missing value for '--radius <km>'").
        (["analyze", "--radius", "-5"], "--radius", "greater than 0 and at most 2000 km, not -5"),
        (["scenario", "--include-planned", "--radius", "-0.5"], "--radius", "not -0.5"),
        (["suggest", "--sites", "-2"], "--sites", "from 1 to 1000"),
        (["suggest", "--sites", "5", "--min-per-region", "-1"], "--min-per-region", "from 0 to --sites"),
        (["hotspots", "--radius", "20", "--min-weight", "-3"], "--min-weight", "greater than 0"),
        (["analyze", "--segments", "-64"], "--segments", "from 3 to 1024"),
        (["analyze", "--exposure-radius", "Battles=2500km"], "--exposure-radius", "from 0 to 2000 km"),
        (["analyze", "--exposure-radius", "Battles=-1"], "--exposure-radius", "from 0 to 2000 km"),
        (["analyze", "--exposure-radius", "Battles"], "--exposure-radius", "is not TYPE=DISTANCE"),
        (["map", "--exposure-radius", "default=5 miles"], "--exposure-radius", "from 0 to 2000 km"),
        (["analyze", "--rank-by", "population"], "--rank-by", "exposed_uncovered_population"),
        // An empty output folder is a usage error of every command that writes one (it exited 1 before).
        (["analyze", "--out", ""], "--out", "the output folder is empty"),
        (["analyze", "--out", "  "], "--out", "the output folder is empty"),
        (["map", "--out", ""], "--out", "the output folder is empty"),
        (["report", "--out", ""], "--out", "the output folder is empty"),
        (["scenario", "--include-planned", "--out", ""], "--out", "the output folder is empty"),
        (["suggest", "--sites", "3", "--out", ""], "--out", "the output folder is empty"),
        (["hotspots", "--radius", "20", "--min-weight", "5", "--out", ""], "--out", "the output folder is empty"),
        (["rollup", "--out", ""], "--out", "the output folder is empty"),
        (["share", "plan.gpkg", "1", "--out", ""], "--out", "the output folder is empty"),
        (["compare", "ML05", "--csv", ""], "--csv", "the output file is empty"),
    ])
    func aSizeBeyondItsBoundIsAUsageErrorNamingTheOptionAndTheRange(arguments: [String], option: String, range: String) throws {
        let error = try #require(Self.usageError(arguments), "\(arguments) was accepted")
        #expect(error.code == 64, "\(arguments): exit \(error.code)")
        #expect(error.message.contains(option) && error.message.contains(range), "\(arguments): \(error.message)")
    }

    @Test func onlyANegativeNumberAfterALongOptionIsAttachedToIt() {
        #expect(GapMapCommand.withNegativeValuesAttached(["analyze", "--radius", "-5", "--out", "o"]) == ["analyze", "--radius=-5", "--out", "o"])
        #expect(GapMapCommand.withNegativeValuesAttached(["hotspots", "--min-weight", "-.5"]) == ["hotspots", "--min-weight=-.5"])
        #expect(GapMapCommand.withNegativeValuesAttached(["analyze", "--radius", "-1e3"]) == ["analyze", "--radius=-1e3"])
        // Options, a dash alone, words, -x flags, an attached value and what follows "--" are left as they are.
        for words in [["analyze", "--radius", "--out", "o"], ["analyze", "--out", "-"], ["analyze", "--actor", "-police"],
                      ["analyze", "-h"], ["analyze", "--radius=5", "-5"], ["analyze", "--", "--radius", "-5"], ["analyze", "--radius", "-e5"]] {
            #expect(GapMapCommand.withNegativeValuesAttached(words) == words, "\(words)")
        }
    }

    @Test func theBoundsThemselvesAreAccepted() throws {
        for arguments in [["analyze", "--segments", "3"], ["analyze", "--segments", "1024"], ["analyze", "--radius", "2000"],
                          ["suggest", "--sites", "1000"], ["analyze", "--exposure-radius", "Battles=2000km,default=0"],
                          ["analyze", "--rank-by", "exposed_uncovered_population"], ["hotspots", "--radius", "2000", "--min-weight", "1e12"],
                          ["hotspots", "--radius", "20", "--min-weight", "5", "--max-extent", "20"],
                          ["hotspots", "--radius", "20", "--min-weight", "5", "--max-extent", "0"]] {
            #expect(Self.usageError(arguments) == nil, "\(arguments)")
        }
    }
}

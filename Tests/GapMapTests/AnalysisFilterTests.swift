import GeoCore
import Testing
@testable import GapMap

/// Time windows and attribute filters: which rows stay, and that every row
/// is still accounted for.
struct AnalysisFilterTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test func datesAreReadInTheFormsPlannersWrite() {
        let march5 = DaySpan(first: Self.day("2024-03-05"), last: Self.day("2024-03-05"))
        for text in ["2024-03-05", "2024-03-05T10:30:00Z", "2024-03-05 10:30", "2024/03/05", "05/03/2024", "5.3.2024",
                     "5 March 2024", "05 mars 2024", "5-Mar-2024", "5 MARS 2024"] {
            #expect(DaySpan.parse(text) == march5, "\(text)")
        }
        #expect(DaySpan.parse("2024-02") == DaySpan(first: Self.day("2024-02-01"), last: Self.day("2024-02-29")))
        #expect(DaySpan.parse("2023") == DaySpan(first: Self.day("2023-01-01"), last: Self.day("2023-12-31")))
        #expect(DaySpan.parse("31 décembre 2020") == DaySpan(first: Self.day("2020-12-31"), last: Self.day("2020-12-31")))
        for bad in ["2023-02-29", "13/13/2020", "yesterday", "2024-13", "32 March 2024", "1e400", ""] {
            #expect(DaySpan.parse(bad) == nil, "\(bad)")
        }
    }

    static func need(_ id: String, date: String = "", category: String = "", segment: String = "", severity: Int? = nil,
                     weight: Double = 1, line: Int) -> Need {
        Need(id: id, category: category, segment: segment, severity: severity, weight: weight, date: date,
             placement: .point(Coordinate(lon: 0.5, lat: 0.5)), line: line)
    }

    static func initiative(_ id: String, start: String = "", end: String = "", actor: Actor? = nil, kind: String = "", line: Int) -> Initiative {
        Initiative(id: id, name: id, actor: actor, kind: kind, status: nil, placement: .point(Coordinate(lon: 0.5, lat: 0.5)), radiusKm: nil,
                   startDate: start, endDate: end, line: line)
    }

    /// read = used + rejected + duplicates + filtered (points are assigned later, by the analysis).
    static func balances(_ a: LayerAccount) -> Bool { a.read == a.used + a.rejected + a.duplicates + a.filtered }

    static func layer<Item>(_ items: [Item], file: String) -> LoadedLayer<Item> {
        var account = LayerAccount(file: file, format: "csv")
        account.read = items.count + 1  // and one duplicate row, already counted
        account.used = items.count
        account.duplicates = 1
        account.points = items.count
        return LoadedLayer(items: items, account: account, issues: [])
    }

    @Test func aWindowKeepsNeedsDatedInItAndUndatedOnesAndRejectsUnreadableDates() {
        let needs = Self.layer([
            Self.need("before", date: "2023-12-31", line: 2), Self.need("first", date: "2024-01-01", line: 3),
            Self.need("inside", date: "15/06/2024", line: 4), Self.need("last", date: "2024-12-31", line: 5),
            Self.need("after", date: "2025-01-01", line: 6), Self.need("undated", line: 7), Self.need("month", date: "2023-12", line: 8),
            Self.need("garbled", date: "soon", line: 9),
        ], file: "needs.csv")
        let filter = AnalysisFilter(from: Self.day("2024-01-01"), to: Self.day("2024-12-31"))
        let kept = filter.apply(to: needs)
        #expect(kept.items.map(\.id) == ["first", "inside", "last", "undated"])
        #expect(kept.account.filtered == 3)  // before, after, and December 2023 (a month wholly before the window)
        #expect(kept.account.rejected == 1 && kept.account.undated == 1)
        #expect(kept.account.used == 4 && kept.account.points == 4)
        #expect(Self.balances(kept.account))
        #expect(kept.issues.count == 1 && kept.issues[0].line == 9 && kept.issues[0].field == "date" && kept.issues[0].id == "garbled")
        // Dropping undated rows moves them to filtered.
        var drop = filter
        drop.undated = .drop
        let dropped = drop.apply(to: needs)
        #expect(dropped.items.map(\.id) == ["first", "inside", "last"] && dropped.account.filtered == 4 && Self.balances(dropped.account))
    }

    @Test func anInitiativeCountsWhenItRanAtAnyTimeDuringTheWindow() {
        let initiatives = Self.layer([
            Self.initiative("ended-before", start: "2020-01-01", end: "2023-12-31", line: 2),
            Self.initiative("ends-on-first-day", end: "2024-01-01", line: 3),
            Self.initiative("spans", start: "2022-05-01", end: "2026-01-01", line: 4),
            Self.initiative("starts-inside-open", start: "2024-07-01", line: 5),
            Self.initiative("starts-after", start: "2025-01-01", line: 6),
            Self.initiative("undated", line: 7),
            Self.initiative("inverted", start: "2024-05-01", end: "2024-02-01", line: 8),
            Self.initiative("year-only", start: "2024", end: "2024", line: 9),
        ], file: "initiatives.csv")
        let kept = AnalysisFilter(from: Self.day("2024-01-01"), to: Self.day("2024-12-31")).apply(to: initiatives)
        #expect(kept.items.map(\.id) == ["ends-on-first-day", "spans", "starts-inside-open", "undated", "year-only"])
        #expect(kept.account.filtered == 2 && kept.account.rejected == 1 && kept.account.undated == 1 && Self.balances(kept.account))
        #expect(kept.issues.first?.reason.contains("before start_date") == true)
        // Open-ended windows.
        let since = AnalysisFilter(from: Self.day("2025-06-01")).apply(to: initiatives)
        #expect(since.items.map(\.id) == ["spans", "starts-inside-open", "starts-after", "undated"])
    }

    @Test func attributeFiltersFoldCaseAccentsAndSeparators() {
        let needs = Self.layer([
            Self.need("a", category: "justice_access", segment: "women", severity: 5, line: 2),
            Self.need("b", category: "Justice-Access", segment: "Youth", severity: 2, line: 3),
            Self.need("c", category: "police_presence", segment: "women", severity: 4, line: 4),
            Self.need("d", category: "justice_access", segment: "femmes", line: 5),
        ], file: "needs.csv")
        #expect(AnalysisFilter(categories: ["JUSTICE ACCESS"]).apply(to: needs).items.map(\.id) == ["a", "b", "d"])
        #expect(AnalysisFilter(segments: ["women", "youth"]).apply(to: needs).items.map(\.id) == ["a", "b", "c"])
        // A need without a severity does not pass a minimum severity.
        let severe = AnalysisFilter(minimumSeverity: 4).apply(to: needs)
        #expect(severe.items.map(\.id) == ["a", "c"] && severe.account.filtered == 2 && severe.account.undated == nil && Self.balances(severe.account))
        let initiatives = Self.layer([
            Self.initiative("s", actor: .state, kind: "police_post", line: 2), Self.initiative("c", actor: .community, kind: "security_committee", line: 3),
            Self.initiative("n", kind: "police_post", line: 4),
        ], file: "initiatives.csv")
        #expect(AnalysisFilter(actors: [.state, .community]).apply(to: initiatives).items.map(\.id) == ["s", "c"])
        #expect(AnalysisFilter(kinds: ["Police Post"]).apply(to: initiatives).items.map(\.id) == ["s", "n"])
        #expect(AnalysisFilter.actor(named: "Société civile") == .civilSociety)
    }

    @Test func theAnalysisCountsOnlyTheRowsTheFilterKeeps() throws {
        let regions = Fixture.regions([("R1", "One", Fixture.box(0, 0, 1, 1))])
        let needs = Fixture.collection("needs.csv", [
            (Fixture.point(0.5, 0.5), [("id", "N1"), ("date", "2024-02-01"), ("weight", "2")]),
            (Fixture.point(0.5, 0.5), [("id", "N2"), ("date", "2023-02-01"), ("weight", "3")]),
            (Fixture.point(0.5, 0.5), [("id", "N3"), ("date", ""), ("weight", "5")]),
            (Fixture.point(0.5, 0.5), [("id", "N1"), ("date", "2024-02-01"), ("weight", "7")]),
        ])
        let builder = LayerBuilder(engine: try GeometryEngine())
        let (r, fields) = try builder.regions(from: regions)
        var input = AnalysisInput(regions: r, regionFields: fields)
        input.needs = builder.needs(from: needs, regions: r.items, catalog: RegionCatalog(regions: r.items))
        let filtered = AnalysisFilter(from: Self.day("2024-01-01")).apply(to: input)
        let report = try CoverageAnalysis().run(filtered)
        // N1 (2) and the undated N3 (5); N2 is before the window; the second N1 is a duplicate.
        #expect(report.metrics[0].needs == 7)
        let account = try #require(report.layers[.needs])
        #expect(account.read == 4 && account.used == 2 && account.duplicates == 1 && account.filtered == 1 && account.undated == 1)
        #expect(account.balances)
    }
}

extension AnalysisFilterTests {
    /// The outputs' ISO day: the same as the general reader's first day, for
    /// every form it reads, and the text itself when already ISO.
    @Test func theISOFirstDayAgreesWithTheDateReader() {
        for text in ["2024-03-05", "2024-02-29", "2023-02-29", "2024-13-01", "2024-03", "2024", "05/03/2024", "5 March 2024",
                     "2024-03-05T10:30:00Z", "31 décembre 2020", "soon", "2024-3-5x"] {
            #expect(DaySpan.isoFirstDay(text) == DaySpan.parse(text)?.first.description, "\(text)")
        }
        #expect(DaySpan.isoFirstDay("2024-03") == "2024-03-01" && DaySpan.isoFirstDay("05 March 2019") == "2019-03-05")
    }
}

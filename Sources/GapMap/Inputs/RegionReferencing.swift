import GeoFormats

/// The columns of a point layer that name a region instead of giving
/// coordinates: a general `region` column (an id or a name of any level), and
/// administrative columns by level (`admin1`…`admin3` in ACLED, `adm_1` and
/// `adm_2` in UCDP GED, `#adm2+name` in HXL, `admin2Pcod` in OCHA-style
/// tables, `cercle` and `commune` in Malian spreadsheets).
struct RegionReferenceColumns: Sendable {
    struct Level: Sendable {
        var code: String?
        var name: String?
    }

    var general: String?
    var levels: [Int: Level]
    /// UCDP GED writes "Mopti region", "Djenné cercle": the unit word is
    /// dropped when the name as written matches nothing.
    var unitSuffixes: Bool

    static let maxLevel = 4

    init(lookup: FieldLookup, format: SourceFormat) {
        // ACLED's and UCDP's own `region` column names a world region ("Western Africa").
        let generalNames = format == .acled || format == .ucdpGED
            ? ["region_id", "region_pcode"]
            : ["region", "region_id", "region_name", "region_pcode", "pcode", "region_code"]
        general = lookup.find(generalNames)
        var levels: [Int: Level] = [:]
        for k in 1...Self.maxLevel {
            var codes = ["admin\(k)Pcod", "admin\(k)_pcode", "adm\(k)_pcode", "ADM\(k)_PCODE", "admin\(k)_code", "adm\(k)_code"]
            var names = ["admin\(k)", "admin\(k)Name", "admin\(k)_name", "adm\(k)_name", "ADM\(k)_FR", "ADM\(k)_EN", "ADM\(k)_NAME", "adm_\(k)"]
            if k == 2 { names += ["cercle", "circle"] }
            if k == 3 { names += ["commune"] }
            if format == .ucdpGED { codes = [] }
            var level = Level(code: lookup.find(codes), name: lookup.find(names))
            level.code = level.code ?? lookup.tagged(HXLTag(tag: "adm\(k)", attributes: ["code"]))
            level.name = level.name ?? lookup.tagged(HXLTag(tag: "adm\(k)", attributes: ["name"]))
                ?? lookup.tagged(HXLTag(tag: "adm\(k)"))
            if level.code != nil || level.name != nil { levels[k] = level }
        }
        self.levels = levels
        unitSuffixes = format == .ucdpGED
    }

    var isEmpty: Bool { general == nil && levels.isEmpty }

    /// Every column used, for `validate`.
    var described: [String] {
        var out: [String] = []
        if let general { out.append(general) }
        for k in levels.keys.sorted() {
            if let c = levels[k]?.code { out.append(c) }
            if let n = levels[k]?.name { out.append(n) }
        }
        return out
    }

    enum Outcome: Equatable {
        /// The row names no region.
        case none
        /// `note`: how the reference matched when not exactly (`RegionCatalog.howMatched`).
        case found(Int, field: String, note: String?)
        /// A unit above the regions, credited as a whole.
        case unit(RegionUnit, field: String, note: String)
        case failed(field: String?, reason: String)
    }

    /// The region a row names. `onlyLevels` ignores the general column (ACLED
    /// and UCDP events of imprecise location are credited by their admin
    /// columns alone).
    func resolve<Values: RowValues>(_ p: Values, catalog: RegionCatalog, onlyLevels: Bool = false) -> Outcome {
        var given: [(level: Int, field: String, text: String)] = []
        for k in levels.keys.sorted() {
            for field in [levels[k]!.code, levels[k]!.name].compactMap({ $0 }) {
                let text = p.text(field)
                if !text.isEmpty { given.append((k, field, text)) }
            }
        }
        let layerLevel = catalog.level
        func parents(below level: Int?) -> [String] {
            given.filter { level == nil || $0.level < level! }.map(\.text)
        }
        if !onlyLevels, let general {
            let text = p.text(general)
            if !text.isEmpty {
                return attempt(text, field: general, parents: parents(below: layerLevel), catalog: catalog)
            }
        }
        guard let finest = given.map(\.level).max() else { return .none }
        if let layerLevel {
            let atLevel = given.filter { $0.level == layerLevel }
            guard !atLevel.isEmpty else {
                let shown = given.filter { $0.level == finest }.first!
                let coarser = finest < layerLevel
                // A coarser unit the regions' enclosing-region fields or P-codes name: credited as a whole.
                if coarser {
                    for g in given.filter({ $0.level == finest }) {
                        if let unit = catalog.unit(g.text, level: finest) { return .unit(unit, field: g.field, note: catalog.describe(unit)) }
                    }
                }
                return .failed(
                    field: shown.field,
                    reason: coarser
                        ? "only a level-\(finest) region is named ('\(shown.text)' in \(shown.field)); the regions are level \(layerLevel) (\(Self.levelName(layerLevel))), so the row cannot be placed in one of them: give its level-\(layerLevel) name or P-code, or use level-\(finest) regions"
                        : "the row names a level-\(finest) place ('\(shown.text)' in \(shown.field)) but no level-\(layerLevel) region (\(Self.levelName(layerLevel))); give the region's name or P-code")
            }
            return firstFound(atLevel, parents: parents(below: layerLevel), catalog: catalog)
        }
        // Level unknown: the finest name that matches, coarser ones after.
        var firstFailure: Outcome?
        for level in Set(given.map(\.level)).sorted(by: >) {
            let outcome = firstFound(given.filter { $0.level == level }, parents: parents(below: level), catalog: catalog)
            if outcome.isPlaced { return outcome }
            if firstFailure == nil { firstFailure = outcome }
        }
        return firstFailure ?? .none
    }

    private func firstFound(_ candidates: [(level: Int, field: String, text: String)], parents: [String], catalog: RegionCatalog) -> Outcome {
        var failure: Outcome?
        for c in candidates {
            let outcome = attempt(c.text, field: c.field, parents: parents, catalog: catalog)
            if outcome.isPlaced { return outcome }
            // Report the name's failure rather than the code's: it lists candidates.
            failure = outcome
        }
        return failure ?? .none
    }

    private func attempt(_ text: String, field: String, parents: [String], catalog: RegionCatalog) -> Outcome {
        var resolution = catalog.resolve(text, parents: parents)
        if case .notFound = resolution, unitSuffixes, let bare = Self.withoutUnitWord(text) {
            let again = catalog.resolve(bare, parents: parents)
            if case .notFound = again {} else { resolution = again }
        }
        switch resolution {
        case .found(let i): return .found(i, field: field, note: catalog.howMatched(text, region: i))
        case .unit(let unit): return .unit(unit, field: field, note: catalog.describe(unit))
        default: return .failed(field: field, reason: catalog.explain(resolution, reference: text))
        }
    }

    /// "Mopti region" → "Mopti"; nil when the text ends in no unit word.
    static func withoutUnitWord(_ text: String) -> String? {
        let words = text.split(separator: " ")
        guard words.count >= 2 else { return nil }
        let units: Set<String> = ["region", "province", "cercle", "circle", "district", "commune", "prefecture",
                                  "department", "departement", "state", "county", "municipality", "governorate"]
        guard units.contains(RegionCatalog.fold(String(words.last!))) else { return nil }
        return words.dropLast().joined(separator: " ")
    }

    static func levelName(_ level: Int) -> String {
        switch level {
        case 1: return "first-level regions"
        case 2: return "second-level regions such as cercles"
        case 3: return "third-level regions such as communes"
        default: return "level-\(level) regions"
        }
    }
}

/// The administrative level of a region layer, from the name of its id
/// field: `admin2Pcod`, `ADM2_PCODE`, `GID_2`, `adm2_code` → 2; Natural
/// Earth's `adm1_code` → 1. Nil when the field does not say (`id`, `shapeID`).
enum RegionLevel {
    /// The level a field's name gives (`admin2Name`, `ADM1_PCODE`, `NAME_2` → 2, 1, 2), if one digit does.
    static func of(field: String) -> Int? {
        let digits = field.filter(\.isNumber)
        guard digits.count == 1, let k = Int(digits), (0...5).contains(k) else { return nil }
        return k
    }

    static func from(idField: String) -> Int? {
        let f = idField.lowercased()
        for (prefix, suffix) in [("admin", "pcod"), ("adm", "_pcode"), ("gid_", ""), ("adm", "_code"), ("admin", "_pcode")] {
            guard f.hasPrefix(prefix), f.hasSuffix(suffix), f.count > prefix.count + suffix.count else { continue }
            let middle = f.dropFirst(prefix.count).dropLast(suffix.count)
            if middle.count == 1, let k = Int(middle), (0...5).contains(k) { return k }
        }
        return nil
    }

    /// geoBoundaries names the level in a `shapeType` value (`ADM2`), the
    /// same for every feature.
    static func from(features: [Feature]) -> Int? {
        let types = Set(features.map { $0.properties.text("shapeType").uppercased() })
        guard types.count == 1, let type = types.first, type.hasPrefix("ADM"), type.count == 4,
              let k = Int(type.dropFirst(3)), (0...5).contains(k) else { return nil }
        return k
    }

    /// Per enclosing level (1 to `level − 1`), the fields holding its P-code
    /// and name in the usual schemas (OCHA, its ADM variant, GADM).
    static func parentFields(level: Int, columns: [String]) -> [(level: Int, id: String?, name: String?)] {
        guard level > 1 else { return [] }
        let lookup = FieldLookup(columns: columns)
        return (1..<level).compactMap { k in
            let id = lookup.find(["admin\(k)Pcod", "ADM\(k)_PCODE", "GID_\(k)"])
            let name = lookup.find(["admin\(k)Name", "ADM\(k)_FR", "ADM\(k)_EN", "ADM\(k)_NAME", "NAME_\(k)"])
            return id == nil && name == nil ? nil : (k, id, name)
        }
    }

    /// The fields of a region layer that hold the names and ids of its
    /// enclosing regions (levels 1 to `level − 1`), in the usual schemas.
    static func ancestorFields(level: Int, columns: [String]) -> [String] {
        guard level > 1 else { return [] }
        let lookup = FieldLookup(columns: columns)
        var fields: [String] = []
        for k in stride(from: level - 1, through: 1, by: -1) {
            let candidates = ["admin\(k)Name", "admin\(k)Pcod", "admin\(k)RefN", "admin\(k)AltN",
                              "ADM\(k)_FR", "ADM\(k)_EN", "ADM\(k)_PCODE", "NAME_\(k)", "GID_\(k)"]
            for c in candidates { if let f = lookup.find([c]), !fields.contains(f) { fields.append(f) } }
        }
        return fields
    }
}

extension RegionReferenceColumns.Outcome {
    /// Found a region or a coarser unit.
    var isPlaced: Bool {
        switch self {
        case .found, .unit: true
        case .none, .failed: false
        }
    }
}

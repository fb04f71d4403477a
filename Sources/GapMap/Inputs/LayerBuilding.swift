import Foundation
import GeoCore
import GeoFormats

/// A layer's usable items, with the row accounting and every row issue.
public struct LoadedLayer<Item: Sendable>: Sendable {
    public var items: [Item]
    public var account: LayerAccount
    public var issues: [RowIssue]
}

/// Which fields of a region layer were used.
public struct RegionFields: Sendable, Codable, Equatable {
    public var id: String
    public var name: String?
    public var parent: String?
    public var alternateNames: [String]
    public var population: String?
    /// The administrative level the id field names (`admin2Pcod` → 2), if any.
    public var level: Int? = nil
    /// The fields naming each region's enclosing regions (a commune's
    /// `admin2Name`, `admin1Name`, ...), used to tell apart repeated names.
    public var ancestors: [String] = []
}

/// Builds typed layers from features, per DESIGN.md: field detection,
/// validation with a reason per rejected row, duplicates by id.
public struct LayerBuilder {
    let engine: GeometryEngine

    public init(engine: GeometryEngine) {
        self.engine = engine
    }

    // MARK: Regions

    /// Known region schemas: id, name, parent and alternate-name fields,
    /// finest level first so a commune file is read as communes.
    static func regionSchemas() -> [(id: String, name: [String], parent: [String], alternates: [String])] {
        var schemas: [(String, [String], [String], [String])] = []
        for level in stride(from: 5, through: 0, by: -1) {
            let up = max(level - 1, 0)
            schemas.append(("admin\(level)Pcod", ["admin\(level)Name", "admin\(level)Name_fr", "admin\(level)Name_en"],
                            level > 0 ? ["admin\(up)Pcod"] : [],
                            ["admin\(level)RefN", "admin\(level)AltN", "admin\(level)Al_1"]))
            schemas.append(("ADM\(level)_PCODE", ["ADM\(level)_FR", "ADM\(level)_EN", "ADM\(level)_NAME", "ADM\(level)_REF"],
                            level > 0 ? ["ADM\(up)_PCODE"] : [],
                            ["ADM\(level)_REF", "ADM\(level)ALT1FR", "ADM\(level)ALT1EN", "ADM\(level)ALT2FR", "ADM\(level)ALT2EN"]))
            schemas.append(("GID_\(level)", ["NAME_\(level)"], level > 0 ? ["GID_\(up)"] : [], ["VARNAME_\(level)"]))
        }
        schemas.append(("shapeID", ["shapeName"], [], []))
        schemas.append(("adm1_code", ["name", "name_en"], ["adm0_a3"], ["name_fr", "name_alt", "woe_name"]))
        schemas.append(("id", ["name", "nom"], ["parent_id", "parent"], []))
        schemas.append(("pcode", ["name", "nom"], ["parent_pcode", "parent_id"], []))
        schemas.append(("code", ["name", "nom"], ["parent_code", "parent_id"], []))
        return schemas
    }

    public func detectRegionFields(columns: [String], idField: String?, nameField: String?, file: String) throws(GapMapError) -> RegionFields {
        let lookup = FieldLookup(columns: columns)
        func missing(_ field: String, _ option: String, isID: Bool) -> GapMapError {
            GapMapError(file: file, field: field, message: isID ? "the region id field '\(field)' is not in the file" : "the region name field '\(field)' is not in the file",
                        fix: "Its fields are: \(columns.joined(separator: ", ")); name one with \(option)")
        }
        let schemas = Self.regionSchemas()
        let id: String
        if let idField {
            guard let found = lookup.find([idField]) else { throw missing(idField, "--region-id", isID: true) }
            id = found
        } else {
            guard let found = schemas.lazy.compactMap({ lookup.find([$0.id]) }).first else {
                throw GapMapError(file: file, message: columns.isEmpty ? "the regions have no fields at all, so none can be an id"
                                    : "no region id field found among: \(columns.joined(separator: ", "))",
                                  fix: "Name the id field with --region-id (and the name field with --region-name)")
            }
            id = found
        }
        let schema = schemas.first { $0.id.lowercased() == id.lowercased() }
        let name: String?
        if let nameField {
            guard let found = lookup.find([nameField]) else { throw missing(nameField, "--region-name", isID: false) }
            name = found
        } else {
            name = lookup.find((schema?.name ?? []) + ["name", "nom", "NAME"])
        }
        let parent = lookup.find(schema?.parent ?? ["parent_id", "parent"])
        let level = RegionLevel.from(idField: id)
        let ancestors = level.map { RegionLevel.ancestorFields(level: $0, columns: columns) } ?? (parent.map { [$0] } ?? [])
        return RegionFields(id: id, name: name, parent: parent,
                            alternateNames: (schema?.alternates ?? []).compactMap { lookup.find([$0]) }.filter { $0 != name },
                            population: lookup.find(["population", "pop", "total_pop", "pop_total"]),
                            level: level, ancestors: ancestors)
    }

    public func regions(from collection: FeatureCollection, idField: String? = nil, nameField: String? = nil) throws(GapMapError) -> (LoadedLayer<Region>, RegionFields) {
        let file = collection.source.path
        if collection.features.isEmpty {
            throw RegionLayerProblem.noUsableRegion(LoadedLayer(items: [], account: LayerAccount(file: file, format: collection.source.format.rawValue), issues: []))
        }
        var fields = try detectRegionFields(columns: collection.source.columns, idField: idField, nameField: nameField, file: file)
        if fields.level == nil { fields.level = RegionLevel.from(features: collection.features) }
        var account = LayerAccount(file: file, format: collection.source.format.rawValue)
        var issues: [RowIssue] = []
        var items: [Region] = []
        var seen = Set<String>()
        let parentFields = fields.level.map { RegionLevel.parentFields(level: $0, columns: collection.source.columns) } ?? []
        for feature in collection.features {
            account.read += 1
            let line = feature.location.line, number = feature.location.featureIndex.map { $0 + 1 }
            func reject(_ field: String?, _ reason: String, id: String? = nil) {
                account.rejected += 1
                issues.append(RowIssue(layer: .regions, file: file, line: line, feature: number, id: id, field: field, disposition: .rejected, reason: reason))
            }
            let id = feature.properties.text(fields.id)
            if let problem = feature.problem { reject(problem.field, problem.message, id: id.isEmpty ? nil : id); continue }
            guard !id.isEmpty else { reject(fields.id, "the region has no id in field '\(fields.id)'"); continue }
            if seen.contains(id) {
                account.duplicates += 1
                issues.append(RowIssue(layer: .regions, file: file, line: line, feature: number, id: id, field: fields.id, disposition: .duplicate,
                                       reason: "id \(id) already used by an earlier region; the first is used"))
                continue
            }
            guard let geometry = feature.geometry, geometry.isPolygonal, !geometry.isEmpty else {
                reject("geometry", feature.geometry == nil || feature.geometry!.isEmpty
                       ? "the region has no geometry" : "a region must be a Polygon or MultiPolygon, not a \(feature.geometry!.typeName)", id: id)
                continue
            }
            if let problem = InputBounds.coordinateProblem(geometry) { reject("geometry", problem, id: id); continue }
            var repairedGeometry = geometry
            do {
                if let reason = try engine.invalidityReason(geometry) {
                    repairedGeometry = try engine.makeValid(geometry).polygonalPart
                    guard !repairedGeometry.isEmpty else {
                        reject("geometry", "invalid polygon (\(reason)) with no area left after repair", id: id)
                        continue
                    }
                    account.repaired += 1
                    issues.append(RowIssue(layer: .regions, file: file, line: line, feature: number, id: id, field: "geometry", disposition: .repaired,
                                           reason: "invalid polygon (\(reason)) repaired with GEOS MakeValid"))
                }
            } catch {
                reject("geometry", "\(error)", id: id)
                continue
            }
            seen.insert(id)
            let population = fields.population.flatMap { FieldParsing.number(feature.properties.text($0), decimalComma: collection.source.allowsDecimalComma) }
            let parent = feature.properties.text(fields.parent)
            // Each enclosing region's value with its level, read from its field's name (admin2Pcod → 2).
            let ancestry = fields.ancestors.compactMap { field -> (value: String, level: Int?)? in
                let value = feature.properties.text(field)
                return value.isEmpty ? nil : (value, RegionLevel.of(field: field))
            }
            items.append(Region(
                id: id, name: feature.properties.text(fields.name).isEmpty ? id : feature.properties.text(fields.name),
                parentID: parent.isEmpty ? nil : parent,
                alternateNames: fields.alternateNames.map { feature.properties.text($0) }.filter { !$0.isEmpty },
                population: population, geometry: repairedGeometry, location: "\(feature.location)",
                level: fields.level, ancestors: ancestry.map(\.value), ancestorLevels: ancestry.map(\.level),
                parents: parentFields.map { RegionParent(level: $0.level, id: feature.properties.text($0.id), name: feature.properties.text($0.name)) }))
            account.used += 1
        }
        account.polygons = account.used
        return (LoadedLayer(items: items, account: account, issues: issues), fields)
    }

    // MARK: Point layers

    /// The shared row flow of the point layers, over a file's features or a
    /// CSV chunk's records alike (`PointRowSource`): problems, ids,
    /// duplicates, placement; `parser` is given the layer's field lookup once
    /// (each layer resolves its field names there, not per row) and returns
    /// the function that turns the rest of a row into an item or a reason.
    /// `progress` carries the account and the used ids from one chunk of a
    /// layer to the next (the analysis pipeline); the items and issues returned
    /// are these rows', the account the running total.
    func pointRows<Rows: PointRowSource, Item>(
        _ rows: Rows, layer: LayerKind, idFields: [String], regions: [Region], catalog: RegionCatalog,
        allowAreas: Bool, progress: inout PointLayerProgress,
        parser: (FieldLookup) -> (Rows.Values, String, Placement, Int) -> Result<Item, FieldRejection>
    ) -> LoadedLayer<Item> {
        let file = rows.source.path
        // Source format, region-reference columns, swapped and far-away points: RowPlacement.swift.
        if progress.screen == nil, !regions.isEmpty { progress.screen = PointScreen(regions: regions) }
        let placer = RowPlacer(rows: rows, regions: regions, catalog: catalog, screen: progress.screen)
        let lookup = placer.lookup
        let idField = lookup.find(idFields)
        let parse = parser(lookup)
        var account = progress.account ?? LayerAccount(file: file, format: rows.source.format.rawValue)
        account.sourceFormat = placer.format.rawValue
        var issues: [RowIssue] = []
        var items: [Item] = []
        if progress.locatedByLine != nil { progress.locatedByLine = [:] }
        defer { progress.account = account }
        for row in 0..<rows.count {
            account.read += 1
            let line = rows.line(row), number = rows.featureNumber(row)
            let values = rows.values(row)
            let rawID = values.text(idField)
            func reject(_ field: String?, _ reason: String) {
                account.rejected += 1
                issues.append(RowIssue(layer: layer, file: file, line: line, feature: number, id: rawID.isEmpty ? nil : rawID, field: field,
                                       disposition: .rejected, reason: reason))
            }
            // A repeat of a used row's id is a duplicate, whatever else is wrong with it.
            if !rawID.isEmpty, progress.seen.contains(rawID) {
                account.duplicates += 1
                issues.append(RowIssue(layer: layer, file: file, line: line, feature: number, id: rawID, field: idField, disposition: .duplicate,
                                       reason: "id \(rawID) already seen in this layer; the first row is used"))
                continue
            }
            if let problem = rows.problem(row) { reject(problem.field, problem.message); continue }
            let id = rawID.isEmpty ? "\(URL(fileURLWithPath: file).lastPathComponent):\(line)" : rawID
            // Where is it?
            let placement: Placement
            var repairedReason: String?
            var imprecise = false
            var matchNote: (field: String, text: String)?
            let shape = rows.shape(row)
            // The same ranges for every format, after any reprojection, before GEOS.
            switch shape {
            case .point(let c):
                if let problem = InputBounds.coordinateProblem(c) { reject(placer.coordinateField, problem); continue }
            case .other(let g):
                if let problem = InputBounds.coordinateProblem(g) { reject("geometry", problem); continue }
            case .none:
                break
            }
            switch shape {
            case .point, .none:
                switch placer.place(values, shape: shape, at: row) {
                case .placed(let p, let isImprecise, let note):
                    placement = p
                    imprecise = isImprecise
                    matchNote = note
                    // An initiative naming a unit above the regions is a programme present in each of them, no weight shared.
                    if layer == .initiatives, case .unit(let unit) = p, let field = note?.field {
                        matchNote = (field, placer.catalog.describe(unit, programme: true))
                    }
                case .rejected(let field, let reason):
                    reject(field, reason)
                    continue
                }
            case .other(let g) where g.isPolygonal && allowAreas:
                guard !g.isEmpty else { reject("geometry", "empty polygon"); continue }
                do {
                    if let reason = try engine.invalidityReason(g) {
                        let repaired = try engine.makeValid(g).polygonalPart
                        guard !repaired.isEmpty else { reject("geometry", "invalid polygon (\(reason)) with no area left after repair"); continue }
                        repairedReason = reason
                        placement = .area(repaired)
                    } else {
                        placement = .area(g)
                    }
                } catch {
                    reject("geometry", "\(error)")
                    continue
                }
            case .other(let g):
                reject("geometry", "a \(layer.rawValue) row must be a Point\(allowAreas ? ", a Polygon" : "") or a region reference, not a \(g.typeName)")
                continue
            }
            switch parse(values, id, placement, line) {
            case .failure(let r):
                reject(r.field, r.reason)
                continue
            case .success(let item):
                items.append(item)
                if progress.locatedByLine != nil, case .point = placement {
                    let region = placer.locatedRegion(at: row)
                    if region != PointScreen.notLocated { progress.locatedByLine![line] = region }
                }
            }
            if !rawID.isEmpty { progress.seen.insert(rawID) }
            account.used += 1
            switch placement {
            case .point: account.points += 1
            case .area: account.polygons += 1
            case .region: account.regionReferenced += 1
            case .unit:
                account.regionReferenced += 1
                account.coarserUnits += 1
            }
            if let matchNote {
                account.matched += 1
                issues.append(RowIssue(layer: layer, file: file, line: line, feature: number, id: id, field: matchNote.field,
                                       disposition: .matched, reason: matchNote.text))
            }
            if imprecise { account.impreciseRegionReferenced += 1 }
            if let repairedReason {
                account.repaired += 1
                issues.append(RowIssue(layer: layer, file: file, line: line, feature: number, id: id, field: "geometry", disposition: .repaired,
                                       reason: "invalid polygon (\(repairedReason)) repaired with GEOS MakeValid"))
            }
        }
        return LoadedLayer(items: items, account: account, issues: issues)
    }

    struct FieldRejection: Error {
        var field: String?
        var reason: String
    }

    /// An optional whole-number cell (nil when empty) within `range`; a
    /// rejection says the `name`d value must be `must`.
    private static func wholeNumber<Values: RowValues>(_ p: Values, _ field: String?, named name: String, in range: ClosedRange<Int>,
                                                      decimalComma: Bool, must: String) -> Result<Int?, FieldRejection> {
        let text = p.text(field)
        if text.isEmpty { return .success(nil) }
        guard let n = FieldParsing.integer(text, decimalComma: decimalComma), range.contains(n) else {
            return .failure(FieldRejection(field: field, reason: "\(name) '\(FieldParsing.quoted(text))' is not \(must)"))
        }
        return .success(n)
    }

    private static func weight<Values: RowValues>(_ p: Values, _ field: String?, decimalComma: Bool) -> Result<Double, FieldRejection> {
        let text = p.text(field)
        if text.isEmpty { return .success(1) }
        guard let w = FieldParsing.number(text, decimalComma: decimalComma), InputBounds.weight.allows(w) else {
            let what = FieldParsing.number(text, decimalComma: decimalComma).map { $0 > InputBounds.weight.upper } == true ? "is too large" : "is not a positive number"
            return .failure(FieldRejection(field: field, reason: "weight '\(FieldParsing.quoted(text))' \(what) (a number \(InputBounds.weight.range))\(FieldParsing.hint(text, decimalComma: decimalComma))"))
        }
        return .success(w)
    }

    public func initiatives(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog) -> LoadedLayer<Initiative> {
        var progress = PointLayerProgress()
        return pointRows(collection, layer: .initiatives, idFields: LayerFieldNames.initiativeID, regions: regions, catalog: catalog,
                         allowAreas: true, progress: &progress) { lookup in
            let statusField = lookup.find(LayerFieldNames.status), actorField = lookup.find(LayerFieldNames.actor)
            let radiusField = lookup.find(LayerFieldNames.radius), nameField = lookup.find(LayerFieldNames.initiativeName)
            let kindField = lookup.find(LayerFieldNames.kind), startDateField = lookup.find(LayerFieldNames.startDate)
            let endDateField = lookup.find(LayerFieldNames.endDate), decimalComma = lookup.decimalComma
            return { p, id, placement, line in
                let statusText = p.text(statusField)
                var status: InitiativeStatus?
                if !statusText.isEmpty {
                    guard let s = Vocabulary.status(statusText) else {
                        return .failure(FieldRejection(field: statusField, reason: "status '\(statusText)' is not one of active, planned, closed"))
                    }
                    status = s
                }
                let actorText = p.text(actorField)
                var actor: Actor?
                if !actorText.isEmpty {
                    guard let a = Vocabulary.actor(actorText) else {
                        return .failure(FieldRejection(field: actorField, reason: "actor '\(actorText)' is not one of state, community, civil_society, international"))
                    }
                    actor = a
                }
                let radiusText = p.text(radiusField)
                var radius: Double?
                if !radiusText.isEmpty {
                    guard let r = FieldParsing.number(radiusText, decimalComma: decimalComma), InputBounds.radiusKm.allows(r) else {
                        let what = FieldParsing.number(radiusText, decimalComma: decimalComma).map { $0 > InputBounds.radiusKm.upper } == true
                            ? "is too large" : "is not a positive number of kilometres"
                        return .failure(FieldRejection(field: radiusField, reason: "radius_km '\(FieldParsing.quoted(radiusText))' \(what) (a number \(InputBounds.radiusKm.range); a wider area is a programme: name its region instead)"))
                    }
                    if case .point(let c) = placement, let problem = InputBounds.discProblem(center: c, radiusKm: r) {
                        return .failure(FieldRejection(field: radiusField, reason: problem))
                    }
                    radius = r
                }
                return .success(Initiative(
                    id: id, name: p.text(nameField), actor: actor,
                    kind: p.text(kindField), status: status, placement: placement, radiusKm: radius,
                    startDate: p.text(startDateField),
                    endDate: p.text(endDateField), line: line))
            }
        }
    }

    public func needs(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog,
                      progress: inout PointLayerProgress) -> LoadedLayer<Need> {
        needs(fromRows: collection, regions: regions, catalog: catalog, progress: &progress)
    }

    /// Needs from any point rows: a file's features, or a CSV chunk read from its bytes.
    func needs<Rows: PointRowSource>(fromRows rows: Rows, regions: [Region], catalog: RegionCatalog,
                                     progress: inout PointLayerProgress) -> LoadedLayer<Need> {
        pointRows(rows, layer: .needs, idFields: LayerFieldNames.needID, regions: regions, catalog: catalog,
                  allowAreas: false, progress: &progress) { lookup in
            let severityField = lookup.find(LayerFieldNames.severity), weightField = lookup.find(LayerFieldNames.weight)
            let categoryField = lookup.find(LayerFieldNames.category), segmentField = lookup.find(LayerFieldNames.segment)
            let dateField = lookup.find(LayerFieldNames.needDate), decimalComma = lookup.decimalComma
            // No array per row when the file has none of the source columns.
            let sourceFields = MetricCatalogue.needSourceFields.map { lookup.find($0.columns) }
            let keepsSource = sourceFields.contains { $0 != nil }
            return { p, id, placement, line in
                let severity: Int?
                switch Self.wholeNumber(p, severityField, named: "severity", in: 1...5, decimalComma: decimalComma,
                                         must: "a whole number from 1 to 5") {
                case .success(let s): severity = s
                case .failure(let f): return .failure(f)
                }
                let weight: Double
                switch Self.weight(p, weightField, decimalComma: decimalComma) {
                case .success(let w): weight = w
                case .failure(let f): return .failure(f)
                }
                return .success(Need(
                    id: id, category: p.text(categoryField),
                    segment: p.text(segmentField), severity: severity, weight: weight,
                    date: p.text(dateField), placement: placement, line: line, source: keepsSource ? sourceFields.map { p.text($0) } : []))
            }
        }
    }

    public func incidents(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog,
                          progress: inout PointLayerProgress) -> LoadedLayer<Incident> {
        incidents(fromRows: collection, regions: regions, catalog: catalog, progress: &progress)
    }

    /// Incidents from any point rows: a file's features, or a CSV chunk read from its bytes.
    func incidents<Rows: PointRowSource>(fromRows rows: Rows, regions: [Region], catalog: RegionCatalog,
                                         progress: inout PointLayerProgress) -> LoadedLayer<Incident> {
        pointRows(rows, layer: .incidents, idFields: LayerFieldNames.incidentID, regions: regions, catalog: catalog,
                  allowAreas: false, progress: &progress) { lookup in
            let fatalitiesField = lookup.find(LayerFieldNames.fatalities), weightField = lookup.find(LayerFieldNames.weight)
            let dateField = lookup.find(LayerFieldNames.incidentDate), typeField = lookup.find(LayerFieldNames.eventType)
            let decimalComma = lookup.decimalComma
            let sourceFields = MetricCatalogue.incidentSourceFields.map { lookup.find($0.columns) }
            let keepsSource = sourceFields.contains { $0 != nil }
            return { p, id, placement, line in
                let fatalities: Int?
                switch Self.wholeNumber(p, fatalitiesField, named: "fatalities", in: InputBounds.fatalities.lower...InputBounds.fatalities.upper, decimalComma: decimalComma,
                                         must: "a whole number \(InputBounds.fatalities.range)") {
                case .success(let f): fatalities = f
                case .failure(let f): return .failure(f)
                }
                let weight: Double
                switch Self.weight(p, weightField, decimalComma: decimalComma) {
                case .success(let w): weight = w
                case .failure(let f): return .failure(f)
                }
                return .success(Incident(
                    id: id, date: p.text(dateField),
                    type: p.text(typeField), fatalities: fatalities, weight: weight,
                    placement: placement, line: line, source: keepsSource ? sourceFields.map { p.text($0) } : []))
            }
        }
    }

    public func settlements(from collection: FeatureCollection, regions: [Region], catalog: RegionCatalog) -> LoadedLayer<Settlement> {
        var progress = PointLayerProgress()
        return pointRows(collection, layer: .settlements, idFields: LayerFieldNames.settlementID, regions: regions, catalog: catalog,
                         allowAreas: false, progress: &progress) { lookup in
            let populationField = lookup.find(LayerFieldNames.population), nameField = lookup.find(LayerFieldNames.settlementName)
            let decimalComma = lookup.decimalComma
            return { p, id, placement, line in
                guard case .point(let c) = placement else {
                    return .failure(FieldRejection(field: "geometry", reason: "a settlement needs coordinates"))
                }
                let text = p.text(populationField)
                guard let population = FieldParsing.number(text, decimalComma: decimalComma), InputBounds.population.allows(population) else {
                    return .failure(FieldRejection(field: populationField ?? "population", reason: "population '\(FieldParsing.quoted(text))' is not a number \(InputBounds.population.range)"))
                }
                return .success(Settlement(id: id, name: p.text(nameField), population: population,
                                           coordinate: c, line: line))
            }
        }
    }
}

/// The words accepted for statuses and actors, in English and French.
enum Vocabulary {
    /// The text folded (`RegionCatalog.fold`), then `-` and `_` as spaces.
    static func key(_ text: String) -> String {
        let folded = RegionCatalog.fold(text)
        guard folded.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else { return folded }
        return String(decoding: folded.utf8.map { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    static func status(_ text: String) -> InitiativeStatus? {
        switch key(text) {
        // French words in both genders: "une initiative prévue, clôturée" (the reason names these).
        case "active", "actif", "ongoing", "en cours", "current", "operational", "operationnel", "operationnelle": .active
        case "planned", "planifie", "planifiee", "prevu", "prevue", "proposed", "pipeline", "a venir", "projete", "projetee": .planned
        case "closed", "ferme", "fermee", "cloture", "cloturee", "termine", "terminee", "ended", "completed", "inactive", "inactif",
             "suspended", "suspendu", "suspendue": .closed
        default: nil
        }
    }

    static func actor(_ text: String) -> Actor? {
        switch key(text) {
        case "state", "etat", "government", "gouvernement", "state security forces", "forces de defense et de securite", "fds": .state
        case "community", "communaute", "communautaire", "local community", "communaute locale": .community
        case "civil society", "societe civile", "osc", "cso", "ngo", "ong": .civilSociety
        case "international", "internationale", "international partner", "partenaire international", "partenaires internationaux": .international
        default: nil
        }
    }
}

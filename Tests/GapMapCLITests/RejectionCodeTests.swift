import Foundation
import Testing
import TestSupport
import GeoFormats
@testable import GapMap
@testable import GapMapCLI

/// Every known way a row is rejected, repaired or matched has its own code
/// and French wording: a French run on the real communes, with an
/// ACLED-shaped export and French spreadsheets full of faults, leaves no
/// row under the code `other` and no English word in rejected.csv.
struct RejectionCodeTests {
    static let communes = FrenchEverywhereTests.communes

    static let acledHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
        + "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,"
        + "geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    /// One ACLED row: the fields that matter here, the rest as ACLED fills them.
    static func acled(_ id: String, date: String = "05 March 2019", type: String = "Battles", admin: (String, String, String),
                      lat: String, lon: String, precision: Int = 1, fatalities: String = "0", extra: String = "") -> String {
        "\(id),\(date),2019,1,Political violence,\(type),Armed clash,JNIM,,2,,,,20,,466,Western Africa,Mali,"
            + "\(admin.0),\(admin.1),\(admin.2),Somewhere,\(lat),\(lon),\(precision),Invented,National,Invented example,\(fatalities),\(extra),1651871311"
    }

    static func write(_ folder: String) throws -> [String] {
        let incidents = [
            acledHeader,
            acled("MLI1", admin: ("Mopti", "Mopti", "Mopti"), lat: "14.49", lon: "-4.19"),
            acled("MLI1", admin: ("Mopti", "Mopti", "Mopti"), lat: "14.49", lon: "-4.19"),                      // duplicate_id
            acled("MLI2", admin: ("Atlantis", "", ""), lat: "14.49", lon: "-4.19", precision: 3),                  // imprecise_admin
            acled("MLI3", admin: ("", "", ""), lat: "14.49", lon: "-4.19", precision: 3),                          // imprecise_no_admin
            acled("MLI4", admin: ("Mopti", "Mopti", "Mopti"), lat: "14.49", lon: "-4.19", fatalities: "-3"),      // fatalities
            acled("MLI5", date: "the day after", admin: ("Mopti", "Mopti", "Mopti"), lat: "14.49", lon: "-4.19"),  // date
            acled("MLI6", admin: ("Mopti", "Mopti", "Mopti"), lat: "-4.19", lon: "14.49"),                        // swapped_coordinates
            acled("MLI7", admin: ("Mopti", "Mopti", "Mopti"), lat: "14.49", lon: "-4.19", extra: "a,b"),          // extra_fields
            acled("MLI8", admin: ("Mopti", "Mopti", "Mopti"), lat: "95", lon: "-4.19"),                           // latitude_range
            acled("MLI9", admin: ("Mopti", "Bourem", ""), lat: "", lon: ""),                                       // coarser_unit
        ].joined(separator: "\n") + "\n"
        let needs = """
            identifiant;catégorie;groupe;gravité;poids;date;lon;lat;commune
            B1;accès_justice;femmes;4;2,5;15/03/2019;-7,99;12,64;
            B2;présence_police;jeunes;3;1;2019-06-01;;;Commune de Mopti
            B3;présence_police;jeunes;3;1;2019-06-01;;;Baye
            B4;présence_police;jeunes;3;1;2019-06-01;;;Tombuctou
            B5;présence_police;jeunes;élevée;1;2019-06-01;-4,2;14,5;
            B6;présence_police;jeunes;3;-2;2019-06-01;-4,2;14,5;
            B7;présence_police;jeunes;3;1;31/02/2019;-4,2;14,5;
            B9;présence_police;jeunes;3;1;2019-06-01;-4,2;95;
            B10;présence_police;jeunes;3;1;2019-06-01;;;
            B1;accès_justice;femmes;4;2,5;15/03/2019;-7,99;12,64;
            B11;présence_police;jeunes;3;1;2019-06-01;2,5;48,8;
            B12;présence_police;jeunes;3;1e400;2019-06-01;-4,2;14,5;
            B13;présence_police;jeunes;3;1;2019-06-01;-4,2;;
            B15;présence_police;jeunes;3;1;2019-06-01;abc;14,5;
            B16;présence_police;jeunes;3;1;2019-06-01;-4,2;14,5;;en trop

            """
        let initiatives = """
            identifiant;nom;acteur;type;statut;lon;lat;rayon_km;commune;date_debut;date_fin
            I1;Poste de Mopti;État;poste;en cours;-4,19;14,49;10;;2018-01-01;
            I2;Comité de Djenné;communauté;comité;prévue;-4,55;13,9;8;;2019-01-01;2020-12-31
            I3;Comité X;voisins;comité;en cours;-4,55;13,9;8;;2019-01-01;
            I4;Comité Y;communauté;comité;gelée;-4,55;13,9;8;;2019-01-01;
            I5;Comité Z;communauté;comité;en cours;-4,55;13,9;abc;;2019-01-01;
            I6;Comité W;communauté;comité;en cours;-4,55;13,9;5000;;2019-01-01;
            I7;Comité V;communauté;comité;en cours;-4,55;13,9;8;;2020-01-01;2019-01-01
            I8;Programme Mopti;international;programme;en cours;;;;Mopti;2018-01-01;
            I9;Comité pôle;communauté;comité;en cours;10;89,95;50;;2019-01-01;

            """
        let files = [("acled.csv", incidents), ("besoins.csv", needs), ("initiatives.csv", initiatives)]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return files.map { folder + "/" + $0.0 }
    }

    /// Words a French reason keeps as the user types or reads them: the
    /// values a field accepts (status, actor), GeoJSON's member and type
    /// names; and words French as well.
    static let typed: Set<String> = [
        "state", "community", "international", "active", "planned", "closed",
        "coordinates", "geometries", "null", "point", "multipoint", "linestring", "multilinestring", "geometrycollection",
        "position", "positions", "triangle", "here", "blob",
    ]

    static func unexpected(_ found: [String]) -> [String] {
        found.filter { !typed.contains(String($0.prefix { $0 != ":" })) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: communes), "geodata/mali-cod-2015 is absent"))
    func aFrenchRunOnTheCommunesLeavesNoReasonUnderOther() throws {
        let folder = TestSupport.temporaryFolder("rejection-codes")
        let files = try Self.write(folder)
        let layers = ["--regions", Self.communes, "--incidents", files[0], "--needs", files[1], "--initiatives", files[2],
                      "--from", "2018-01-01", "--to", "2020-12-31"]
        var reasons: [String: [[String]]] = [:]
        for lang in ["en", "fr"] {
            _ = try FrenchEverywhereTests.run(["analyze"] + layers + ["--lang", lang, "--out", folder + "/" + lang])
            let table = FrenchEverywhereTests.csvRows(try String(contentsOfFile: folder + "/\(lang)/rejected.csv", encoding: .utf8))
            reasons[lang] = Array(table.dropFirst())
        }
        let french = try #require(reasons["fr"]), english = try #require(reasons["en"])
        // Each fault above, by its code: the run met every path.
        let expected: Set<String> = [
            "duplicate_id", "imprecise_admin", "imprecise_no_admin", "fatalities", "date", "swapped_coordinates", "extra_fields",
            "latitude_range", "coarser_unit", "name_matched", "region_ambiguous", "region_not_found", "severity", "weight", "no_location",
            "far_outside", "coordinate_missing", "not_a_number", "actor", "status", "radius", "end_before_start",
        ]
        let codes = Set(french.map { $0[6] })
        #expect(expected.subtracting(codes).isEmpty, "paths not met: \(expected.subtracting(codes).sorted())")
        #expect(french.map { $0[6] } == english.map { $0[6] }, "the codes differ between the languages")
        for row in french {
            #expect(row[6] != RejectionReasons.otherCode, "line \(row[2]) of \(row[0]) has no code: \(row[7])")
        }
        // 'prévue' is a status the reason offers: it is read, not rejected.
        #expect(!french.contains { $0[0] == "initiatives" && $0[3] == "I2" }, "I2 (prévue) rejected")
        // No English word of the English reasons is left in the French ones.
        let data = try files.flatMap { try EnglishWordScan.dataValues(ofFile: $0) } + [try String(contentsOfFile: Self.communes, encoding: .utf8)]
        let scan = EnglishWordScan(english: english.map { $0[7] }, data: data)
        for row in french {
            let left = Self.unexpected(scan.englishWords(in: row[7]))
            #expect(left.isEmpty, "line \(row[2]) of \(row[0]): \(row[7]): \(left)")
        }
    }

    /// The GeoJSON reader's reasons for a feature it cannot read, and the
    /// geometry library's, each have a code and French wording.
    @Test func theGeometryReasonsOfAGeoJSONFileHaveTheirCodes() throws {
        let folder = TestSupport.temporaryFolder("geometry-codes")
        let path = folder + "/needs.geojson"
        let geometries = [
            #"{"type":"Point","coordinates":[-4.2,"x"]}"#, #"{"type":"Point","coordinates":[-4.2]}"#, #"{"type":"Point"}"#,
            #"{"type":"Blob","coordinates":[1,2]}"#, #"{"coordinates":[1,2]}"#, #"{"type":3,"coordinates":[1,2]}"#, #""here""#,
            #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}"#, #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
            #"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#, #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1]]]]}"#,
            #"{"type":"LineString","coordinates":[[0,0]]}"#, #"{"type":"Point","coordinates":[-400,14]}"#,
            #"{"type":"GeometryCollection"}"#, #"{"type":"GeometryCollection","geometries":[null]}"#, #"{"type":"Point","coordinates":"x"}"#,
        ]
        let features = geometries.enumerated().map { i, g in #"{"type":"Feature","properties":{"id":"n\#(i)"},"geometry":\#(g)}"# }
        try (#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",\n") + "]}").write(toFile: path, atomically: true, encoding: .utf8)
        let collection = try FeatureFileReader.read(path)
        let problems = collection.features.compactMap { $0.problem }
        #expect(problems.count == geometries.count, "\(problems)")
        let english = problems.map(\.message)
        let scan = EnglishWordScan(english: english, data: [])
        for problem in problems {
            #expect(RejectionReasons.code(problem.message) != RejectionReasons.otherCode, "no code: \(problem.message)")
            let french = RejectionReasons.reason(problem.message, language: .french)
            #expect(Self.unexpected(scan.englishWords(in: french)).isEmpty, "\(problem.message) → \(french)")
        }
    }

    /// Numbers gapmap wrote into a French reason take a decimal comma and
    /// thin-space thousands; what the reason quotes from the input, the
    /// identifiers and the dates keep their characters (worked by hand).
    /// A row naming a unit above the run's is told so with the units named
    /// by their level, in both languages (the French names from UnitNames).
    @Test func aCoarserUnitIsToldInTheUnitsNames() {
        let tail = " (its weight is shared among them by area)"
        for (english, french) in [
            ("'ML04' names a region above the communes; credited to it as a whole, not to one of its 119 communes" + tail,
             "'ML04' nomme une unité plus large que les communes ; la ligne est attribuée à cette unité entière, son poids réparti au prorata de la surface entre les 119 communes qu'elle contient"),
            ("'Tillaberi' names a region above the departments; credited to it as a whole, not to one of its 13 departments" + tail,
             "'Tillaberi' nomme une unité plus large que les départements ; la ligne est attribuée à cette unité entière, son poids réparti au prorata de la surface entre les 13 départements qu'elle contient"),
            ("'ML05' names a unit above the regions; credited to it as a whole, not to one of its 2 regions" + tail,
             "'ML05' nomme une unité plus large que les régions ; la ligne est attribuée à cette unité entière, son poids réparti au prorata de la surface entre les 2 régions qu'elle contient"),
            ("'X1' names an admin-2 unit above the admin-3 units; credited to it as a whole, not to one of its 4 admin-3 units" + tail,
             "'X1' nomme une unité plus large que les unités admin 3 ; la ligne est attribuée à cette unité entière, son poids réparti au prorata de la surface entre les 4 unités admin 3 qu'elle contient"),
        ] {
            #expect(RejectionReasons.code(english) == "coarser_unit", "\(english)")
            #expect(RejectionReasons.reason(english, language: .french) == french)
        }
        #expect(UnitNames.french(ofEnglish: "sub-prefectures") == "sous-préfectures" && UnitNames.french(ofEnglish: "Ségou") == nil)
        // An initiative naming such a unit is a programme present in each of its units: no weight is shared.
        let programme = "'ML07' names a region above the communes; credited to it as a whole: a programme present in each of its 23 communes"
        #expect(RejectionReasons.code(programme) == "coarser_unit")
        #expect(RejectionReasons.reason(programme, language: .french)
            == "'ML07' nomme une unité plus large que les communes ; l'initiative est attribuée à cette unité entière : un programme présent dans les 23 communes qu'elle contient")
    }

    @Test func frenchReasonsWriteGapmapsNumbersTheFrenchWay() {
        let nnbsp = "\u{202F}"
        for (english, french) in [
            ("latitude 95.00000 is outside -90…90", "la latitude 95,00000 est hors de -90…90"),
            ("longitude -200.5 is outside -180…180", "la longitude -200,5 est hors de -180…180"),
            ("weight '-2.5' is not a positive number (a number greater than 0 and at most 1000000000000)",
             "le poids '-2.5' n'est pas un nombre positif (un nombre supérieur à 0 et au plus 1\(nnbsp)000\(nnbsp)000\(nnbsp)000\(nnbsp)000)"),
            ("id NEED-00060 already seen in this layer; the first row is used",
             "l'identifiant NEED-00060 figure déjà dans cette couche ; la première ligne est utilisée"),
        ] {
            #expect(RejectionReasons.reason(english, language: .french) == french, "\(english)")
        }
        #expect(RejectionReasons.frenchNumbers("le 2024-01-15 à ML0101, id 12345, v4.2.1, 0.5 km, '3.5'") == "le 2024-01-15 à ML0101, id 12345, v4.2.1, 0,5 km, '3.5'")
        #expect(RejectionReasons.frenchRanges("a number from 0.5 to 12345.25, greater than 0 and at most 2000.") == "a number de 0,5 à 12\(nnbsp)345,25, supérieur à 0 et au plus 2000.")
    }
}

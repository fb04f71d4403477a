import GeoCore
import GeoFormats
import Testing

@Suite("Reading CSV")
struct CSVReaderTests {
    @Test("quoted fields with delimiters, doubled quotes and line breaks; records report the line they start on")
    func quotedFields() throws {
        let collection = try CSVFeatureReader.read(contentsOf: try fixturePath("quoted.csv"))
        let f = collection.features
        try #require(f.count == 4)
        #expect(f.map(\.location.line) == [2, 4, 5, 7])
        #expect(f[0].properties["note"] == .string("first\nsecond"))
        #expect(f[1].properties["note"] == .string("plain"))
        #expect(f[2].properties["note"] == .string("a \"quoted\" word, with comma"))
        #expect(f[3].properties["note"] == .string("x\ny\nz"))
        #expect(f.map(\.geometry) == [.point(c(1, 2)), .point(c(3, 4)), .point(c(5, 6)), .point(c(7, 8))])
        #expect(f.allSatisfy { $0.problem == nil })
        #expect(collection.source.coordinateColumns == CoordinateColumns(x: "lon", y: "lat"))
        #expect(collection.source.delimiter == ",")
        #expect(collection.source.encoding == "UTF-8")
        #expect(collection.source.columns == ["id", "note", "lon", "lat"])
        #expect(f[3].location.description.hasSuffix("quoted.csv:7"))
    }

    @Test("BOM, CRLF, ';' and decimal commas (French Excel)")
    func frenchExcel() throws {
        let collection = try CSVFeatureReader.read(contentsOf: try fixturePath("needs_fr.csv"))
        #expect(collection.source.encoding == "UTF-8 with BOM")
        #expect(collection.source.delimiter == ";")
        #expect(collection.source.columns == ["id", "nom", "longitude", "latitude", "poids"])
        #expect(collection.source.coordinateColumns == CoordinateColumns(x: "longitude", y: "latitude"))
        let f = collection.features
        try #require(f.count == 3)
        #expect(f.map(\.location.line) == [2, 3, 4])
        #expect(f[0].geometry == .point(c(-6.2595, 13.4403)))
        #expect(f[0].properties["nom"] == .string("Ségou"))
        #expect(f[1].geometry == .point(c(-4.197, 14.4843)))
        #expect(f[1].properties["poids"] == .string("1,5"))
        #expect(f[2].geometry == nil)
        #expect(f[2].problem == nil)
        #expect(f[2].properties["longitude"] == .string(""))
    }

    @Test("tab-separated, with x/y columns")
    func tabs() throws {
        let collection = try readCSV(bytes("id\tname\tx\ty\n1\tA, B\t1.5\t-2.5\n"))
        #expect(collection.source.delimiter == "\t")
        #expect(collection.source.coordinateColumns == CoordinateColumns(x: "x", y: "y"))
        #expect(collection.features[0].geometry == .point(c(1.5, -2.5)))
        #expect(collection.features[0].properties["name"] == .string("A, B"))
    }

    @Test("a file that is not UTF-8 is read as Windows-1252")
    func windows1252() throws {
        var input = bytes("id,name,lon,lat\n1,S")
        input += [0xE9]  // é
        input += bytes("gou,-6.26,13.44\n2,Tombouctou ")
        input += [0x96]  // en dash
        input += bytes(" nord ")
        input += [0x80]  // euro sign
        input += bytes(",-3.0,16.77\n")
        let collection = try readCSV(input)
        #expect(collection.source.encoding == "Windows-1252")
        #expect(collection.features[0].properties["name"] == .string("Ségou"))
        #expect(collection.features[1].properties["name"] == .string("Tombouctou \u{2013} nord €"))
        #expect(collection.features[0].geometry == .point(c(-6.26, 13.44)))
    }

    @Test("UTF-16 with a byte-order mark (Excel's Unicode text) is read")
    func utf16() throws {
        let text = "id\tnom\tlon\tlat\r\n1\tSégou\t-6.26\t13.44\r\n"
        var input: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { input += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let collection = try readCSV(input)
        #expect(collection.source.encoding == "UTF-16LE")
        #expect(collection.features[0].properties["nom"] == .string("Ségou"))
        #expect(collection.features[0].geometry == .point(c(-6.26, 13.44)))
    }

    @Test("blank lines, lines of spaces and all-empty rows are skipped; CR-only line ends count as lines")
    func blankLines() throws {
        let table = try CSVReader.parse(bytes: bytes("\n\nid,lon,lat\n\n1,1,2\n   \n,,\n2,3,4\n\n\n"), path: "b.csv")
        #expect(table.headerLine == 3)
        #expect(table.rows.map(\.line) == [5, 8])
        #expect(table.rows.map(\.fields) == [["1", "1", "2"], ["2", "3", "4"]])

        let cr = try CSVReader.parse(bytes: bytes("id,lon,lat\r1,1,2\r2,3,4\r"), path: "cr.csv")
        #expect(cr.rows.map(\.line) == [2, 3])
        #expect(cr.rows.map(\.fields) == [["1", "1", "2"], ["2", "3", "4"]])
    }

    @Test("header names are trimmed; short rows padded; long rows kept and flagged")
    func fieldCounts() throws {
        let table = try CSVReader.parse(bytes: bytes(" id , name ,lon,lat\n1,A,1,2,extra,more\n2,B\n3,C,5,6,"), path: "w.csv")
        #expect(table.header == ["id", "name", "lon", "lat"])
        #expect(table.rows[0].fields.count == 6)
        #expect(table.rows[1].fields == ["2", "B", "", ""])
        #expect(table.rows[1].value(1) == "B")
        #expect(table.rows[1].value(9) == nil)
        #expect(table.rows[2].fields == ["3", "C", "5", "6", ""])

        let f = try CSVFeatureReader.features(from: table, options: .init()).features
        #expect(f[0].problem?.message.hasPrefix("row has 6 fields, header has 4") == true)
        #expect(f[0].properties.keys == ["id", "name", "lon", "lat"])
        #expect(f[1].problem == nil)
        #expect(f[1].geometry == nil)
        #expect(f[2].problem?.message.hasPrefix("row has 5 fields, header has 4") == true)
    }

    @Test("bad coordinates become problems naming the column")
    func coordinateProblems() throws {
        let text = """
            id,lon,lat
            1,-7.5,abc
            2,-7.5,95
            3,-7.5,
            4,,12
            5,inf,12
            6,-7.5,1e400
            7,200,12
            8, -7.5 , 12.25 
            9,,
            10,12.5,-100
            """
        let f = try readCSV(bytes(text), path: "needs.csv").features
        try #require(f.count == 10)
        #expect(f[0].problem == FeatureProblem(field: "lat", message: "'abc' is not a number"))
        #expect(f[1].problem?.field == "lat")
        #expect(f[1].problem?.message.hasPrefix("latitude 95 is outside -90…90") == true)
        #expect(f[2].problem == FeatureProblem(field: "lat", message: "longitude given without latitude"))
        #expect(f[3].problem == FeatureProblem(field: "lon", message: "latitude given without longitude"))
        #expect(f[4].problem == FeatureProblem(field: "lon", message: "'inf' is not finite"))
        #expect(f[5].problem == FeatureProblem(field: "lat", message: "'1e400' is not finite"))
        #expect(f[6].problem == FeatureProblem(field: "lon", message: "longitude 200 is outside -180…180"))
        #expect(f[7].problem == nil)
        #expect(f[7].geometry == .point(c(-7.5, 12.25)))
        #expect(f[7].properties["lon"] == .string(" -7.5 "))
        #expect(f[8].problem == nil && f[8].geometry == nil)
        #expect(f[9].problem?.message.contains("swapped") == true)
        #expect(f[0...6].allSatisfy { $0.geometry == nil })
        #expect(f[1].location.description == "needs.csv:3")
    }

    @Test("decimal commas are numbers only when the delimiter is ';'")
    func decimalCommaOnlyWithSemicolon() throws {
        let comma = try readCSV(bytes("id\tlon\tlat\n1\t1,5\t2\n")).features[0]
        #expect(comma.problem == FeatureProblem(field: "lon", message: "'1,5' is not a number"))
        let semicolon = try readCSV(bytes("id;lon;lat\n1;1,5;2\n")).features[0]
        #expect(semicolon.geometry == .point(c(1.5, 2)))
    }

    @Test("coordinate columns are found by name, ignoring case, in the documented order")
    func columnDetection() throws {
        func columns(_ header: String) throws -> CoordinateColumns? {
            try readCSV(bytes(header + "\n")).source.coordinateColumns
        }
        #expect(try columns("x,y,Longitude,Latitude") == CoordinateColumns(x: "Longitude", y: "Latitude"))
        #expect(try columns("LAT,LNG") == CoordinateColumns(x: "LNG", y: "LAT"))
        #expect(try columns("long,lat,lon") == CoordinateColumns(x: "lon", y: "lat"))
        #expect(try columns("lat,long") == CoordinateColumns(x: "long", y: "lat"))
        #expect(try columns("id,X,Y") == CoordinateColumns(x: "X", y: "Y"))
        #expect(try columns("_gps_latitude,_gps_longitude,_gps_altitude") == CoordinateColumns(x: "_gps_longitude", y: "_gps_latitude"))
        #expect(try columns("id,region,latitude") == nil)

        let noCoordinates = try readCSV(bytes("id,region\n1,ML05\n"))
        #expect(noCoordinates.features[0].geometry == nil)
        #expect(noCoordinates.features[0].problem == nil)
        #expect(noCoordinates.features[0].properties["region"] == .string("ML05"))
    }

    @Test("columns named in the options are used; a missing one is an error listing the header")
    func namedColumns() throws {
        let options = CSVOptions(xColumn: "gps_e", yColumn: "GPS_N")
        let f = try readCSV(bytes("id,gps_e,gps_n,lat\n1,-7.5,12.5,0\n"), options: options)
        #expect(f.source.coordinateColumns == CoordinateColumns(x: "gps_e", y: "gps_n"))
        #expect(f.features[0].geometry == .point(c(-7.5, 12.5)))

        let error = csvError(bytes("id,lon,lat\n"), options: CSVOptions(yColumn: "latitude"))
        #expect(error?.field == "latitude")
        #expect(error?.message.contains("the header has: id, lon, lat") == true)
    }

    @Test("an explicit delimiter overrides detection; Excel's sep= line is honoured")
    func delimiterChoice() throws {
        let table = try CSVReader.parse(bytes: bytes("a;b,c\n1;2,3\n"), path: "d.csv", options: CSVOptions(delimiter: ";"))
        #expect(table.header == ["a", "b,c"])
        let detected = try CSVReader.parse(bytes: bytes("a;b,c,d\n1;2,3,4\n"), path: "d.csv")
        #expect(detected.delimiter == ",")
        let sep = try CSVReader.parse(bytes: bytes("sep=;\r\nid;lon,x\r\n1;2,5\r\n"), path: "s.csv")
        #expect(sep.delimiter == ";")
        #expect(sep.header == ["id", "lon,x"])
        #expect(sep.rows[0].line == 3)
        #expect(throws: FormatError.self) {
            try CSVReader.parse(bytes: bytes("a,b\n"), path: "d.csv", options: CSVOptions(delimiter: "\""))
        }
    }

    @Test("text after a closing quote is kept, as spreadsheets do")
    func textAfterQuote() throws {
        let table = try CSVReader.parse(bytes: bytes("a,b\n\"ab\"cd,1\n\"\",\"\"\"\"\n"), path: "q.csv")
        #expect(table.rows.map(\.fields) == [["abcd", "1"], ["", "\""]])
    }

    @Test("a table built by hand with short rows is read without trapping")
    func handBuiltTable() throws {
        let table = CSVTable(
            header: ["id", "lon", "lat"], rows: [CSVRecord(line: 2, fields: ["1"])], delimiter: ",", encoding: "UTF-8",
            path: "t.csv")
        let f = try CSVFeatureReader.features(from: table, options: .init()).features
        #expect(f[0].properties["lat"] == .string(""))
        #expect(f[0].geometry == nil && f[0].problem == nil)
    }

    // MARK: Errors

    @Test("an unterminated quote is an error at the line where it opened")
    func unterminatedQuote() {
        let error = csvError(bytes("id,name\n1,ok\n2,\"never closed\n3,x\n4,y\n"), path: "needs.csv")
        #expect(error?.line == 3)
        #expect(error?.column == 3)
        #expect(error?.description.hasPrefix("needs.csv:3:3: a quoted field opened here is never closed") == true)
    }

    @Test("empty or repeated header names are errors naming them")
    func badHeaders() {
        let duplicate = csvError(bytes("id,lat,lon,lat\n1,2,3,4\n"))
        #expect(duplicate?.line == 1)
        #expect(duplicate?.message.contains("\"lat\" (columns 2 and 4)") == true)

        let empty = csvError(bytes("id,,lon\n"))
        #expect(empty?.message.hasPrefix("column 2 has no name") == true)

        let trailing = csvError(bytes("\nid,name,\n"))
        #expect(trailing?.line == 2)
        #expect(trailing?.message.hasPrefix("column 3 has no name") == true)
    }

    @Test("an empty file is an error")
    func emptyFile() {
        #expect(csvError([])?.line == 1)
        #expect(csvError([0xEF, 0xBB, 0xBF, 0x0A, 0x0A])?.message.contains("empty") == true)
    }
}

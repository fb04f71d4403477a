import Foundation
import Testing
@testable import GapMap

/// The one encoder of `--json` and of the summaries runs record: a number
/// that is not finite is refused with its place in the document, never a
/// Foundation `EncodingError` (issue 14, item 4).
struct JSONDocumentTests {
    struct Region: Encodable {
        var regionID: String
        var coveredKm2: Double
        enum CodingKeys: String, CodingKey { case regionID = "region_id", coveredKm2 = "covered_km2" }
    }

    struct Document: Encodable {
        var regions: [Region]
        var totals: [String: Double]
    }

    @Test func aNumberThatIsNotFiniteIsRefusedWithItsPathInTheDocument() throws {
        for bad in [Double.infinity, -.infinity, .nan] {
            let document = Document(regions: [Region(regionID: "ML01", coveredKm2: 1), Region(regionID: "ML02", coveredKm2: bad)], totals: ["area_km2": 2])
            #expect {
                try JSONDocument.encode(document)
            } throws: { error in
                let text = "\(error)"
                return (error as? GapMapError)?.field == "regions[1].covered_km2" && text.contains("would hold \(bad) (not a finite number)")
                    && text.contains("nothing was printed") && !text.contains("EncodingError")
            }
        }
        let totals = Document(regions: [], totals: ["needs": .infinity])
        #expect(throws: GapMapError.self) { try JSONDocument.encode(totals, pretty: false) }
        // Finite numbers go through as JSONEncoder writes them, keys sorted.
        let good = try JSONDocument.encode(Document(regions: [Region(regionID: "ML01", coveredKm2: 0.5)], totals: [:]), pretty: false)
        #expect(String(decoding: good, as: UTF8.self) == #"{"regions":[{"covered_km2":0.5,"region_id":"ML01"}],"totals":{}}"#)
    }
}

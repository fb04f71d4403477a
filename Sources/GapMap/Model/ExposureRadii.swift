import Foundation

/// How far from an incident people count as exposed to it, by the
/// incident's type (ACLED's `event_type`, matched without regard to case).
///
/// The defaults follow ACLED's Conflict Exposure methodology
/// (acleddata.com, "Conflict Exposure methodology"): ACLED publishes the
/// population within 1, 2 and 5 km of each event, and a "best" estimate
/// whose distance depends on the event's type, "for each explosion event
/// … set at 5 km …; however, the best estimate for those exposed to a
/// protest is 1 km". Explosions/Remote violence 5 km and Protests 1 km are
/// those published figures; every other type takes ACLED's middle distance,
/// 2 km (gapmap's choice: ACLED's page gives no other per-type figure).
/// A radius of 0 leaves a type out of the exposure.
public struct ExposureRadii: Sendable, Codable, Equatable {
    /// Radius in km by incident type, keyed by the type folded to lower case.
    public var byType: [String: Double]
    /// Radius in km of every type not named.
    public var defaultKm: Double

    enum CodingKeys: String, CodingKey {
        case byType = "by_type", defaultKm = "default_km"
    }

    public init(byType: [String: Double] = [:], defaultKm: Double) {
        self.byType = Dictionary(byType.map { (Self.fold($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        self.defaultKm = defaultKm
    }

    /// ACLED's published "best estimate" distances (see above).
    public static let acled = ExposureRadii(byType: ["Explosions/Remote violence": 5, "Protests": 1], defaultKm: 2)

    /// The radius in km of an incident of `type`.
    public func radiusKm(forType type: String) -> Double { byType[Self.fold(type)] ?? defaultKm }

    static func fold(_ type: String) -> String { type.trimmingCharacters(in: .whitespaces).lowercased() }

    /// `acled` with the distances of `text` put over it: comma-separated
    /// `Type=distance` pairs, `default=distance` for every other type; a
    /// distance is a number of km, optionally followed by `km` or `m`
    /// ("Battles=5km,Riots=1500m,default=2"). Throws a sentence naming the
    /// pair and the allowed range.
    public static func parse(_ text: String, over base: ExposureRadii = .acled) throws -> ExposureRadii {
        var result = base
        let pairs = text.split(separator: ",", omittingEmptySubsequences: false)
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let type = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !type.isEmpty else {
                throw ExposureRadiiProblem(pair: String(pair), reason: "is not TYPE=DISTANCE")
            }
            let value = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
            let km: Double?
            if value.hasSuffix("km") {
                km = Double(value.dropLast(2).trimmingCharacters(in: .whitespaces))
            } else if value.hasSuffix("m") {
                km = Double(value.dropLast(1).trimmingCharacters(in: .whitespaces)).map { $0 / 1000 }
            } else {
                km = Double(value)
            }
            let bound = InputBounds.exposureRadiusKm
            guard let km, bound.allows(km) else {
                throw ExposureRadiiProblem(pair: String(pair), reason: "has a distance that is not a number of km \(bound.range)")
            }
            if fold(type) == "default" { result.defaultKm = km } else { result.byType[fold(type)] = km }
        }
        return result
    }

    /// The radii as one line, types in alphabetical order, default last.
    public var description: String {
        (byType.sorted { $0.key < $1.key }.map { "\($0.key)=\(NumberText.plain($0.value)) km" }
            + ["default=\(NumberText.plain(defaultKm)) km"]).joined(separator: ", ")
    }
}

/// A pair of `--exposure-radius` that cannot be read.
public struct ExposureRadiiProblem: Error, CustomStringConvertible {
    public let pair: String
    public let reason: String

    public var description: String {
        "--exposure-radius: \"\(pair)\" \(reason); for example --exposure-radius \"Battles=5km,Protests=1km,default=2km\" (0 leaves a type out)"
    }
}

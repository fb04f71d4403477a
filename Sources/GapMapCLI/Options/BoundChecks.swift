import ArgumentParser
import GapMap

/// An option's value checked against its bound in `InputBounds`: a usage
/// error (exit 64) that names the option and the range.
extension InputBounds.Bound where Value == Double {
    func check(_ value: Double, option: String, example: String) throws {
        guard allows(value) else {
            throw ValidationError("\(option) must be a number \(range), not \(NumberText.plain(value)); for example \(option) \(example).")
        }
    }
}

extension InputBounds.Bound where Value == Int {
    func check(_ value: Int, option: String, example: String) throws {
        guard contains(value) else {
            throw ValidationError("\(option) must be a whole number \(range), not \(value); for example \(option) \(example).")
        }
    }
}

import ArgumentParser

/// Paths given on the command line. An empty or blank path is a mistake (often an unset shell
/// variable, `--out "$OUT"`), never the current or root folder.
enum PathArgument {
    static func check(_ value: String?, _ name: String) throws {
        guard let value, value.allSatisfy(\.isWhitespace) else { return }
        throw ValidationError(
            "\(name) is \(value.isEmpty ? "empty" : "blank"); give a path (an unset shell variable gives an empty one)")
    }
}

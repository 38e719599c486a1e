/// A unified diff of two texts, for `gen --check` to show what regenerating would change.
public enum UnifiedDiff {
    /// The diff of `old` and `new` as `diff -u` prints it, or "" when they are equal.
    public static func make(old: [UInt8], new: [UInt8], path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(old)
        let b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let operations = middle(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        var script: [(Character, String)] = a[..<prefix].map { (" ", $0) }
        script += operations
        script += a[(a.count - suffix)...].map { (" ", $0) }
        return "--- \(path)\n+++ \(path) (regenerated)\n" + hunks(script, context: context)
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Edit script of the differing middle: longest common subsequence when small, else all of
    /// `a` removed and all of `b` added.
    private static func middle(_ a: [String], _ b: [String]) -> [(Character, String)] {
        guard a.count * b.count <= 4_000_000 else { return a.map { ("-", $0) } + b.map { ("+", $0) } }
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var script: [(Character, String)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append((" ", a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                script.append(("+", b[j])); j += 1
            } else {
                script.append(("-", a[i])); i += 1
            }
        }
        return script
    }

    private static func hunks(_ script: [(Character, String)], context: Int) -> String {
        let changed = script.indices.filter { script[$0].0 != " " }
        var output = ""
        var index = 0
        while index < changed.count {
            let start = max(changed[index] - context, 0)
            var end = min(changed[index] + context + 1, script.count)
            while index + 1 < changed.count, changed[index + 1] - context <= end {
                index += 1
                end = min(changed[index] + context + 1, script.count)
            }
            let oldStart = script[..<start].filter { $0.0 != "+" }.count
            let newStart = script[..<start].filter { $0.0 != "-" }.count
            let body = script[start..<end]
            let oldCount = body.filter { $0.0 != "+" }.count
            let newCount = body.filter { $0.0 != "-" }.count
            output += "@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@\n"
            for (mark, line) in body { output += "\(mark)\(line)\n" }
            index += 1
        }
        return output
    }
}

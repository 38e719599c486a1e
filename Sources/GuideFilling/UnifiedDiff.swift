#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A unified diff of two texts, for `gen --check` to show what regenerating would change.
///
/// The diff is one `patch -p0` and `git apply -p0` accept: lines are compared and printed with
/// their own line breaks (CRLF stays CRLF), a last line without a line break is followed by
/// `\ No newline at end of file`, and hunk headers count lines as `diff -u` does. A huge
/// mismatch is cut after `lineLimit` lines or `byteLimit` bytes of hunks, at a hunk's end when
/// one fits, with a last line saying how many lines were left out; only as much of the texts
/// is aligned as the diff shows, so time and memory stay close to reading them.
public enum UnifiedDiff {
    /// Room for a whole guide in eight languages being regenerated (about 3,500 lines), ten times over.
    public static let lineLimit = 40_000
    public static let byteLimit = 1 << 22

    /// The diff of `old` and `new` as `diff -u` prints it, or "" when they are equal.
    public static func make(
        old: [UInt8], new: [UInt8], path: String, context: Int = 3,
        lineLimit: Int = lineLimit, byteLimit: Int = byteLimit
    ) -> String {
        guard old != new else { return "" }
        let a = Lines(old)
        let b = Lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a.line(prefix, equals: b, prefix) { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
            a.line(a.count - 1 - suffix, equals: b, b.count - 1 - suffix)
        { suffix += 1 }
        var runs = [Run(mark: .same, count: prefix)]
        runs += middle(
            a, b, from: prefix, aEnd: a.count - suffix, bEnd: b.count - suffix, lineLimit: lineLimit,
            byteLimit: byteLimit)
        runs.append(Run(mark: .same, count: suffix))
        let script = Script(runs: runs.filter { $0.count > 0 }, a: a, b: b)
        let name = headerName(path)
        var output = Array("--- \(name)\n+++ \(name) (regenerated)\n".utf8)
        script.appendHunks(to: &output, context: context, lineLimit: lineLimit, byteLimit: byteLimit)
        return String(decoding: output, as: UTF8.self)
    }

    /// A path as a header names it: as it is, or, when it holds a control character (a line
    /// break would end the header) or starts with `"`, C-quoted as git quotes it
    /// (`"a\nb.md"`), which `patch` and `git apply` read back.
    static func headerName(_ path: String) -> String {
        let controls = path.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard controls || path.hasPrefix("\"") else { return path }
        var quoted = "\""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\u{07}": quoted += "\\a"
            case "\u{08}": quoted += "\\b"
            case "\t": quoted += "\\t"
            case "\n": quoted += "\\n"
            case "\u{0B}": quoted += "\\v"
            case "\u{0C}": quoted += "\\f"
            case "\r": quoted += "\\r"
            case _ where scalar.properties.generalCategory == .control:
                for byte in String(scalar).utf8 {
                    let octal = String(byte, radix: 8)
                    quoted += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                }
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// Runs of the differing middle, by longest common subsequence: all at once when small,
    /// else window by window (2,000 lines of each side), keeping the first half of each
    /// window's alignment. Once the runs hold more changed lines than the diff will show, the
    /// rest is all of `a`'s lines removed and all of `b`'s added: never shown, only counted.
    private static func middle(
        _ a: Lines, _ b: Lines, from start: Int, aEnd: Int, bEnd: Int,
        lineLimit: Int, byteLimit: Int
    ) -> [Run] {
        let window = 2_000
        var runs: [Run] = []
        func append(_ mark: Mark, _ count: Int = 1) {
            guard count > 0 else { return }
            if runs.last?.mark == mark {
                runs[runs.count - 1].count += count
            } else {
                runs.append(Run(mark: mark, count: count))
            }
        }
        var i = start
        var j = start
        var changedLines = 0
        var changedBytes = 0
        while i < aEnd || j < bEnd {
            // Equal lines at the window's start need no table: long same stretches cost a compare.
            var same = 0
            while i + same < aEnd, j + same < bEnd, a.line(i + same, equals: b, j + same) { same += 1 }
            append(.same, same)
            i += same
            j += same
            let n = aEnd - i
            let m = bEnd - j
            if n == 0, m == 0 { break }
            if n == 0 || m == 0 || changedLines > lineLimit || changedBytes > byteLimit {
                append(.removed, n)
                append(.added, m)
                break
            }
            let whole = n <= 4_000_000 && m <= 4_000_000 && n * m <= 4_000_000
            // A window grows (64, 128, … 2,000 lines) until at least half of it aligns: a small
            // edit costs a small table; an inserted block up to half the largest window is
            // still aligned exactly.
            var size = whole ? max(n, m) : 64
            var wa = 0
            var wb = 0
            var aHashes: [UInt64] = []
            var bHashes: [UInt64] = []
            var lengths: [Int32] = []
            let (i0, j0) = (i, j)
            func equal(_ x: Int, _ y: Int) -> Bool {
                aHashes[x] == bHashes[y] && a.line(i0 + x, equals: b, j0 + y)
            }
            while true {
                wa = min(n, size)
                wb = min(m, size)
                aHashes = (i..<(i + wa)).map(a.hash)
                bHashes = (j..<(j + wb)).map(b.hash)
                // lengths[x * (wb + 1) + y]: the longest common subsequence of the window's a[x...] and b[y...].
                lengths = [Int32](repeating: 0, count: (wa + 1) * (wb + 1))
                for x in stride(from: wa - 1, through: 0, by: -1) {
                    for y in stride(from: wb - 1, through: 0, by: -1) {
                        lengths[x * (wb + 1) + y] =
                            equal(x, y)
                            ? lengths[(x + 1) * (wb + 1) + y + 1] + 1
                            : max(lengths[(x + 1) * (wb + 1) + y], lengths[x * (wb + 1) + y + 1])
                    }
                }
                if whole || size >= window || (wa == n && wb == m) || Int(lengths[0]) * 2 >= min(wa, wb) { break }
                size *= 2
            }
            let partial = !(wa == n && wb == m)
            var x = 0
            var y = 0
            while x < wa || y < wb {
                if partial, x >= max(1, wa / 2) || y >= max(1, wb / 2) { break }
                if x < wa, y < wb, equal(x, y) {
                    append(.same)
                    x += 1
                    y += 1
                } else if x < wa, y == wb || lengths[(x + 1) * (wb + 1) + y] >= lengths[x * (wb + 1) + y + 1] {
                    append(.removed)
                    changedLines += 1
                    changedBytes += a.range(i0 + x).count
                    x += 1
                } else {
                    append(.added)
                    changedLines += 1
                    changedBytes += b.range(j0 + y).count
                    y += 1
                }
            }
            i += x
            j += y
        }
        return runs
    }
}

private enum Mark: UInt8 {
    case same = 0x20
    case removed = 0x2D
    case added = 0x2B
}

private struct Run {
    let mark: Mark
    var count: Int
}

/// A text's lines, each with its line break, as offsets into the bytes.
private struct Lines {
    let bytes: [UInt8]
    /// Where each line starts, and one more entry: the end of the text.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count,
                let found = memchr(base + offset, 0x0A, buffer.count - offset)
            {
                offset = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                starts.append(offset)
            }
        }
        if starts.last! != bytes.count { starts.append(bytes.count) }
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    func range(_ index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }

    func line(_ index: Int, equals other: Lines, _ otherIndex: Int) -> Bool {
        let mine = range(index)
        let theirs = other.range(otherIndex)
        guard mine.count == theirs.count else { return false }
        return bytes.withUnsafeBufferPointer { own in
            other.bytes.withUnsafeBufferPointer { their in
                memcmp(own.baseAddress! + mine.lowerBound, their.baseAddress! + theirs.lowerBound, mine.count) == 0
            }
        }
    }

    func hash(_ index: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes[range(index)] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    func endsWithLineBreak(_ index: Int) -> Bool {
        let range = range(index)
        return !range.isEmpty && bytes[range.upperBound - 1] == 0x0A
    }
}

/// The whole edit script as runs; hunks are printed from it without expanding it.
private struct Script {
    let runs: [Run]
    let a: Lines
    let b: Lines

    /// A position in the script: the line of the script, and the lines of `a` and `b` before it.
    struct Position {
        var run = 0
        var offset = 0
        var line = 0
        var aLine = 0
        var bLine = 0
    }

    var length: Int { runs.reduce(0) { $0 + $1.count } }

    /// Moves `position` forward to script line `target`.
    func advance(_ position: inout Position, to target: Int) {
        while position.line < target {
            let run = runs[position.run]
            let step = min(run.count - position.offset, target - position.line)
            position.line += step
            position.offset += step
            if run.mark != .added { position.aLine += step }
            if run.mark != .removed { position.bLine += step }
            if position.offset == run.count {
                position.run += 1
                position.offset = 0
            }
        }
    }

    /// Script line ranges of the hunks: changes with at most 2 × `context` same lines between
    /// them share a hunk.
    func hunks(context: Int) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        var line = 0
        let total = length
        for run in runs {
            defer { line += run.count }
            guard run.mark != .same else { continue }
            let start = max(line - context, 0)
            let end = min(line + run.count + context, total)
            if let last = hunks.last, start <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<end
            } else {
                hunks.append(start..<end)
            }
        }
        return hunks
    }

    private static let noNewline = Array("\n\\ No newline at end of file\n".utf8)

    /// The bytes one script line prints as.
    private func lineLength(_ position: Position) -> Int {
        let (lines, index) = source(position)
        return 1 + lines.range(index).count + (lines.endsWithLineBreak(index) ? 0 : Self.noNewline.count)
    }

    private func source(_ position: Position) -> (Lines, Int) {
        runs[position.run].mark == .added ? (b, position.bLine) : (a, position.aLine)
    }

    func appendHunks(to output: inout [UInt8], context: Int, lineLimit: Int, byteLimit: Int) {
        let hunks = hunks(context: context)
        var position = Position()
        var linesLeft = lineLimit
        var bytesLeft = byteLimit
        var shownLines = 0
        for (number, hunk) in hunks.enumerated() {
            advance(&position, to: hunk.lowerBound)
            let start = position
            // How much of the hunk fits: all of it, or, for the first hunk only, a part.
            var end = start
            var bytes = 0
            while end.line < hunk.upperBound, end.line - start.line < linesLeft {
                let length = lineLength(end)
                guard bytes + length <= bytesLeft else { break }
                bytes += length
                advance(&end, to: end.line + 1)
            }
            if end.line < hunk.upperBound, number > 0 || end.line == start.line { break }
            let oldCount = end.aLine - start.aLine
            let newCount = end.bLine - start.bLine
            output += Array(
                "@@ -\(oldCount == 0 ? start.aLine : start.aLine + 1),\(oldCount) +\(newCount == 0 ? start.bLine : start.bLine + 1),\(newCount) @@\n"
                    .utf8)
            var line = start
            while line.line < end.line {
                let (lines, index) = source(line)
                output.append(runs[line.run].mark.rawValue)
                output += lines.bytes[lines.range(index)]
                if !lines.endsWithLineBreak(index) { output += Self.noNewline }
                advance(&line, to: line.line + 1)
            }
            linesLeft -= end.line - start.line
            bytesLeft -= bytes
            shownLines += end.line - start.line
            position = end
        }
        let total = hunks.reduce(0) { $0 + $1.count }
        if shownLines < total {
            output += Array(
                "[\(total - shownLines) more lines of the diff not shown: it is cut at \(lineLimit) lines or \(byteLimit) bytes]\n"
                    .utf8)
        }
    }
}

/// One line gen prints about the user's files: a message, a summary, a diagnostic. Such a line
/// quotes text gen did not write (a file name, a gen.yml key or value, a guide's heading), and
/// that text must not break the line or start another: a control character is printed as an
/// escape (`\n`, `\r`, `\t`, `\u{1B}`), and nothing in it can be read by the GitHub Actions
/// runner as a workflow command, which it looks for on stdout and stderr alike, in every line
/// that starts with `::` once its leading white space is trimmed or that holds `##[` anywhere
/// (actions/runner `ActionCommand.TryParseV2` and `TryParse`). Such a `::` prints as `%3A:`,
/// and `##[` as `##%5B`. An ordinary line prints as it is.
enum PrintedLine {
    static func escaped(_ line: String) -> String {
        var output = String.UnicodeScalarView()
        // The last two scalars printed, for `##[`.
        var last: (Unicode.Scalar?, Unicode.Scalar?) = (nil, nil)
        for scalar in line.unicodeScalars {
            let printed =
                needsEscape(scalar)
                ? escape(scalar) : scalar == "[" && last.0 == "#" && last.1 == "#" ? "%5B" : String(scalar)
            for printedScalar in printed.unicodeScalars {
                output.append(printedScalar)
                last = (last.1, printedScalar)
            }
        }
        // White space is all that the runner trims: an escaped control character is not any more.
        let start = output.firstIndex { !$0.properties.isWhitespace } ?? output.endIndex
        if output[start...].starts(with: "::".unicodeScalars) {
            output.replaceSubrange(start...start, with: "%3A".unicodeScalars)
        }
        return String(output)
    }

    /// Control characters (C0, DEL, C1), the Unicode line and paragraph separators, and the
    /// bidirectional embeddings, overrides and isolates, which reorder what a terminal shows.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}

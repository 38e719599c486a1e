/// The characters RFC 3986 lets a URL hold, and what to tell someone who wrote another.
///
/// A URL that breaks these rules is read differently by each sample's URL type, when it is read
/// at all: Ruby's `URI` and Java's `URI.create` refuse a space, `{`, `"`, `\`, `|`, a bad `%`
/// or `é` at run time; Node and Python percent-encode some of them and send another request;
/// Node reads `\` as `/`; curl reads `{a,b}` and `[1-3]` as globs. gen refuses them instead of
/// percent-encoding them itself, so the URL in gen.yml is the URL every sample sends, byte for
/// byte, and each refusal says what to write.
enum URICharacters {
    /// `unreserved` (RFC 3986 §2.3): letters, digits, `-`, `.`, `_`, `~`.
    static func isUnreserved(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || "-._~".unicodeScalars.contains(scalar)
    }

    /// `sub-delims` (RFC 3986 §2.2): `!$&'()*+,;=`.
    static func isSubDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        "!$&'()*+,;=".unicodeScalars.contains(scalar)
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// Why `rest`, all that follows the authority (path, query, fragment), is refused, or nil:
    /// the path and the query hold `pchar`s (unreserved, `%` and two hex digits, sub-delims, `:`,
    /// `@`) and `/`, the query begins at the first `?` and may hold more; a fragment is refused whole.
    static func problem(inPathQueryAndFragment rest: Substring.UnicodeScalarView) -> String? {
        let scalars = Array(rest)
        var index = 0
        var inQuery = false
        while index < scalars.count {
            let scalar = scalars[index]
            let part = inQuery ? "query" : "path"
            if isUnreserved(scalar) || isSubDelimiter(scalar) || ":@/".unicodeScalars.contains(scalar) {
                index += 1
                continue
            }
            switch scalar {
            case "?":
                inQuery = true
            case "#":
                // RFC 6749 §3.1 and §3.2: an endpoint URI must not include a fragment; no
                // HTTP client sends one.
                return "it has a fragment (\(visible(String(String.UnicodeScalarView(scalars[index...]))))), "
                    + "which is never sent to the server; leave it out"
            case "%":
                guard index + 2 < scalars.count, isHexDigit(scalars[index + 1]), isHexDigit(scalars[index + 2])
                else {
                    return "its \(part) has a % that does not begin a percent-encoded byte such as %20; "
                        + "write a % itself as %25"
                }
                index += 2
            default:
                return problem(with: scalars, at: index, in: part)
            }
            index += 1
        }
        return nil
    }

    /// Why the character at `index` cannot be in `part` (path, query, host): a placeholder, a
    /// line break, a control character, or a character to percent-encode.
    static func problem(with scalars: [Unicode.Scalar], at index: Int, in part: String) -> String {
        let scalar = scalars[index]
        let isHost = part == "host"
        if let placeholder = placeholder(in: scalars, at: index) {
            return "its \(part) holds \"\(placeholder)\", a template placeholder: put the real value in its place"
                + (isHost
                    ? ""
                    : " (or, if the server expects these characters, percent-encode them: \(percentEncoded(placeholder)))")
        }
        if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
            return "it contains a line break"
        }
        let remedy = isHost ? "" : "; percent-encode it as \(percentEncoded(String(scalar)))"
        if scalar.properties.generalCategory == .control {
            return "its \(part) holds \(codePoint(scalar)), a control character\(remedy)"
        }
        if !scalar.isASCII {
            if isHost {
                return "its host holds \(describe(scalar)), which Ruby and Java cannot read in a URL; write the host "
                    + "in its ASCII form (IDNA, xn--…)"
            }
            return "its \(part) holds \(describe(scalar)), which a URL cannot hold as it is\(remedy)"
        }
        switch scalar {
        case " ":
            return "its \(part) holds a space, which a URL cannot hold\(remedy)"
        case "\\":
            return "its \(part) holds \\, which a URL cannot hold (Node reads it as /, Ruby and Java refuse it)"
                + (isHost ? "" : "; write / for a path separator, or percent-encode it as %5C")
        case "[", "]":
            return "its \(part) holds \(scalar), which a URL holds only around an IPv6 host (curl reads [ ] as a "
                + "range)\(remedy)"
        default:
            return "its \(part) holds \(scalar), which a URL cannot hold\(remedy)"
        }
    }

    /// `{name}`, `{{name}}`, `${NAME}` or `<name>` starting at `index` (or at the `$` before it).
    static func placeholder(in scalars: [Unicode.Scalar], at index: Int) -> String? {
        let open = scalars[index]
        guard open == "{" || open == "<" else { return nil }
        let close: Unicode.Scalar = open == "{" ? "}" : ">"
        var start = index
        if open == "{", start > 0, scalars[start - 1] == "$" || scalars[start - 1] == "{" { start -= 1 }
        guard let end = scalars[(index + 1)...].firstIndex(of: close) else { return nil }
        let name = scalars[(index + 1)..<end].drop { $0 == "{" }
        guard !name.isEmpty, name.allSatisfy({ isASCIIAlphanumeric($0) || "-_.".unicodeScalars.contains($0) }) else {
            return nil
        }
        var last = end
        if scalars[start] == "{", last + 1 < scalars.count, scalars[last + 1] == "}" { last += 1 }
        return String(String.UnicodeScalarView(scalars[start...last]))
    }

    /// `text` with each character a URL cannot hold written as `%XX` (its UTF-8 bytes).
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnreserved(scalar) || isSubDelimiter(scalar) || ":@/?".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { result += "%" + hex(byte) }
            }
        }
        return result
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// A character as a message shows it: itself and its code point (`é (U+00E9)`), or only the
    /// code point for one that does not print or joins the one before it (`U+202E`, `U+0301`).
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let isMark = [.nonspacingMark, .enclosingMark, .spacingMark].contains(scalar.properties.generalCategory)
        return Diagnostic.isPrinting(scalar) && !isMark ? "\(scalar) (\(codePoint(scalar)))" : codePoint(scalar)
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String { Diagnostic.codePoint(scalar.value) }

    static func visible(_ text: String) -> String { Diagnostic.shown(text) }
}

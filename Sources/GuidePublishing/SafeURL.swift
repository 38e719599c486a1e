/// Link and image addresses the published pages may carry: everything but the schemes that run
/// script or smuggle content (`javascript:`, `vbscript:`, `file:`, and `data:` except a
/// PNG, GIF, JPEG or WebP image), the rule of cmark-gfm's safe mode.
///
/// Read as a browser reads a scheme: leading blanks and control characters skipped, tabs and
/// line breaks anywhere ignored, any case. Character references (`&#106;avascript:`) are already
/// decoded by cmark-gfm when it parses the link, so they are seen in their decoded form.
enum SafeURL {
    static func isSafe(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { break }
            // Browsers drop ASCII tab, LF and CR anywhere in a URL, and leading C0 controls and spaces.
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scheme.isEmpty, scalar.value <= 0x20 { continue }
            // A scheme is ASCII letters, digits, "+", "-", "."; anything else means a relative URL.
            guard scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar)
            else {
                return true
            }
            scheme.unicodeScalars.append(scalar)
            if scheme.count > 32 { return true }
        }
        guard url.unicodeScalars.contains(":") else { return true }
        switch scheme.lowercased() {
        case "javascript", "vbscript", "file", "livescript", "mocha":
            return false
        case "data":
            let rest = url.lowercased().unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
            let text = String(String.UnicodeScalarView(rest))
            guard let colon = text.firstIndex(of: ":") else { return false }
            let media = text[text.index(after: colon)...]
            return ["image/png", "image/gif", "image/jpeg", "image/webp"].contains { media.hasPrefix($0) }
        default:
            return true
        }
    }

    /// `url`, or "" when it is not safe (a link that goes nowhere, as cmark-gfm's safe mode writes it).
    static func filtered(_ url: String) -> String {
        isSafe(url) ? url : ""
    }
}

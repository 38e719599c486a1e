/// Stable, unique `id`s for headings: lower-case words joined by `-`, as GitHub does.
struct HeadingAnchors {
    private var used: [String: Int] = [:]

    mutating func anchor(for heading: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in heading.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !slug.isEmpty { slug += "-" }
                slug.append(character)
                pendingDash = false
            } else if character.isWhitespace || character == "-" || character == "_" {
                pendingDash = true
            }
        }
        if slug.isEmpty { slug = "section" }
        let count = used[slug, default: 0]
        used[slug] = count + 1
        return count == 0 ? slug : "\(slug)-\(count)"
    }
}

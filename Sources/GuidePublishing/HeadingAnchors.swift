/// Stable, unique `id`s for headings: lower-case words joined by `-`, as GitHub does; a repeat
/// gets the first free `-1`, `-2`, … so no two elements of the page share an id, whatever the
/// headings say (`Setup`, `Setup`, `Setup 1` → `setup`, `setup-1`, `setup-1-1`).
struct HeadingAnchors {
    /// Every id given out, and those the page uses for itself (the sample panels).
    private var used: Set<String>
    /// The next suffix to try for a slug, so repeats of one heading cost no more than one each.
    private var nextSuffix: [String: Int] = [:]

    init(reserved: Set<String> = []) {
        used = reserved
    }

    mutating func anchor(for heading: String) -> String {
        let slug = Self.slug(heading)
        var id = slug
        if used.contains(id) {
            var suffix = nextSuffix[slug, default: 1]
            while used.contains("\(slug)-\(suffix)") { suffix += 1 }
            id = "\(slug)-\(suffix)"
            nextSuffix[slug] = suffix + 1
        }
        used.insert(id)
        return id
    }

    static func slug(_ heading: String) -> String {
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
        return slug.isEmpty ? "section" : slug
    }
}

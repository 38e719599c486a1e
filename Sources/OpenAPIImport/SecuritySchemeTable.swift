import SampleModel

/// The document's `components.securitySchemes`, each scheme found by its name with its `$ref`s
/// followed to the scheme they name, so that a mistake is reported where the value lives.
struct SecuritySchemeTable {
    /// A scheme's value and the place it is written, and the `$ref`s that led there.
    struct Scheme {
        /// The name gen.yml (or the document's only OAuth 2.0 scheme) gave.
        let name: String
        /// The name under which the value is written (`name` unless a `$ref` led elsewhere).
        let definedAs: String
        let value: YAMLValue
        /// The key the value is written under.
        let key: YAMLValue
        /// The first `$ref` followed, if one was.
        let reference: YAMLValue?

        var isOAuth2: Bool { value["type"]?.string == "oauth2" }

        /// What a message about a value of this scheme adds when a `$ref` led to it.
        var throughReference: String {
            guard let reference else { return "" }
            return " (\"\(name)\" refers to it with the $ref on line \(reference.line))"
        }

        /// The same scheme reached from `name` through `reference`.
        func named(_ name: String, through reference: YAMLValue) -> Scheme {
            Scheme(name: name, definedAs: definedAs, value: value, key: key, reference: reference)
        }
    }

    /// The document as the user named it, for messages.
    let path: String
    let schemes: YAMLMapping

    /// The only form of `$ref` a security scheme can take here (OpenAPI's components are
    /// referred to this way): gen reads no other part of the document, nor other files.
    static let referencePrefix = "#/components/securitySchemes/"

    var names: [String] { schemes.entries.compactMap { $0.key.string } }

    /// Each scheme resolved so far, by name: a chain of `$ref`s is followed once, however many
    /// of its names are asked for.
    private var resolved: [String: Scheme] = [:]

    init(path: String, schemes: YAMLMapping) {
        self.path = path
        self.schemes = schemes
    }

    /// The scheme called `name`, its `$ref`s followed; nil if there is none of that name.
    mutating func scheme(_ name: String) throws(Diagnostic) -> Scheme? {
        if let known = resolved[name] { return known }
        guard let value = schemes[name], let key = schemes.key(name) else { return nil }
        // The names followed from `name`, each with the $ref that leads on from it.
        var chain: [(name: String, reference: YAMLValue)] = []
        var visited: Set<String> = [name]
        var (current, currentValue, currentKey) = (name, value, key)
        var found: Scheme?
        while found == nil, let reference = currentValue["$ref"] {
            let next = try target(of: reference, from: current)
            chain.append((current, reference))
            if let known = resolved[next] {
                found = known
            } else if visited.contains(next) {
                let followed = chain.map(\.name)
                let cycle = followed[(followed.firstIndex(of: next) ?? 0)...] + [next]
                throw .error(
                    "this $ref leads back to \"\(next)\" (\(cycle.joined(separator: " → "))): a reference cycle, so "
                        + "it names no scheme; point it at the scheme itself", at: reference.location(in: path))
            } else {
                guard let nextValue = schemes[next], let nextKey = schemes.key(next) else {
                    throw .error(
                        "this $ref names the security scheme \"\(next)\", which components.securitySchemes does not "
                            + "define" + (names.isEmpty ? "" : " (it defines \(names.joined(separator: ", ")))"),
                        at: reference.location(in: path))
                }
                visited.insert(next)
                (current, currentValue, currentKey) = (next, nextValue, nextKey)
            }
        }
        let end =
            found ?? Scheme(name: current, definedAs: current, value: currentValue, key: currentKey, reference: nil)
        if found == nil { resolved[current] = end }
        for (name, reference) in chain.reversed() where resolved[name] == nil {
            resolved[name] = end.named(name, through: reference)
        }
        return resolved[name]
    }

    /// The scheme a `$ref` written in the scheme `from` names.
    private func target(of reference: YAMLValue, from scheme: String) throws(Diagnostic) -> String {
        guard let target = reference.string else {
            throw .error(
                "this $ref is \(reference.kind.name); write the reference as a string, such as "
                    + "\"\(Self.referencePrefix)\(scheme)\"", at: reference.location(in: path))
        }
        guard target.hasPrefix(Self.referencePrefix),
            let next = Self.pointerToken(target.dropFirst(Self.referencePrefix.count))
        else {
            throw .error(
                "this $ref is \"\(target)\"; gen follows a security scheme's $ref only to another scheme "
                    + "of the same document (\(Self.referencePrefix)name)", at: reference.location(in: path))
        }
        return next
    }

    /// One JSON pointer token (RFC 6901) of a URI fragment: percent-decoded, then `~1` is `/`
    /// and `~0` is `~`; nil if it holds a further `/` (a place inside a scheme, not a scheme).
    static func pointerToken(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        let token = String(decoding: bytes, as: UTF8.self)
        guard !token.isEmpty, !token.contains("/") else { return nil }
        return token.replacing("~1", with: "/").replacing("~0", with: "~")
    }
}

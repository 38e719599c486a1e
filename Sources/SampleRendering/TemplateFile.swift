import Foundation

/// The text of one template and where it came from, for error messages.
public struct TemplateFile: Sendable, Hashable {
    /// Name partials and the renderer use: `python/token-request`, `python/_retry`.
    public let name: String
    /// Where the text came from, as error messages should show it (`Templates/python/token-request.mustache`).
    public let path: String
    public let text: String

    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }

    /// The pragma that turns swift-mustache's HTML escaping off; every template and partial needs it.
    public static let textPragma = "{{% CONTENT_TYPE: TEXT }}"

    /// The extension of template files on disk.
    public static let fileExtension = "mustache"

    /// Partials start with `_` and are never rendered on their own.
    public var isPartial: Bool { name.split(separator: "/").last?.hasPrefix("_") ?? false }

    /// The names the file's variable and section tags use, with their lines, in order
    /// (empty when a tag is never closed; `TemplateSet` reports that).
    public var valueNames: [(name: String, line: Int)] {
        guard case .success(let tags) = TemplateTag.scan(text) else { return [] }
        let kinds: Set<TemplateTag.Kind> = [.variable, .unescapedVariable, .sectionOpen, .invertedSectionOpen]
        return tags.filter { kinds.contains($0.kind) }.map { ($0.name, $0.line) }
    }
}

extension TemplateFile {
    /// A template read from disk or embedded: CRLF line breaks become LF, so a template edited on
    /// Windows renders the same samples. `relativePath` is `<language>/<name>.mustache`.
    public init(relativePath: String, shownAs path: String, bytes: some Sequence<UInt8>) {
        self.init(
            name: String(relativePath.dropLast(Self.fileExtension.count + 1)), path: path,
            text: Self.normalizedText(bytes))
    }

    /// The same for text already decoded (the embedded templates): used as it is, not copied,
    /// unless it holds a CR.
    public init(relativePath: String, shownAs path: String, text: String) {
        self.init(
            name: String(relativePath.dropLast(Self.fileExtension.count + 1)), path: path,
            text: text.utf8.contains(UInt8(ascii: "\r")) ? Self.normalizedText(text.utf8) : text)
    }

    /// The UTF-8 text of `bytes` with each CRLF line break made LF. Works on bytes: a template
    /// without a CR (the usual case) costs one scan, and no Foundation string search.
    public static func normalizedText(_ bytes: some Sequence<UInt8>) -> String {
        let bytes = Array(bytes)
        guard bytes.contains(UInt8(ascii: "\r")) else { return String(decoding: bytes, as: UTF8.self) }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) {
            kept.append(byte)
        }
        return String(decoding: kept, as: UTF8.self)
    }
}

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
}

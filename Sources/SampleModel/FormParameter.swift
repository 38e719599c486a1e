/// One extra `application/x-www-form-urlencoded` field of the token request, such as `audience`.
public struct FormParameter: Codable, Sendable, Hashable {
    public let name: String
    public let value: String

    /// Fields the token request already sends; an extra parameter may not repeat them.
    public static let reservedNames: Set<String> = ["grant_type", "client_id", "client_secret", "scope"]

    public init(name: String, value: String) throws(ModelError) {
        guard !name.isEmpty else { throw .invalidParameterName(name, reason: "it is empty") }
        if let scalar = SendableText.firstUnsendable(in: name + value) {
            throw .unsendableCharacter(field: .extraParameters, scalar: scalar.value)
        }
        guard !SecretLikeKey.matches(name) else { throw .secretInConfiguration(key: name) }
        guard !Self.reservedNames.contains(name) else {
            throw .invalidParameterName(name, reason: "the token request already sends it; use the model's own field")
        }
        self.name = name
        self.value = value
    }
}

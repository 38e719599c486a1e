/// The client-credentials token request every sample sends (RFC 6749 §4.4.2).
///
/// The defaults reproduce the guide's Postman steps: Basic authentication with the client ID and
/// secret, and a form body of `grant_type=client_credentials` and `client_id`.
public struct TokenRequest: Codable, Sendable, Hashable {
    public var tokenURL: EndpointURL
    public var clientAuthentication: ClientAuthentication
    /// Form-encode the ID and secret before Basic encodes them, as RFC 6749 §2.3.1 requires.
    /// Turn off only for a server that does not decode them (reserved characters then break).
    public var formEncodesBasicCredentials: Bool
    /// Send `client_id` in the body as well, as the guide's step 6 does. Always true in effect
    /// for `client_secret_post`.
    public var sendsClientIDInBody: Bool
    public var scope: String?
    /// Further body fields, in the order they are sent (e.g. `audience`).
    public var extraParameters: [FormParameter]
    public var credentials: CredentialSource
    /// Seconds a sample waits for the token endpoint before giving up.
    public var timeoutSeconds: Double

    public init(
        tokenURL: EndpointURL,
        clientAuthentication: ClientAuthentication = .clientSecretBasic,
        formEncodesBasicCredentials: Bool = true,
        sendsClientIDInBody: Bool = true,
        scope: String? = nil,
        extraParameters: [FormParameter] = [],
        credentials: CredentialSource = .standard,
        timeoutSeconds: Double = 20
    ) {
        self.tokenURL = tokenURL
        self.clientAuthentication = clientAuthentication
        self.formEncodesBasicCredentials = formEncodesBasicCredentials
        self.sendsClientIDInBody = sendsClientIDInBody
        self.scope = scope
        self.extraParameters = extraParameters
        self.credentials = credentials
        self.timeoutSeconds = timeoutSeconds
    }

    /// Whether the body carries `client_id`: always with `client_secret_post`, else as configured.
    public var bodyCarriesClientID: Bool {
        clientAuthentication == .clientSecretPost || sendsClientIDInBody
    }

    /// Checks the rules no single field can check on its own.
    public func validate() throws(ModelError) {
        guard timeoutSeconds > 0, timeoutSeconds <= 600 else {
            throw .outOfRange(field: .timeoutSeconds, value: timeoutSeconds, expected: "more than 0 and at most 600")
        }
        var seen: Set<String> = []
        for parameter in extraParameters where !seen.insert(parameter.name).inserted {
            throw .invalidParameterName(parameter.name, reason: "it is given twice")
        }
        if let scalar = scope.flatMap(SendableText.firstUnsendable) {
            throw .unsendableCharacter(field: .scope, scalar: scalar.value)
        }
        if scope?.isEmpty == true {
            throw .emptyValue(field: .scope)
        }
        if credentials.clientIDVariable == credentials.clientSecretVariable {
            throw .sameCredentialVariable(credentials.clientIDVariable.name)
        }
    }
}

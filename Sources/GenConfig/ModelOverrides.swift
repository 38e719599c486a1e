import SampleModel

/// Model values given on the command line, which win over `gen.yml`.
public struct ModelOverrides: Sendable, Hashable {
    public var tokenURL: String?
    public var apiURL: String?
    public var scope: String?
    public var clientAuthentication: String?
    public var clientIDVariable: String?
    public var clientSecretVariable: String?
    public var formEncodesBasicCredentials: Bool?
    public var sendsClientIDInBody: Bool?
    public var timeoutSeconds: Double?

    public init(
        tokenURL: String? = nil, apiURL: String? = nil, scope: String? = nil,
        clientAuthentication: String? = nil, clientIDVariable: String? = nil, clientSecretVariable: String? = nil,
        formEncodesBasicCredentials: Bool? = nil, sendsClientIDInBody: Bool? = nil, timeoutSeconds: Double? = nil
    ) {
        self.tokenURL = tokenURL
        self.apiURL = apiURL
        self.scope = scope
        self.clientAuthentication = clientAuthentication
        self.clientIDVariable = clientIDVariable
        self.clientSecretVariable = clientSecretVariable
        self.formEncodesBasicCredentials = formEncodesBasicCredentials
        self.sendsClientIDInBody = sendsClientIDInBody
        self.timeoutSeconds = timeoutSeconds
    }

    /// `model` with these values in place, validated; a refusal names the option.
    public func applied(to model: ClientModel) throws(ConfigError) -> ClientModel {
        var model = model
        var request = model.tokenRequest
        if let tokenURL { request.tokenURL = try Self.check("--token-url") { () throws(ModelError) in try EndpointURL(tokenURL) } }
        if let apiURL { model.apiURL = try Self.check("--api-url") { () throws(ModelError) in try EndpointURL(apiURL) } }
        if let scope { request.scope = scope.isEmpty ? nil : scope }
        if let clientAuthentication {
            guard let method = ClientAuthentication(rawValue: clientAuthentication) else {
                throw ConfigError(source: "--client-authentication", message:
                    "\"\(clientAuthentication)\" is not client_secret_basic or client_secret_post"
                    + NearestName.didYouMean(clientAuthentication, among: ClientAuthentication.allCases.map(\.rawValue)))
            }
            request.clientAuthentication = method
        }
        if let clientIDVariable {
            request.credentials.clientIDVariable = try Self.check("--client-id-variable") { () throws(ModelError) in try EnvironmentVariableName(clientIDVariable) }
        }
        if let clientSecretVariable {
            request.credentials.clientSecretVariable = try Self.check("--client-secret-variable") { () throws(ModelError) in try EnvironmentVariableName(clientSecretVariable) }
        }
        if let formEncodesBasicCredentials { request.formEncodesBasicCredentials = formEncodesBasicCredentials }
        if let sendsClientIDInBody { request.sendsClientIDInBody = sendsClientIDInBody }
        if let timeoutSeconds { request.timeoutSeconds = timeoutSeconds }
        model.tokenRequest = request
        try Self.check("the command line") { () throws(ModelError) in try model.validate() }
        return model
    }

    private static func check<Value>(_ option: String, _ make: () throws(ModelError) -> Value) throws(ConfigError) -> Value {
        do {
            return try make()
        } catch {
            throw ConfigError(source: option, message: error.description)
        }
    }
}

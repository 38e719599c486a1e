import SampleModel

/// Model values given on the command line, which win over `gen.yml`: typed, each nil leaving
/// the file's value. Each is the value of a key of `ConfigKey`, whose `option` names its flag.
public struct ModelOverrides: Sendable, Hashable {
    public var tokenURL: EndpointURL?
    public var apiURL: EndpointURL?
    /// The scope to request; the empty string requests none (as `scope: ""` in gen.yml does).
    public var scope: String?
    public var clientAuthentication: ClientAuthentication?
    public var clientIDVariable: EnvironmentVariableName?
    public var clientSecretVariable: EnvironmentVariableName?
    public var formEncodesBasicCredentials: Bool?
    public var sendsClientIDInBody: Bool?
    public var timeoutSeconds: Double?

    public init(
        tokenURL: EndpointURL? = nil, apiURL: EndpointURL? = nil, scope: String? = nil,
        clientAuthentication: ClientAuthentication? = nil, clientIDVariable: EnvironmentVariableName? = nil,
        clientSecretVariable: EnvironmentVariableName? = nil, formEncodesBasicCredentials: Bool? = nil,
        sendsClientIDInBody: Bool? = nil, timeoutSeconds: Double? = nil
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

    /// The keys these overrides set.
    public var keys: [ConfigKey] {
        let set: [(ConfigKey, Bool)] = [
            (.tokenURL, tokenURL != nil), (.apiURL, apiURL != nil), (.scope, scope != nil),
            (.clientAuthentication, clientAuthentication != nil), (.clientIDVariable, clientIDVariable != nil),
            (.clientSecretVariable, clientSecretVariable != nil),
            (.formEncodeCredentials, formEncodesBasicCredentials != nil),
            (.clientIDInBody, sendsClientIDInBody != nil), (.timeoutSeconds, timeoutSeconds != nil),
        ]
        return set.filter(\.1).map(\.0)
    }

    /// `model` with these values in place, validated; a refusal names the option that set the
    /// value it is about.
    public func applied(to model: ClientModel) throws(Diagnostic) -> ClientModel {
        var model = model
        if let tokenURL { model.tokenRequest.tokenURL = tokenURL }
        if let apiURL { model.apiURL = apiURL }
        if let scope { model.tokenRequest.scope = ConfigKey.scope(scope) }
        if let clientAuthentication { model.tokenRequest.clientAuthentication = clientAuthentication }
        if let clientIDVariable { model.tokenRequest.credentials.clientIDVariable = clientIDVariable }
        if let clientSecretVariable { model.tokenRequest.credentials.clientSecretVariable = clientSecretVariable }
        if let formEncodesBasicCredentials {
            model.tokenRequest.formEncodesBasicCredentials = formEncodesBasicCredentials
        }
        if let sendsClientIDInBody { model.tokenRequest.sendsClientIDInBody = sendsClientIDInBody }
        if let timeoutSeconds { model.tokenRequest.timeoutSeconds = timeoutSeconds }
        do {
            try model.validate()
        } catch {
            let given = keys
            let key = error.fields.lazy.compactMap(ConfigKey.init(field:)).first { given.contains($0) }
            guard let option = key?.option ?? given.first?.option else {
                throw Diagnostic.option("the command line", message: error.description)
            }
            throw Diagnostic.option(option, message: key == nil ? error.description : error.message(naming: nil))
        }
        return model
    }

    /// A text value given for `key`'s option, read as the model reads it; a refusal names the option.
    public static func value<Value>(
        _ text: String, for key: ConfigKey, _ make: (String) throws(ModelError) -> Value
    ) throws(Diagnostic) -> Value {
        do {
            return try make(text)
        } catch {
            throw Diagnostic.option(key.option ?? key.name, message: error.description)
        }
    }

    /// The client authentication method `text` names; a refusal names the option.
    public static func clientAuthentication(_ text: String) throws(Diagnostic) -> ClientAuthentication {
        guard let method = ClientAuthentication(rawValue: text) else {
            throw Diagnostic.option(
                ConfigKey.clientAuthentication.option ?? "",
                message: "\"\(Diagnostic.shown(text))\" is not client_secret_basic or client_secret_post",
                fixIt: NearestName.fixIt(text, among: ClientAuthentication.allCases.map(\.rawValue)))
        }
        return method
    }
}

/// Where a sample finds the client's credentials at run time.
///
/// There is deliberately no field for a credential's value: samples read secrets from the
/// environment, so no secret is ever written into a guide.
public struct CredentialSource: Codable, Sendable, Hashable {
    public var clientIDVariable: EnvironmentVariableName
    public var clientSecretVariable: EnvironmentVariableName

    public init(clientIDVariable: EnvironmentVariableName, clientSecretVariable: EnvironmentVariableName) {
        self.clientIDVariable = clientIDVariable
        self.clientSecretVariable = clientSecretVariable
    }

    /// `CLIENT_ID` and `CLIENT_SECRET`.
    public static let standard = CredentialSource(
        clientIDVariable: try! EnvironmentVariableName("CLIENT_ID"),
        clientSecretVariable: try! EnvironmentVariableName("CLIENT_SECRET"))
}

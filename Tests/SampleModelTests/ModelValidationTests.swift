import SampleModel
import Testing

@Suite struct ModelValidationTests {
    @Test func theGuideDefaultIsValid() throws {
        try ClientModel.guideDefault.validate()
    }

    @Test(arguments: ["CLIENT_ID", "_x", "a1"])
    func acceptsEnvironmentVariableNames(_ name: String) throws {
        #expect(try EnvironmentVariableName(name).name == name)
    }

    @Test(arguments: ["", "1A", "A-B", "A B", "É", "A\n"])
    func refusesOtherVariableNames(_ name: String) {
        #expect(throws: ModelError.invalidEnvironmentVariableName(name)) { try EnvironmentVariableName(name) }
    }

    @Test func extraParametersMayNotRepeatOrHoldSecrets() {
        #expect(throws: ModelError.self) { try FormParameter(name: "grant_type", value: "x") }
        #expect(throws: ModelError.secretInConfiguration(key: "client_secret")) {
            try FormParameter(name: "client_secret", value: "x")
        }
        var model = ClientModel.guideDefault
        model.tokenRequest.extraParameters = [
            try! FormParameter(name: "a", value: "1"), try! FormParameter(name: "a", value: "2"),
        ]
        #expect(throws: ModelError.self) { try model.validate() }
    }

    @Test func neverRetries400Or401() {
        var policy = RefreshPolicy()
        policy.retry.retryableStatuses = [503, 401]
        #expect(throws: ModelError.unretryableStatus(401)) { try policy.validate() }
    }

    @Test(arguments: ["client_secret", "SECRET", "password", "db_password", "api-key"])
    func recognisesSecretLookingKeys(_ key: String) {
        #expect(SecretLikeKey.matches(key))
    }

    @Test(arguments: ["client_secret_variable", "scope", "token_url", "secretary"])
    func leavesOtherKeysAlone(_ key: String) {
        #expect(!SecretLikeKey.matches(key))
    }
}

import ArgumentParser
import Foundation
import GenConfig
import Generator
import SampleModel

/// Where the configuration and templates come from, and model values that override gen.yml.
/// Each override's option is named by its key in `ConfigKey`, the table gen.yml is read by.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("The configuration file (default: ./gen.yml, else docs-site/gen.yml).", valueName: "path"))
    var configPath: String?

    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp("A template folder to use instead of the templates built into gen.", valueName: "dir"))
    var templatesDirectory: String?

    @Option(
        name: ConfigurationOptions.name(.tokenURL),
        help: ArgumentHelp("The token endpoint (https; http only for loopback hosts).", valueName: "url"))
    var tokenURL: String?

    @Option(
        name: ConfigurationOptions.name(.apiURL),
        help: ArgumentHelp("The API the token-refresh sample calls.", valueName: "url"))
    var apiURL: String?

    @Option(
        name: ConfigurationOptions.name(.scope),
        help: ArgumentHelp("The scope to request; an empty string requests none.", valueName: "scope"))
    var scope: String?

    @Option(
        name: ConfigurationOptions.name(.clientAuthentication),
        help: ArgumentHelp("client_secret_basic or client_secret_post.", valueName: "method"))
    var clientAuthentication: ClientAuthentication?

    @Option(
        name: ConfigurationOptions.name(.clientIDVariable),
        help: ArgumentHelp("Environment variable the samples read the client ID from.", valueName: "name"))
    var clientIdVariable: String?

    @Option(
        name: ConfigurationOptions.name(.clientSecretVariable),
        help: ArgumentHelp("Environment variable the samples read the client secret from.", valueName: "name"))
    var clientSecretVariable: String?

    @Flag(
        name: ConfigurationOptions.name(.formEncodeCredentials), inversion: .prefixedNo,
        help: "Form-encode the ID and secret before Basic encodes them (RFC 6749 §2.3.1).")
    var formEncodeCredentials: Bool?

    @Flag(
        name: ConfigurationOptions.name(.clientIDInBody), inversion: .prefixedNo,
        help: "Send client_id in the body too, as the guide does.")
    var clientIdInBody: Bool?

    @Option(
        name: ConfigurationOptions.name(.timeoutSeconds),
        help: ArgumentHelp("Token request timeout in seconds.", valueName: "seconds"))
    var timeout: Double?

    /// An override's option, as `ConfigKey` names it.
    static func name(_ key: ConfigKey) -> NameSpecification {
        .customLong(key.optionName ?? key.name.replacingOccurrences(of: "_", with: "-"))
    }

    func validate() throws {
        try PathArgument.check(configPath, "--config")
        try PathArgument.check(templatesDirectory, "--templates")
    }

    /// The command line's overrides, typed; a value the model refuses names its option.
    func overrides() throws(GenFailure) -> ModelOverrides {
        do {
            func variable(_ text: String?, _ key: ConfigKey) throws(Diagnostic) -> EnvironmentVariableName? {
                try text.map { text throws(Diagnostic) in
                    try ModelOverrides.value(text, for: key) { text throws(ModelError) in
                        try EnvironmentVariableName(text)
                    }
                }
            }
            func url(_ text: String?, _ key: ConfigKey) throws(Diagnostic) -> EndpointURL? {
                try text.map { text throws(Diagnostic) in
                    try ModelOverrides.value(text, for: key) { text throws(ModelError) in try EndpointURL(text) }
                }
            }
            return ModelOverrides(
                tokenURL: try url(tokenURL, .tokenURL), apiURL: try url(apiURL, .apiURL), scope: scope,
                clientAuthentication: clientAuthentication,
                clientIDVariable: try variable(clientIdVariable, .clientIDVariable),
                clientSecretVariable: try variable(clientSecretVariable, .clientSecretVariable),
                formEncodesBasicCredentials: formEncodeCredentials, sendsClientIDInBody: clientIdInBody,
                timeoutSeconds: timeout)
        } catch {
            throw GenFailure(error)
        }
    }

    /// What the pipeline is asked: this configuration file, these templates, these overrides.
    func request() throws(GenFailure) -> GeneratorRequest {
        GeneratorRequest(
            configPath: configPath, templates: templatesDirectory.map { TemplateSource.directory($0) },
            overrides: try overrides())
    }

    /// The pipeline for this command line's configuration; its notes (an OpenAPI value that
    /// gen.yml or an option overrides) are printed on stderr.
    func pipeline(requireFile: Bool, languages: [Language]? = nil) throws(GenFailure) -> Pipeline {
        let request = try request()
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline(request, requireFile: requireFile, languages: languages)
        } catch {
            throw GenFailure(error)
        }
        for note in pipeline.notes { GenFailure.print(note.description) }
        return pipeline
    }
}

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
        name: ConfigurationOptions.name(.tokenURL), help: ConfigurationOptions.help(.tokenURL))
    var tokenURL: String?

    @Option(
        name: ConfigurationOptions.name(.apiURL), help: ConfigurationOptions.help(.apiURL))
    var apiURL: String?

    @Option(
        name: ConfigurationOptions.name(.scope), help: ConfigurationOptions.help(.scope))
    var scope: String?

    @Option(
        name: ConfigurationOptions.name(.clientAuthentication), help: ConfigurationOptions.help(.clientAuthentication))
    var clientAuthentication: ClientAuthentication?

    @Option(
        name: ConfigurationOptions.name(.clientIDVariable), help: ConfigurationOptions.help(.clientIDVariable))
    var clientIdVariable: String?

    @Option(
        name: ConfigurationOptions.name(.clientSecretVariable), help: ConfigurationOptions.help(.clientSecretVariable))
    var clientSecretVariable: String?

    @Flag(
        name: ConfigurationOptions.name(.formEncodesBasicCredentials), inversion: .prefixedNo,
        help: ConfigurationOptions.help(.formEncodesBasicCredentials))
    var formEncodeCredentials: Bool?

    @Flag(
        name: ConfigurationOptions.name(.sendsClientIDInBody), inversion: .prefixedNo,
        help: ConfigurationOptions.help(.sendsClientIDInBody))
    var clientIdInBody: Bool?

    @Option(
        name: ConfigurationOptions.name(.timeoutSeconds), help: ConfigurationOptions.help(.timeoutSeconds))
    var timeout: Double?

    /// An override's option, as its setting's entry names it (`ModelSetting.all`).
    static func name(_ field: ModelField) -> NameSpecification {
        .customLong(String((ModelSetting.of(field).option?.name ?? field.rawValue).drop { $0 == "-" }))
    }

    /// What `--help` says about an override, from its setting's entry.
    static func help(_ field: ModelField) -> ArgumentHelp {
        let option = ModelSetting.of(field).option
        return ArgumentHelp(option?.help ?? "", valueName: option?.valueName)
    }

    func validate() throws {
        try PathArgument.check(configPath, "--config")
        try PathArgument.check(templatesDirectory, "--templates")
    }

    /// The command line's values, each under its setting's field; the setting's kind reads and
    /// checks them (`ModelOverrides.applied(to:)`), as gen.yml's are read.
    func overrides() -> ModelOverrides {
        let given: [(ModelField, ModelOverrides.Given?)] = [
            (.tokenURL, tokenURL.map { .text($0) }), (.apiURL, apiURL.map { .text($0) }),
            (.scope, scope.map { .text($0) }), (.clientAuthentication, clientAuthentication.map { .text($0.rawValue) }),
            (.clientIDVariable, clientIdVariable.map { .text($0) }),
            (.clientSecretVariable, clientSecretVariable.map { .text($0) }),
            (.formEncodesBasicCredentials, formEncodeCredentials.map { .flag($0) }),
            (.sendsClientIDInBody, clientIdInBody.map { .flag($0) }), (.timeoutSeconds, timeout.map { .number($0) }),
        ]
        return ModelOverrides(
            Dictionary(uniqueKeysWithValues: given.compactMap { field, value in value.map { (field, $0) } }))
    }

    /// What the pipeline is asked: this configuration file, these templates, these overrides.
    func request() -> GeneratorRequest {
        GeneratorRequest(
            configPath: configPath, templates: templatesDirectory.map { TemplateSource.directory($0) },
            overrides: overrides())
    }

    /// The pipeline for this command line's configuration; its notes (an OpenAPI value that
    /// gen.yml or an option overrides) are printed on stderr.
    func pipeline(requireFile: Bool, languages: [Language]? = nil) throws(GenFailure) -> Pipeline {
        let request = request()
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

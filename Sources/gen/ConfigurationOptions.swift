import ArgumentParser
import GenConfig

/// Where the configuration and templates come from, and model values that override gen.yml.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("The configuration file (default: ./gen.yml, else docs-site/gen.yml).", valueName: "path"))
    var configPath: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp("A template folder to use instead of the templates built into gen.", valueName: "dir"))
    var templatesDirectory: String?

    @Option(help: ArgumentHelp("The token endpoint (https; http only for loopback hosts).", valueName: "url"))
    var tokenURL: String?

    @Option(help: ArgumentHelp("The API the token-refresh sample calls.", valueName: "url"))
    var apiURL: String?

    @Option(help: ArgumentHelp("The scope to request; an empty string requests none.", valueName: "scope"))
    var scope: String?

    @Option(help: ArgumentHelp("client_secret_basic or client_secret_post.", valueName: "method"))
    var clientAuthentication: String?

    @Option(help: ArgumentHelp("Environment variable the samples read the client ID from.", valueName: "name"))
    var clientIdVariable: String?

    @Option(help: ArgumentHelp("Environment variable the samples read the client secret from.", valueName: "name"))
    var clientSecretVariable: String?

    @Flag(inversion: .prefixedNo, help: "Form-encode the ID and secret before Basic encodes them (RFC 6749 §2.3.1).")
    var formEncodeCredentials: Bool?

    @Flag(inversion: .prefixedNo, help: "Send client_id in the body too, as the guide does.")
    var clientIdInBody: Bool?

    @Option(help: ArgumentHelp("Token request timeout in seconds.", valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        try PathArgument.check(configPath, "--config")
        try PathArgument.check(templatesDirectory, "--templates")
    }

    var overrides: ModelOverrides {
        ModelOverrides(
            tokenURL: tokenURL, apiURL: apiURL, scope: scope, clientAuthentication: clientAuthentication,
            clientIDVariable: clientIdVariable, clientSecretVariable: clientSecretVariable,
            formEncodesBasicCredentials: formEncodeCredentials, sendsClientIDInBody: clientIdInBody,
            timeoutSeconds: timeout)
    }

    /// The configuration with the command line's values applied, and the file it came from
    /// (nil when there is none and the guide's defaults are used).
    func load(requireFile: Bool) throws(GenFailure) -> (configuration: GenConfiguration, path: String?) {
        var configuration = GenConfiguration()
        var path: String?
        do {
            path = try Workspace.configurationPath(configPath)
        } catch {
            if requireFile { throw error }
        }
        if let path { configuration = try Workspace.loadConfiguration(path) }
        try Self.checkPaths(configuration, configPath: path)
        do {
            configuration.model = try overrides.applied(to: configuration.model)
        } catch {
            throw GenFailure(error.description)
        }
        return (configuration, path)
    }

    /// The configuration at `configPath` with the command line's values applied.
    func load(configPath: String) throws(GenFailure) -> GenConfiguration {
        var configuration = try Workspace.loadConfiguration(configPath)
        try Self.checkPaths(configuration, configPath: configPath)
        do {
            configuration.model = try overrides.applied(to: configuration.model)
        } catch {
            throw GenFailure(error.description)
        }
        return configuration
    }

    /// gen.yml's paths, like the command line's, are never empty.
    private static func checkPaths(_ configuration: GenConfiguration, configPath: String?) throws(GenFailure) {
        let file = configPath ?? ConfigFile.fileName
        if configuration.guidePath.allSatisfy(\.isWhitespace) {
            throw .file(file, "guide: is empty; name the guide's file (the default is guide.md)")
        }
        if let templates = configuration.templatesPath, templates.allSatisfy(\.isWhitespace) {
            throw .file(file, "templates: is empty; name a template folder, or leave the key out for the built-in templates")
        }
    }

    /// The template folder: --templates, else gen.yml's `templates:`, else the built-in set.
    func templatesDirectory(for configuration: GenConfiguration, configPath: String?) -> String? {
        if let templatesDirectory { return templatesDirectory }
        guard let relative = configuration.templatesPath else { return nil }
        return configPath.map { Workspace.resolve(relative, relativeTo: $0) } ?? relative
    }
}

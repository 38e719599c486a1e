import SampleModel

/// Model values given on the command line, which win over `gen.yml`, each under its setting's
/// field (`ModelSetting.all`). A field that is absent is unset: the file's value holds.
public struct ModelOverrides: Sendable, Hashable {
    /// A value as the command line gives it; the setting's kind reads it (`applied(to:)`).
    public enum Given: Sendable, Hashable {
        case text(String)
        case flag(Bool)
        case number(Double)
    }

    public var values: [ModelField: Given]

    public init(_ values: [ModelField: Given] = [:]) {
        self.values = values
    }

    /// The keys these overrides set, in the table's order.
    public var keys: [ConfigKey] {
        ModelSetting.all.filter { values[$0.field] != nil }.map { ConfigKey(field: $0.field) }
    }

    /// Whether the command line gives `field` a value (an empty one included).
    public func sets(_ field: ModelField) -> Bool {
        values[field] != nil
    }

    /// `model` with these values in place, validated; a refusal names the option that set the
    /// value it is about.
    public func applied(to model: ClientModel) throws(Diagnostic) -> ClientModel {
        var model = model
        for setting in ModelSetting.all {
            guard let given = values[setting.field] else { continue }
            try Self.apply(given, of: setting, to: &model)
        }
        do {
            try model.validate()
        } catch {
            let given = keys
            let key = error.fields.lazy.map(ConfigKey.init(field:)).first { given.contains($0) }
            guard let option = key?.option ?? given.first?.option else {
                throw Diagnostic.option("the command line", message: error.description)
            }
            throw Diagnostic.option(option, message: key == nil ? error.description : error.message(naming: nil))
        }
        return model
    }

    /// Puts one given value into the model, read as the setting's kind reads it; a refusal names
    /// the option.
    private static func apply(_ given: Given, of setting: ModelSetting, to model: inout ClientModel)
        throws(Diagnostic)
    {
        let option = setting.option?.name ?? setting.name
        /// A value the model reads from text; its refusal names the option.
        func read<Value>(_ text: String, _ make: (String) throws(ModelError) -> Value) throws(Diagnostic) -> Value {
            do {
                return try make(text)
            } catch {
                throw Diagnostic.option(option, message: error.description)
            }
        }
        switch (setting.value, given) {
        case (.url(let path), .text(let text)):
            model[keyPath: path] = try read(text) { text throws(ModelError) in try EndpointURL(text) }
        case (.variableName(let path), .text(let text)):
            model[keyPath: path] = try read(text) { text throws(ModelError) in try EnvironmentVariableName(text) }
        case (.clientAuthentication(let path), .text(let text)):
            model[keyPath: path] = try clientAuthentication(text, option: option)
        case (.flag(let path), .flag(let flag)): model[keyPath: path] = flag
        case (.number(let path), .number(let number)): model[keyPath: path] = number
        case (.count(let path), .number(let number)):
            guard let count = Int(exactly: number) else {
                throw Diagnostic.option(option, message: "must be a whole number, not \(number)")
            }
            model[keyPath: path] = count
        case (.optionalText(let path), .text(let text)): model[keyPath: path] = ConfigKey.textOrNone(text)
        case (.url, _), (.variableName, _), (.clientAuthentication, _), (.flag, _), (.number, _), (.count, _),
            (.optionalText, _), (.formParameters, _), (.statuses, _):
            preconditionFailure("\(setting.name) has no command-line form \(given)")
        }
    }

    /// The client authentication method `text` names; a refusal names the option.
    private static func clientAuthentication(_ text: String, option: String) throws(Diagnostic)
        -> ClientAuthentication
    {
        guard let method = ClientAuthentication(rawValue: text) else {
            throw Diagnostic.option(
                option,
                message: "\"\(Diagnostic.shown(text))\" is not client_secret_basic or client_secret_post",
                fixIt: NearestName.fixIt(text, among: ClientAuthentication.allCases.map(\.rawValue)))
        }
        return method
    }
}

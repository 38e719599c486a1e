import Mustache
import SampleModel

/// The values a template sees, every one already a literal of the template's language.
///
/// Each model setting (`ModelSetting.all`) gives its values by its kind, under its gen.yml name
/// (`token_url`); two more are worked out from the model (`retries`, and `client_id_in_body`,
/// which `client_secret_post` implies). `Templates/README.md` documents each name
/// (`templateNames`); a template naming anything else fails to render (see `SampleRenderer`). A
/// value the model does not have (`scope`) is absent: `{{#scope}}…{{/scope}}` then renders nothing
/// and `{{^scope}}` its body, as for a false flag.
public struct SampleContext: Sendable, Hashable {
    /// One extra form field, both parts string literals.
    public struct FormField: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    /// A value as Mustache sees it.
    public enum Value: Sendable, Hashable {
        case literal(String)
        case flag(Bool)
        /// The model has none: sections over it render nothing.
        case absent
        case rows([FormField])

        var mustache: Any? {
            switch self {
            case .literal(let text): text
            case .flag(let flag): flag
            case .absent: nil
            case .rows(let rows): rows
            }
        }
    }

    /// Every name a template may use at the top level, with its value.
    public let values: [String: Value]

    public init(model: ClientModel, encoder: some LiteralEncoder) {
        var values: [String: Value] = [:]
        for setting in ModelSetting.all {
            for (name, value) in Self.values(of: setting, in: model, encoder: encoder) { values[name] = value }
        }
        // Worked out from the model rather than set: the body carries client_id with
        // client_secret_post whatever client_id_in_body says, and retry code only with retries.
        values[ModelField.sendsClientIDInBody.rawValue] = .flag(model.tokenRequest.bodyCarriesClientID)
        values["retries"] = .flag(model.refreshPolicy.retry.maxAttempts > 1)
        self.values = values
    }

    /// A setting's template values, as its kind gives them.
    private static func values(of setting: ModelSetting, in model: ClientModel, encoder: some LiteralEncoder)
        -> [(String, Value)]
    {
        let name = setting.name
        switch setting.value {
        case .url(let path):
            return [(name, .literal(encoder.stringLiteral(model[keyPath: path].text)))]
        case .variableName(let path):
            // `client_id_variable` → `client_id_env`, the name as a string literal, and the bare name.
            let variable = model[keyPath: path].name
            let stem = name.hasSuffix("_variable") ? String(name.dropLast("_variable".count)) : name
            return [(stem + "_env", .literal(encoder.stringLiteral(variable))), (name, .literal(variable))]
        case .clientAuthentication(let path):
            return ClientAuthentication.allCases.map { ($0.rawValue, .flag(model[keyPath: path] == $0)) }
        case .flag(let path):
            return [(name, .flag(model[keyPath: path]))]
        case .number(let path):
            let seconds = model[keyPath: path]
            var values: [(String, Value)] = [(name, .literal(encoder.numberLiteral(seconds)))]
            if name.hasSuffix("_seconds") {
                values.append(
                    (
                        String(name.dropLast("_seconds".count)) + "_duration",
                        .literal(encoder.durationLiteral(seconds: seconds))
                    ))
            }
            return values
        case .count(let path):
            return [(name, .literal(encoder.numberLiteral(Double(model[keyPath: path]))))]
        case .optionalText(let path):
            return [(name, model[keyPath: path].map { .literal(encoder.stringLiteral($0)) } ?? .absent)]
        case .formParameters(let path):
            let rows = model[keyPath: path].map { parameter in
                FormField(name: encoder.stringLiteral(parameter.name), value: encoder.stringLiteral(parameter.value))
            }
            return [(name, .rows(rows))]
        case .statuses(let path):
            return [(name, .literal(model[keyPath: path].map { String($0) }.joined(separator: ", ")))]
        }
    }

    /// Every name a template may use at the top level (`Templates/README.md` lists them).
    public static let templateNames: Set<String> = Set(
        SampleContext(model: .guideDefault, encoder: PlainLiteralEncoder()).values.keys)

    /// The names a row of `extra_parameters` adds inside its section.
    public static let formFieldNames: Set<String> = ["name", "value"]
}

/// Literals for listing the names only.
private struct PlainLiteralEncoder: LiteralEncoder {
    func stringLiteral(_ value: String) -> String { value }
}

extension SampleContext.FormField: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": value
        default: nil
        }
    }
}

/// A model value SampleGen refuses, with what to do about it.
public enum ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidURL(String, reason: String)
    case insecureURL(String)
    case invalidEnvironmentVariableName(String)
    /// A variable the shell assigns itself (`_`, `PWD`, `RANDOM`, …).
    case reservedEnvironmentVariableName(String)
    /// A variable the loader, the C library, the shell or a runtime reads (`LD_PRELOAD`,
    /// `NODE_OPTIONS`, …), with what reads it.
    case runtimeEnvironmentVariableName(String, reader: String)
    case sameCredentialVariable(String)
    case invalidParameterName(String, reason: String)
    case secretInConfiguration(key: String)
    case outOfRange(field: ModelField, value: Double, expected: String)
    case unretryableStatus(Int)
    case emptyValue(field: ModelField)
    /// A character no sample can carry (see `SendableText`), as its scalar value.
    case unsendableCharacter(field: ModelField, scalar: UInt32)

    /// The fields the refusal is about, the one to change first: the configuration places the
    /// error at the first of them its file sets, the command line at the first option given.
    public var fields: [ModelField] {
        switch self {
        case .outOfRange(let field, _, _), .emptyValue(let field), .unsendableCharacter(let field, _): [field]
        case .unretryableStatus: [.retryStatuses]
        case .sameCredentialVariable: [.clientSecretVariable, .clientIDVariable]
        default: []
        }
    }

    /// The message, the field called `name` (its YAML key); with no name, worded to follow the
    /// place it is reported at (`--timeout: error: must be more than 0 and at most 600, not 0`).
    public func message(naming name: String?) -> String {
        switch self {
        case .outOfRange(_, let value, let expected):
            name.map { "\($0) is \(Self.format(value)); it must be \(expected)" }
                ?? "must be \(expected), not \(Self.format(value))"
        case .emptyValue:
            name.map { "\($0) is empty; leave it out instead" } ?? "is empty; leave it out instead"
        case .unsendableCharacter(_, let scalar):
            (name.map { "\($0) holds" } ?? "holds")
                + " \(Diagnostic.codePoint(scalar)), which no sample "
                + "can carry (a shell string ends at NUL; Swift source cannot spell a Unicode noncharacter)"
        default:
            description
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            "\"\(URICharacters.visible(url))\" is not a usable endpoint URL: \(reason)"
        case .insecureURL(let url):
            "\"\(URICharacters.visible(url))\" uses plain http; use https (plain http is allowed for loopback hosts only, for local testing)"
        case .invalidEnvironmentVariableName(let name):
            "\"\(Diagnostic.shown(name))\" is not an environment variable name; use letters, digits and _ (not starting with a digit)"
        case .reservedEnvironmentVariableName(let name):
            "\"\(name)\" cannot carry a credential: the shell sets it itself, so a program never sees the value given; "
                + "choose a name of your own, such as CLIENT_ID or CLIENT_SECRET"
        case .runtimeEnvironmentVariableName(let name, let reader):
            "\"\(name)\" cannot carry a credential: it is read by \(reader), so a secret in it would be taken as a "
                + "setting and can be printed in an error; choose a name of your own, such as CLIENT_ID or CLIENT_SECRET"
        case .sameCredentialVariable(let name):
            "the client ID and the client secret are both read from \(name); give them different variables"
        case .invalidParameterName(let name, let reason):
            "the extra parameter \"\(Diagnostic.shown(name))\" (extra_parameters) is refused: \(reason)"
        case .secretInConfiguration(let key):
            "\"\(Diagnostic.shown(key))\" looks like a secret value; secrets never go in the configuration — samples read them from the environment (set client_secret_variable to name the variable)"
        case .outOfRange(let field, _, _), .emptyValue(let field), .unsendableCharacter(let field, _):
            message(naming: field.description)
        case .unretryableStatus(let status):
            "retry_statuses lists \(status); a \(status) is never retried, since asking again with the same request cannot succeed"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A model value SampleGen refuses, with what to do about it.
public enum ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidURL(String, reason: String)
    case insecureURL(String)
    case invalidEnvironmentVariableName(String)
    case reservedEnvironmentVariableName(String)
    case sameCredentialVariable(String)
    case invalidParameterName(String, reason: String)
    case secretInConfiguration(key: String)
    case outOfRange(field: String, value: Double, expected: String)
    case unretryableStatus(Int)
    case emptyValue(field: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            "\"\(url)\" is not a usable endpoint URL: \(reason)"
        case .insecureURL(let url):
            "\"\(url)\" uses plain http; use https (plain http is allowed for loopback hosts only, for local testing)"
        case .invalidEnvironmentVariableName(let name):
            "\"\(name)\" is not an environment variable name; use letters, digits and _ (not starting with a digit)"
        case .reservedEnvironmentVariableName(let name):
            "\"\(name)\" cannot carry a credential: the shell sets it itself for every program it runs; choose another name"
        case .sameCredentialVariable(let name):
            "the client ID and the client secret are both read from \(name); give them different variables"
        case .invalidParameterName(let name, let reason):
            "the extra body parameter \"\(name)\" is refused: \(reason)"
        case .secretInConfiguration(let key):
            "\"\(key)\" looks like a secret value; secrets never go in the configuration — samples read them from the environment (set client_secret_variable to name the variable)"
        case .outOfRange(let field, let value, let expected):
            "\(field) is \(Self.format(value)); it must be \(expected)"
        case .unretryableStatus(let status):
            "retry_statuses lists \(status); a \(status) is never retried, since asking again with the same request cannot succeed"
        case .emptyValue(let field):
            "\(field) is empty; leave it out instead"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

import GenConfig
import GuideDocument
import SampleRendering

/// Why a guide could not be filled; each case prints as one line with the place to fix.
public enum FillError: Error, Sendable, CustomStringConvertible {
    case guide(GuideError)
    case template(TemplateError)
    case config(ConfigError)

    public var description: String {
        switch self {
        case .guide(let error): error.description
        case .template(let error): error.description
        case .config(let error): error.description
        }
    }
}

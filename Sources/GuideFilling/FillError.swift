import GuideDocument
import SampleModel
import SampleRendering

/// Why a guide could not be filled: a mistake in the guide, or in a template.
///
/// `indirect`: with both payloads stored inline, code built by Swift 6.3.1 corrupted the heap when
/// a guide error was thrown (`StaleSampleTests` run beside another suite); boxed, it does not.
public indirect enum FillError: Error, Sendable, CustomStringConvertible {
    case guide(GuideError)
    case template(TemplateError)

    /// The error as the one diagnostic every stage reports; a guide's mistake is placed in the
    /// guide at `guidePath`.
    public func diagnostic(guidePath: String?) -> Diagnostic {
        switch self {
        case .guide(let error): error.diagnostic(in: guidePath)
        case .template(let error): error.diagnostic
        }
    }

    public var description: String { diagnostic(guidePath: nil).description }
}

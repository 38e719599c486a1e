import Mustache
import SampleModel

/// Renders samples: the model's values encoded as literals of the language, then its template.
public struct SampleRenderer: Sendable {
    public let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Renders one sample, or fails when the set has no such template or a template names a
    /// value the context does not provide (swift-mustache would render it as nothing).
    public func render(
        _ snippet: Snippet, in language: Language, model: ClientModel, form: SampleForm = .complete
    ) throws(Diagnostic) -> RenderedSample {
        guard let file = templates.file(for: snippet, in: language, form: form) else {
            throw Diagnostic.template(
                "\(TemplateSet.name(of: snippet, in: language)).\(TemplateFile.fileExtension)",
                message:
                    "no such template; every language needs one per snippet (\(Snippet.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let context = RecordingContext(SampleContext(model: model, encoder: language.literalEncoder))
        let output = try templates.render(file, context: context)
        if let missing = context.missingKeys.first {
            let mention = templates.firstMention(of: missing, in: language)
            throw Diagnostic.template(
                mention?.path ?? file.path, line: mention?.line,
                message:
                    "{{\(missing)}} names a value the model does not provide; the values are listed in Templates/README.md"
            )
        }
        return RenderedSample(
            language: language, snippet: snippet, form: form, code: Self.trimmingTrailingLineBreaks(output))
    }

    private static func trimmingTrailingLineBreaks(_ text: String) -> String {
        var code = Substring(text)
        while let last = code.last, last.isNewline { code.removeLast() }
        return String(code)
    }
}

/// The root of a render's context. Mustache looks a name up in the innermost context first and
/// reaches the root last, so a name the root does not know is a name nothing provides.
private final class RecordingContext: MustacheParent {
    private let context: SampleContext
    private(set) var missingKeys: [String] = []

    init(_ context: SampleContext) {
        self.context = context
    }

    func child(named name: String) -> Any? {
        guard let value = context.values[name] else {
            missingKeys.append(name)
            return nil
        }
        return value.mustache
    }
}

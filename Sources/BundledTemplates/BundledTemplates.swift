import SampleRendering

/// The templates of `Templates/` as they were when `gen` was built.
public enum BundledTemplates {
    public static var files: [TemplateFile] {
        embeddedTemplates.map { TemplateFile(name: $0.name, path: $0.path, text: $0.text) }
    }
}

import SampleRendering

/// The templates of `Templates/` as they were when `gen` was built.
public enum BundledTemplates {
    public static var files: [TemplateFile] {
        embeddedTemplates.map { template in
            TemplateFile(
                relativePath: template.relativePath, shownAs: "Templates/" + template.relativePath,
                text: template.text)
        }
    }
}

import GuideDocument
import SampleModel

/// A concise sample's complete program on the site, in place of gen's link line: a native
/// `<details>` under the sample (it opens from the keyboard and without JavaScript), holding a
/// link that downloads the program from the site's own folder and the program as code, escaped
/// and classed as every sample is, for site.js to give it a Copy button and highlight it.
///
/// Its `id` names the language and snippet (`complete-python-token-request`), so a link to it
/// opens it: site.js selects its tab and opens it.
enum SiteProgram {
    /// What the closed details says: gen's link line's words.
    static let summary = String(ProgramLink.lead.prefix { $0 != ":" })

    /// The id of a sample's program before the page makes it unique (`SetNumbering`).
    static func baseID(_ sample: LinkedSample) -> String {
        "complete-\(sample.language.rawValue)-\(sample.snippet.rawValue)"
    }

    static func html(id: String, program: LinkedPrograms.Program) -> String {
        let language = program.language
        let file = Markup.escape(program.fileName)
        var code = program.text
        if code.hasSuffix("\n") { code.removeLast() }
        return
            "<details class=\"complete-program\" id=\"\(Markup.escape(id))\" data-label=\"\(Markup.escape(language.displayName))\">\n"
            + "<summary>\(Markup.escape(summary))</summary>\n<div class=\"complete-program-body\">\n"
            + "<p class=\"complete-program-file\"><a href=\"\(Markup.escape(program.sitePath))\" download=\"\(file)\">Download <code>\(file)</code></a></p>\n"
            + "<pre><code class=\"language-\(Markup.escape(language.fenceTag))\">\(Markup.escape(code))</code></pre>\n"
            + "</div>\n</details>\n"
    }
}

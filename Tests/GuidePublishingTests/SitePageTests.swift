import GuidePublishing
import Testing

@Suite struct SitePageTests {
    static let guide = """
        # Title

        > Keep your client secret safe.

        ## Get a token

        Python code:

        ```python gen=token-request
        print("</script><b>x</b> & \\"y\\"")
        ```

        PHP code:

        ```php gen=token-request
        <?php echo 1;
        ```

        ## Get a token

        <div onclick="alert(1)">raw</div>

        """

    func render(_ text: String = guide, highlighter: Bool = true) throws -> String {
        try SitePage(linksHighlighter: highlighter).render(Array(text.utf8))
    }

    @Test func aGroupBecomesOneSetOfLabelledPanels() throws {
        let html = try render()
        #expect(
            html.contains(
                "<div class=\"samples\" id=\"samples-1\">\n<div class=\"sample\" data-lang=\"python\" data-label=\"Python\" id=\"samples-1-python\">\n<p class=\"sample-label\">Python code:</p>"
            ))
        #expect(html.contains("id=\"samples-1-php\""))
        #expect(!html.contains("<p>Python code:</p>"), "labels move into their panels")
    }

    @Test func codeIsEscapedSoItShowsAsText() throws {
        let html = try render()
        #expect(
            html.contains(
                #"<code class="language-python">print(&quot;&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; &amp; \&quot;y\&quot;&quot;)</code>"#
            ))
        #expect(html.contains("<code class=\"language-php\">&lt;?php echo 1;</code>"))
        #expect(
            html.components(separatedBy: "</script>").count == 3, "only the page's own two scripts end in </script>")
    }

    @Test func rawHTMLFromTheGuideIsNotPassedThrough() throws {
        let html = try render()
        #expect(!html.contains("onclick"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func headingsGetUniqueAnchors() throws {
        let html = try render()
        #expect(
            html.contains(
                "<h1><a class=\"anchor\" id=\"title\" href=\"#title\" aria-label=\"Link to this section\">#</a>Title</h1>"
            ))
        #expect(html.contains("id=\"get-a-token\""))
        #expect(html.contains("id=\"get-a-token-1\""))
    }

    @Test func securityQuotesBecomeCallouts() throws {
        let html = try render()
        #expect(
            html.contains(
                "<aside class=\"callout\" role=\"note\"><p class=\"callout-title\">Security</p>\n<blockquote>"))
    }

    @Test func theTitleIsTheFirstTopLevelHeading() throws {
        #expect(try render().contains("<title>Title</title>"))
        #expect(try render("no heading\n").contains("<title>Guide</title>"))
    }

    @Test func theHighlighterIsLinkedOnlyWhenCopied() throws {
        #expect(try render(highlighter: true).contains("assets/highlight.min.js"))
        #expect(try !render(highlighter: false).contains("highlight"))
    }
}

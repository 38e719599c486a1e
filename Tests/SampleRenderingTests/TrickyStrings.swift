/// Values that break naive literal encoding in at least one language.
enum TrickyStrings {
    static let all = [
        "plain", "", "\"", "'", "\\", "\\\"", "\n", "\r\n", "\t", "\u{0}", "$", "${x}", "#{x}", "{{x}}",
        "\\(x)", "<?php", "?>", "\"\"\"", "'''", "*/", "/*", "</script>", "\u{2028}", "\u{2029}",
        "\u{202E}evil", "😀", "e\u{301}", "\u{FEFF}", "\u{7F}", "%s%n", "`backtick`", "}}", "a\u{0}b",
    ]
}

extension Language {
    /// JavaScript: what SampleGen needs to know to write, export and run its samples.
    public static let javascript = Language(
        LanguageDescriptor(
            name: "javascript",
            displayName: "JavaScript",
            fileExtension: "mjs",
            // The samples are ES modules run by Node. Not `ts`/`typescript` (TypeScript promises
            // types these samples do not have), `cjs` (CommonJS `require`) or `jsx`.
            otherSpellings: ["js", "node", "node.js", "nodejs", "mjs"],
            literalEncoder: JavaScriptLiteralEncoder(),
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "token-request.mjs"
                case .tokenRefresh: "token-manager.mjs"
                }
            },
            runCommands: { environment, file in
                [
                    "\(environment) node \(file(.tokenRequest))   # get one token (Node 18+)",
                    "\(environment) node \(file(.tokenRefresh))   # the token manager, calling the API once",
                ]
            }))
}

/// JavaScript string literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\xHH`, `\uHHHH` and
/// `\u{…}` escapes. Never a template literal, so `${` has no meaning; `<` is escaped too, so a
/// literal stays inert when a page inlines the sample in a `<script>`.
public struct JavaScriptLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value, meaningful: ["<"]) { scalar in
            if scalar.value < 0x100 { return "\\x" + hex(scalar.value, width: 2) }
            if scalar.value < 0x10000 { return "\\u" + hex(scalar.value, width: 4) }
            return "\\u{" + hex(scalar.value, width: 1) + "}"
        }
    }
}

extension Language {
    /// Python: what SampleGen needs to know to write, export and run its samples.
    public static let python = Language(
        LanguageDescriptor(
            name: "python",
            displayName: "Python",
            fileExtension: "py",
            // Not `python2`/`py2`: the samples are Python 3 only.
            otherSpellings: ["py", "python3", "py3", "python 3"],
            literalEncoder: PythonLiteralEncoder(),
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "token_request.py"
                case .tokenRefresh: "token_manager.py"
                }
            },
            runCommands: { environment, file in
                [
                    "pip install requests",
                    "\(environment) python3 \(file(.tokenRequest))   # get one token",
                    "\(environment) python3 \(file(.tokenRefresh))   # the token manager, calling the API once",
                ]
            }))
}

/// Python 3 `str` literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\xHH`, `\uHHHH` and
/// `\UHHHHHHHH` escapes — or `'…'` when the value holds more `"` than `'`, as black and
/// `ruff format` choose, so a formatted sample stays as rendered.
public struct PythonLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        let doubleQuotes = value.unicodeScalars.count { $0 == "\"" }
        let singleQuotes = value.unicodeScalars.count { $0 == "'" }
        let quote: Unicode.Scalar = doubleQuotes > singleQuotes ? "'" : "\""
        return quotedLiteral(value, quote: quote) { scalar in
            if scalar.value < 0x100 { return "\\x" + hex(scalar.value, width: 2) }
            if scalar.value < 0x10000 { return "\\u" + hex(scalar.value, width: 4) }
            return "\\U" + hex(scalar.value, width: 8)
        }
    }
}

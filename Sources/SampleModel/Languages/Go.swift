extension Language {
    /// Go: what SampleGen needs to know to write, export and run its samples.
    public static let go = Language(
        LanguageDescriptor(
            name: "go",
            displayName: "Go",
            fileExtension: "go",
            otherSpellings: ["golang"],
            literalEncoder: GoLiteralEncoder(),
            // The classic Confluence code macro has no Go highlighter (Atlassian's "Code Block
            // Macro" page lists its languages); the block shows unhighlighted.
            confluenceLanguage: "none",
            // Both files are `package main` with their own `main`: each is run on its own
            // (`go run <file>`), never as one package.
            exportFileName: { snippet in
                switch snippet {
                case .tokenRequest: "token_request.go"
                case .tokenRefresh: "token_manager.go"
                }
            },
            // Go 1.16+ wants a module for `go run` and `go vet`; the two programs share it.
            exportSupportFiles: ["go.mod": "module samples\n\ngo 1.19\n"],
            runCommands: { environment, file in
                [
                    "\(environment) go run \(file(.tokenRequest))   # get one token",
                    "\(environment) go run \(file(.tokenRefresh))   # the token manager, calling the API once",
                ]
            }))
}

/// Go interpreted string literals: `"…"` with `\\`, `\"`, `\n`, `\r`, `\t`, `\xHH` for the other
/// ASCII controls and `\uHHHH` / `\UHHHHHHHH` above ASCII. Never `\xHH` above 0x7F: in Go that is
/// one byte, not a character. Never a raw string: a value may hold a backtick.
public struct GoLiteralEncoder: LiteralEncoder {
    public init() {}

    public func stringLiteral(_ value: String) -> String {
        doubleQuotedLiteral(value) { scalar in
            if scalar.value < 0x80 { return "\\x" + hex(scalar.value, width: 2) }
            if scalar.value < 0x10000 { return "\\u" + hex(scalar.value, width: 4) }
            return "\\U" + hex(scalar.value, width: 8)
        }
    }

    /// `20 * time.Second`, or `500 * time.Millisecond` for a fraction of a second: an exact
    /// `time.Duration` constant (Go refuses `0.5 * time.Second`, which is not a whole Duration).
    public func durationLiteral(seconds: Double) -> String {
        if seconds == seconds.rounded(), seconds < 1e9 {
            return "\(Int(seconds)) * time.Second"
        }
        let milliseconds = seconds * 1000
        if milliseconds == milliseconds.rounded(), milliseconds < 1e12 {
            return "\(Int(milliseconds)) * time.Millisecond"
        }
        return "time.Duration(\(numberLiteral(seconds)) * float64(time.Second))"
    }
}

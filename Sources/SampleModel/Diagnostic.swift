/// One message from any stage of the pipeline — configuration, rendering, the guide, the
/// command line — with its severity, its place, and what to do about it. Every stage reports
/// through this type, and it prints itself in the one form `gen` uses:
/// `path:line:column: error: message; did you mean "x"?`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where a diagnostic points: a file, and the line and column in it when known, or a
    /// command-line option (`--timeout`). Printed the way editors and CI logs link to it:
    /// `path:line:column`.
    public struct Location: Sendable, Hashable, CustomStringConvertible {
        /// The file as the user named it, or the option (`--token-url`).
        public var path: String
        /// 1-based; nil when the diagnostic is about the file as a whole.
        public var line: Int?
        /// 1-based, as the stage counts (characters in gen.yml, UTF-8 bytes in a guide); nil when
        /// only the line is known.
        public var column: Int?
        /// Whether `path` is a command-line option rather than a file: a mistake there is a usage error.
        public var isOption: Bool

        public init(path: String, line: Int? = nil, column: Int? = nil) {
            self.path = path
            self.line = line
            self.column = column
            self.isOption = false
        }

        /// A command-line option, such as `--timeout`.
        public static func option(_ name: String) -> Location {
            var location = Location(path: name)
            location.isOption = true
            return location
        }

        public var description: String {
            guard let line else { return path }
            guard let column else { return "\(path):\(line)" }
            return "\(path):\(line):\(column)"
        }
    }

    public enum Severity: String, Sendable, Hashable {
        /// Something the user should know, said once (a token_url that wins over the OpenAPI
        /// document's).
        case note
        /// The run goes on (a guide without the code sections gen.yml names).
        case warning
        /// The run stops; nothing is written.
        case error
    }

    public var severity: Severity
    public var message: String
    public var location: Location?
    /// A suggested fix printed after the message, such as `did you mean "scope"?`.
    public var fixIt: String?

    public init(_ severity: Severity = .error, _ message: String, at location: Location? = nil, fixIt: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.fixIt = fixIt
    }

    public static func error(_ message: String, at location: Location? = nil, fixIt: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, fixIt: fixIt)
    }

    public static func note(_ message: String, at location: Location? = nil) -> Diagnostic {
        Diagnostic(.note, message, at: location)
    }

    public static func warning(_ message: String, at location: Location? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `text` as a message quotes it: every character that does not print (a control character,
    /// U+FEFF, a line or paragraph separator, a noncharacter) written as `\u{…}`, so what the user
    /// wrote is seen and a terminal never receives a control character from a message.
    public static func shown(_ text: some StringProtocol) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isPrinting(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return result
    }

    /// Whether a scalar shows as itself: not a control or format character, not a separator other
    /// than the space, assigned, not private, not a noncharacter.
    public static func isPrinting(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .unassigned,
            .privateUse:
            return false
        default:
            return !scalar.properties.isNoncharacterCodePoint
        }
    }

    /// `U+00E9`: a code point as messages write it, with at least four hex digits.
    public static func codePoint(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The message and its fix-it, without the place.
    public var text: String {
        fixIt.map { "\(message); \($0)" } ?? message
    }

    /// `path:line:column: severity: message; fix-it` — the one place a diagnostic is formatted.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(text)"
    }
}

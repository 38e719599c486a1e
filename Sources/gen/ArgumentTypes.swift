import ArgumentParser
import SampleModel

// The model's choices as typed command-line values: parsed once, at the edge, and listed by
// `--help` and shell completion.

extension Language: ExpressibleByArgument {
    /// A language name in any case (`--lang PHP`), as guides spell it.
    public init?(argument: String) {
        self.init(name: argument)
    }
}

extension Snippet: ExpressibleByArgument {}

extension ClientAuthentication: ExpressibleByArgument {}

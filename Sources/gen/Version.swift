import ArgumentParser
import SampleModel

/// `gen version`: the same line as `gen --version`, for those who type it as a command.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print gen's version (as gen --version does).")

    func run() {
        print(GenVersion.line)
    }
}

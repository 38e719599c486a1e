import ArgumentParser

/// Where `gen site` and `gen confluence` write, declared once for both: the folder and whether
/// one gen did not write may be written into.
struct SiteFolderOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The output folder (default: _site beside gen.yml); written only if empty, new, or written by gen.",
            valueName: "dir"))
    var out: String?

    @Flag(help: "Write into the output folder even if gen did not write it.")
    var force = false

    func validate() throws {
        try PathArgument.check(out, "--out")
    }
}

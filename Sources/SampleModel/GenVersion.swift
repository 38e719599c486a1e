/// gen's version, written in this one place: `gen --version` and `gen version` print it, the
/// man page and `gen --help` carry it, and the folders gen writes (`.gen-output`) and the
/// gen.yml `gen init` drafts name it.
public enum GenVersion {
    public static let number = "1.0.0"

    /// What `gen --version` prints: the command's name and its version, as peer tools do.
    public static let line = "gen \(number)"
}

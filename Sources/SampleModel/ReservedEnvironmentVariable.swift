/// Environment variables a sample cannot read a credential from, because something else owns
/// them: the dynamic loader, the C library, the shell or a language runtime reads them before
/// (or while) the sample runs, or the shell sets them itself.
///
/// A secret in a variable some program reads is taken as that program's setting: with
/// `LD_PRELOAD`, the run line the guide documents makes ld.so print the secret on stderr
/// (`ERROR: ld.so: object '<secret>' from LD_PRELOAD cannot be preloaded`); with
/// `JAVA_TOOL_OPTIONS` the JVM prints `Picked up JAVA_TOOL_OPTIONS: <secret>` on every run; with
/// `http_proxy` curl prints `Could not resolve proxy: <secret>`. Names are compared
/// case-insensitively: Windows reads every variable so, and Python and curl read the proxy
/// variables in either case on every system.
public enum ReservedEnvironmentVariable {
    /// Why `name` cannot carry a credential, if it cannot.
    public enum Owner: Sendable, Hashable {
        /// The program that reads the variable, as a message names it ("the dynamic loader (ld.so)").
        case readBy(String)
        /// The shell assigns the variable itself, so a program never sees the value given.
        case setByTheShell
    }

    /// Who owns `name`, or nil for a name of the user's own.
    public static func owner(of name: String) -> Owner? {
        let name = name.uppercased()
        if shellSetNames.contains(name) { return .setByTheShell }
        for group in groups
        where group.names.contains(name) || group.prefixes.contains(where: name.hasPrefix)
            || group.suffixes.contains(where: name.hasSuffix)
        {
            return .readBy(group.reader)
        }
        return nil
    }

    struct Group {
        let reader: String
        var names: Set<String> = []
        var prefixes: [String] = []
        var suffixes: [String] = []
    }

    /// bash(1), "Shell Variables": the variables bash assigns itself (`_` to the last argument,
    /// `PWD` on start, `SHLVL`, `RANDOM`, …), so the curl sample, a bash script, never sees the
    /// value given for them.
    static let shellSetNames: Set<String> = [
        "_", "BASHPID", "COLUMNS", "DIRSTACK", "EPOCHREALTIME", "EPOCHSECONDS", "EUID", "FUNCNAME", "GROUPS",
        "HISTCMD", "HOSTNAME", "HOSTTYPE", "LINENO", "LINES", "MACHTYPE", "OLDPWD", "OPTARG", "OSTYPE", "PIPESTATUS",
        "PPID", "PWD", "RANDOM", "REPLY", "SECONDS", "SHLVL", "SRANDOM", "UID",
    ]

    static let groups: [Group] = [
        // ld.so(8), ENVIRONMENT: every LD_ variable (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT,
        // LD_DEBUG, LD_DEBUG_OUTPUT, LD_PROFILE, LD_BIND_NOW, LD_SHOW_AUXV, …).
        Group(reader: "the dynamic loader (ld.so) of every program", prefixes: ["LD_"]),
        // dyld(1) on macOS: every DYLD_ variable (DYLD_INSERT_LIBRARIES, DYLD_LIBRARY_PATH, …).
        Group(reader: "the macOS dynamic loader (dyld) of every program", prefixes: ["DYLD_"]),
        // glibc: the variables ld.so drops for set-user-ID programs as unsafe
        // (sysdeps/generic/unsecvars.h), the malloc ones of mallopt(3) and mtrace(3), the time
        // zone of tzset(3), the locale of locale(7), and POSIXLY_CORRECT.
        Group(
            reader: "the C library (glibc) of every program",
            names: [
                "GLIBC_TUNABLES", "GCONV_PATH", "GETCONF_DIR", "HOSTALIASES", "LOCALDOMAIN", "LOCPATH", "NIS_PATH",
                "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS", "TZ", "TZDIR", "LANG", "LANGUAGE", "POSIXLY_CORRECT",
            ],
            prefixes: ["MALLOC_", "LC_"]),
        // environ(7): the variables every login sets and most programs read.
        Group(
            reader: "the shell and most programs (environ(7))",
            names: [
                "PATH", "HOME", "SHELL", "TMPDIR", "TERM", "USER", "LOGNAME", "PAGER", "EDITOR", "VISUAL", "BROWSER",
            ]),
        // bash(1), INVOCATION and "Shell Variables": what bash (the curl sample's shell) reads
        // on start or runs (BASH_ENV is sourced, PROMPT_COMMAND and PS0–PS4 are expanded),
        // every BASH_ variable (BASH_ENV, BASH_XTRACEFD, BASH_FUNC_name%% for exported
        // functions, …); ENV from sh(1).
        Group(
            reader: "bash (the curl sample's shell)",
            names: [
                "ENV", "SHELLOPTS", "BASHOPTS", "PS0", "PS1", "PS2", "PS3", "PS4", "IFS", "CDPATH", "GLOBIGNORE",
                "PROMPT_COMMAND", "EXECIGNORE", "FUNCNEST", "HISTFILE", "HISTFILESIZE", "HISTSIZE", "HISTIGNORE",
                "HISTCONTROL", "HISTTIMEFORMAT", "HOSTFILE", "INPUTRC", "MAIL", "MAILPATH", "MAILCHECK", "TIMEFORMAT",
                "TMOUT", "COMP_WORDBREAKS", "FIGNORE", "OPTERR", "OPTIND",
            ],
            prefixes: ["BASH_"]),
        // The proxy variables: curl(1) and libcurl-env(3) read [scheme]_proxy, ALL_PROXY and
        // NO_PROXY; Python's urllib.request.getproxies_environment takes every name ending in
        // _proxy, in any case, as the proxy of a scheme; Go's net/http, Ruby's Net::HTTP and
        // Node's fetch (NODE_USE_ENV_PROXY) read HTTP_PROXY, HTTPS_PROXY and NO_PROXY.
        Group(reader: "curl, Python, Go, Ruby and Node (as a proxy)", suffixes: ["_PROXY"]),
        // curl(1) and libcurl-env(3), ENVIRONMENT (Swift's URLSession on Linux is libcurl too);
        // requests reads CURL_CA_BUNDLE and REQUESTS_CA_BUNDLE.
        Group(
            reader: "curl and libcurl",
            names: [
                "SSLKEYLOGFILE", "QLOGDIR", "XDG_CONFIG_HOME", "USERPROFILE", "REQUESTS_CA_BUNDLE",
            ],
            // CURL_HOME, CURL_CA_BUNDLE, CURL_SSL_BACKEND, and libcurl-env-dbg(3)'s.
            prefixes: ["CURL_"]),
        // openssl-env(7): what OpenSSL reads in every program that uses it (curl, Python, Ruby,
        // PHP, Node with --use-openssl-ca).
        Group(
            reader: "OpenSSL", names: ["SSL_CERT_FILE", "SSL_CERT_DIR", "CTLOG_FILE"],
            // OPENSSL_CONF, OPENSSL_MODULES, OPENSSL_ENGINES, OPENSSL_ia32cap, OPENSSL_TRACE, …
            prefixes: ["OPENSSL_"]),
        // python(1), ENVIRONMENT VARIABLES: every PYTHON variable (PYTHONSTARTUP, PYTHONPATH,
        // PYTHONHOME, PYTHONINSPECT, PYTHONWARNINGS, PYTHONBREAKPOINT, PYTHON_GIL, …).
        Group(reader: "Python", prefixes: ["PYTHON"]),
        // node(1), ENVIRONMENT: every NODE_ variable (NODE_OPTIONS, NODE_PATH,
        // NODE_EXTRA_CA_CERTS, NODE_TLS_REJECT_UNAUTHORIZED, NODE_DEBUG, …) and libuv's.
        Group(reader: "Node.js", names: ["UV_THREADPOOL_SIZE", "UV_USE_IO_URING"], prefixes: ["NODE_"]),
        // java(1), ENVIRONMENT (JDK_JAVA_OPTIONS, CLASSPATH); the JVM Tool Interface
        // (JAVA_TOOL_OPTIONS); HotSpot (_JAVA_OPTIONS); JAVA_HOME, which the JDK's tools read.
        Group(
            reader: "Java", names: ["JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH", "JAVA_HOME"]),
        // ruby(1), ENVIRONMENT (RUBYOPT, RUBYLIB, RUBYPATH, RUBYSHELL and every RUBY_ variable),
        // and RubyGems, which ruby loads on start (GEM_HOME, GEM_PATH, RUBYGEMS_GEMDEPS, …).
        Group(reader: "Ruby", names: ["GEM_HOME", "GEM_PATH", "GEM_SPEC_CACHE"], prefixes: ["RUBY"]),
        // php(1), ENVIRONMENT, and the CLI's ini scan.
        Group(reader: "PHP", names: ["PHPRC", "PHP_INI_SCAN_DIR"]),
        // `go help environment`: what `go run` and the Go runtime read, cgo's CGO_ variables
        // and the C tools it runs (CC, CXX, FC, AR, PKG_CONFIG).
        Group(
            reader: "Go (go run and the Go runtime)",
            names: [
                "GO111MODULE", "GOARCH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GODEBUG", "GOENV", "GOFLAGS",
                "GOINSECURE", "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH", "GOPRIVATE", "GOPROXY",
                "GOROOT", "GOSUMDB", "GOTMPDIR", "GOTOOLCHAIN", "GOVCS", "GOWORK", "GOAUTH", "GOTELEMETRY",
                "GOTELEMETRYDIR", "GOEXPERIMENT", "GOFIPS140", "GOCOVERDIR", "GOGC", "GOMAXPROCS", "GOMEMLIMIT",
                "GOTRACEBACK", "GORACE", "GO386", "GOAMD64", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64",
                "GORISCV64", "GOWASM", "GCCGO", "GCCGOTOOLDIR", "GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS",
                "GOMOD", "GOTOOLDIR", "GOVERSION", "CC", "CXX", "FC", "AR", "PKG_CONFIG",
            ],
            prefixes: ["CGO_"]),
        // The Swift runtime's stdlib/public/runtime/EnvironmentVariables.def (SWIFT_BACKTRACE,
        // SWIFT_DEBUG_*, SWIFT_DETERMINISTIC_HASHING, …).
        Group(reader: "the Swift runtime", prefixes: ["SWIFT_"]),
    ]
}

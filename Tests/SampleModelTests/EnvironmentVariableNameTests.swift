import SampleModel
import Testing

/// A credential variable must be the user's own: one the loader, the C library, the shell or a
/// language runtime reads is refused (issue 18, item 5) — with `LD_PRELOAD`, the run line the
/// guide documents makes ld.so print the secret on stderr.
@Suite struct EnvironmentVariableNameTests {
    func refusal(_ name: String) -> ModelError? {
        do {
            _ = try EnvironmentVariableName(name)
            return nil
        } catch {
            return error
        }
    }

    /// Several names of each group, as each program's manual names them, and by prefix.
    @Test(arguments: [
        ("LD_PRELOAD", "the dynamic loader (ld.so)"), ("LD_LIBRARY_PATH", "the dynamic loader (ld.so)"),
        ("LD_AUDIT", "the dynamic loader (ld.so)"), ("LD_DEBUG_OUTPUT", "the dynamic loader (ld.so)"),
        ("LD_ANYTHING_NEW", "the dynamic loader (ld.so)"),
        ("DYLD_INSERT_LIBRARIES", "dyld"), ("DYLD_LIBRARY_PATH", "dyld"),
        ("GLIBC_TUNABLES", "the C library"), ("MALLOC_CHECK_", "the C library"), ("MALLOC_TRACE", "the C library"),
        ("GCONV_PATH", "the C library"), ("LOCPATH", "the C library"), ("NLSPATH", "the C library"),
        ("HOSTALIASES", "the C library"), ("RES_OPTIONS", "the C library"), ("RESOLV_HOST_CONF", "the C library"),
        ("TZ", "the C library"), ("LANG", "the C library"), ("LC_ALL", "the C library"),
        ("LC_CTYPE", "the C library"),
        ("PATH", "most programs"), ("HOME", "most programs"), ("SHELL", "most programs"), ("TMPDIR", "most programs"),
        ("BASH_ENV", "bash"), ("ENV", "bash"), ("SHELLOPTS", "bash"), ("BASHOPTS", "bash"), ("PS4", "bash"),
        ("IFS", "bash"), ("CDPATH", "bash"), ("GLOBIGNORE", "bash"), ("PROMPT_COMMAND", "bash"),
        ("BASH_XTRACEFD", "bash"), ("BASH_FUNC_x", "bash"),
        ("PYTHONSTARTUP", "Python"), ("PYTHONPATH", "Python"), ("PYTHONHOME", "Python"), ("PYTHONINSPECT", "Python"),
        ("PYTHONWARNINGS", "Python"), ("PYTHONBREAKPOINT", "Python"), ("PYTHON_GIL", "Python"),
        ("NODE_OPTIONS", "Node.js"), ("NODE_PATH", "Node.js"), ("NODE_EXTRA_CA_CERTS", "Node.js"),
        ("NODE_TLS_REJECT_UNAUTHORIZED", "Node.js"), ("UV_THREADPOOL_SIZE", "Node.js"),
        ("JAVA_TOOL_OPTIONS", "Java"), ("_JAVA_OPTIONS", "Java"), ("JDK_JAVA_OPTIONS", "Java"), ("CLASSPATH", "Java"),
        ("JAVA_HOME", "Java"),
        ("RUBYOPT", "Ruby"), ("RUBYLIB", "Ruby"), ("RUBY_YJIT_ENABLE", "Ruby"), ("RUBYGEMS_GEMDEPS", "Ruby"),
        ("GEM_PATH", "Ruby"),
        ("PHPRC", "PHP"), ("PHP_INI_SCAN_DIR", "PHP"),
        ("GOFLAGS", "Go"), ("GOROOT", "Go"), ("GOPATH", "Go"), ("GODEBUG", "Go"), ("GOTOOLCHAIN", "Go"),
        ("CGO_LDFLAGS", "Go"), ("CC", "Go"), ("PKG_CONFIG", "Go"),
        ("CURL_HOME", "curl"), ("CURL_CA_BUNDLE", "curl"), ("SSLKEYLOGFILE", "curl"),
        ("SSL_CERT_FILE", "OpenSSL"), ("SSL_CERT_DIR", "OpenSSL"), ("OPENSSL_CONF", "OpenSSL"),
        ("http_proxy", "as a proxy"), ("HTTPS_PROXY", "as a proxy"), ("ALL_PROXY", "as a proxy"),
        ("NO_PROXY", "as a proxy"), ("no_proxy", "as a proxy"), ("ftp_proxy", "as a proxy"),
        ("SWIFT_BACKTRACE", "the Swift runtime"), ("SWIFT_DEBUG_ENABLE_COW_CHECKS", "the Swift runtime"),
    ])
    func aVariableAProgramReadsIsRefusedWithWhatReadsIt(_ name: String, _ reader: String) {
        let error = refusal(name)
        guard case .runtimeEnvironmentVariableName(let refused, let readBy) = error else {
            Issue.record("\(name): \(error.map(String.init(describing:)) ?? "accepted")")
            return
        }
        #expect(refused == name)
        #expect(readBy.contains(reader), "\(name): \(readBy)")
        let message = error!.description
        #expect(message.hasPrefix("\"\(name)\" cannot carry a credential: it is read by \(readBy)"), "\(message)")
        #expect(message.hasSuffix("choose a name of your own, such as CLIENT_ID or CLIENT_SECRET"), "\(message)")
    }

    /// Windows reads every variable case-insensitively, Python and curl the proxies: any case is refused.
    @Test(arguments: ["ld_preload", "Ld_Preload", "node_options", "Path", "home", "Http_Proxy", "pythonStartup"])
    func anyCaseOfAReadVariableIsRefused(_ name: String) {
        guard case .runtimeEnvironmentVariableName = refusal(name) else {
            Issue.record("\(name) was not refused as read by a program")
            return
        }
    }

    /// What bash assigns itself never reaches the curl sample as given.
    @Test(arguments: ["_", "PWD", "OLDPWD", "SHLVL", "RANDOM", "SECONDS", "PPID", "UID", "LINENO", "BASHPID", "pwd"])
    func aVariableTheShellSetsIsRefused(_ name: String) {
        #expect(refusal(name) == .reservedEnvironmentVariableName(name))
        #expect(refusal(name)?.description.contains("the shell sets it itself") == true)
    }

    /// The rules are exact names, a program's prefix, or the proxies' suffix: names that merely
    /// resemble them stay the user's.
    @Test(arguments: [
        "CLIENT_SECRET", "CLIENT_ID", "APP_SECRET", "MY_LD_PRELOAD", "OLD_PRELOAD", "GOOGLE_CLIENT_SECRET",
        "GOOD_SECRET", "NODEJS_SECRET", "PATHFINDER_SECRET", "HOMEBASE_ID", "PROXY_SECRET", "HTTP_PROXY_SECRET",
        "LDAP_SECRET", "CCX_SECRET", "JAVA_APP_SECRET", "TZ_ID", "LANGUAGE_ID_X", "SSL_CLIENT_SECRET", "CURLY_ID",
        "_X", "__", "S",
    ])
    func aNameOfTheUsersOwnIsAccepted(_ name: String) throws {
        #expect(try EnvironmentVariableName(name).name == name)
    }
}

#if os(Linux)
    import Glibc

    /// Linux's inotify on the folders a watch looks into: the kernel says when an entry of one
    /// changes (written, created, removed, renamed into or out of it, its times or mode set), so a
    /// watch waits without looking at any file. Folders are watched, not files: an editor that
    /// saves by renaming a new file over the old one is seen in the folder, and so is a file that
    /// does not exist yet.
    final class Inotify {
        /// A change the kernel reported: the path of the entry (its folder's path and its name),
        /// or a reason to look at everything again.
        enum Event {
            case entry(path: String, isFolder: Bool)
            /// A watched folder went away, or the kernel's queue overflowed and events were lost.
            case rescan
        }

        enum Failure: Error {
            /// The kernel refuses another watch (`fs.inotify.max_user_watches`) or instance.
            case limit(String)
        }

        private let descriptor: Int32
        private var folders: [Int32: String] = [:]
        private var watches: [String: Int32] = [:]
        private var touched: Set<Int32> = []

        private static let mask = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

        #if DEBUG
            /// Test hook (debug builds only): `GEN_TEST_INOTIFY_WATCHES=<n>` refuses watches past
            /// n folders as the kernel does past `max_user_watches`.
            private static let testLimit = getenv("GEN_TEST_INOTIFY_WATCHES").flatMap { Int(String(cString: $0)) }
        #endif

        init() throws(Failure) {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else {
                throw .limit(
                    errno == EMFILE
                        ? "inotify cannot start: the kernel's fs.inotify.max_user_instances is reached"
                        : "inotify cannot start: \(String(cString: strerror(errno)))")
            }
        }

        deinit { close(descriptor) }

        /// Starts a round of `watch` calls; `endRound` then drops the watches the round did not name.
        func beginRound() { touched = [] }

        /// Watches `folder` (again: an existing watch is kept). A folder that is gone is skipped.
        func watch(_ folder: String) throws(Failure) {
            var watch = inotify_add_watch(descriptor, folder, Self.mask)
            #if DEBUG
                if let limit = Self.testLimit, watch >= 0, folders[watch] == nil, folders.count >= limit {
                    inotify_rm_watch(descriptor, watch)
                    (watch, errno) = (-1, ENOSPC)
                }
            #endif
            guard watch >= 0 else {
                if errno == ENOSPC {
                    throw .limit(
                        "inotify cannot watch more folders: the kernel's fs.inotify.max_user_watches is reached")
                }
                if errno == ENOMEM { throw .limit("inotify cannot watch more folders: out of kernel memory") }
                return
            }
            if let old = folders[watch], old != folder { watches[old] = nil }
            folders[watch] = folder
            watches[folder] = watch
            touched.insert(watch)
        }

        func endRound() {
            for (watch, folder) in folders where !touched.contains(watch) {
                inotify_rm_watch(descriptor, watch)
                folders[watch] = nil
                if watches[folder] == watch { watches[folder] = nil }
            }
        }

        /// Events that came within `timeout` (nil: wait as long as it takes); empty when none did.
        func read(timeout: Duration?) -> [Event] {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds =
                timeout.map {
                    Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000)
                } ?? -1
            let ready = poll(&poller, 1, milliseconds)
            guard ready > 0 else { return [] }
            var events: [Event] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                events += parse(buffer[..<count])
            }
            return events
        }

        private func parse(_ bytes: ArraySlice<UInt8>) -> [Event] {
            var events: [Event] = []
            var offset = bytes.startIndex
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= bytes.endIndex {
                let header = bytes[offset..<(offset + headerSize)].withUnsafeBytes {
                    $0.loadUnaligned(as: inotify_event.self)
                }
                let nameStart = offset + headerSize
                let nameEnd = min(nameStart + Int(header.len), bytes.endIndex)
                let name = String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
                offset = nameEnd
                if header.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    events.append(.rescan)
                    continue
                }
                if header.mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    if header.mask & UInt32(IN_IGNORED) != 0, let folder = folders.removeValue(forKey: header.wd),
                        watches[folder] == header.wd
                    {
                        watches[folder] = nil
                    }
                    events.append(.rescan)
                    continue
                }
                guard let folder = folders[header.wd], !name.isEmpty else { continue }
                events.append(
                    .entry(
                        path: folder == "/" ? "/" + name : folder + "/" + name,
                        isFolder: header.mask & UInt32(IN_ISDIR) != 0))
            }
            return events
        }
    }
#endif

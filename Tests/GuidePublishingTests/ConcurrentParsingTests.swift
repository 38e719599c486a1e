import Foundation
import GuidePublishing
import Synchronization
import Testing

/// cmark-gfm keeps the characters its extensions start inlines with (`~`, and those of autolinks)
/// in one table for the whole process, added at the start of each parse's inline pass and taken
/// out at its end; two parses at once took them from each other, and a page lost its struck-out
/// text or its links now and then (a batch fills guides on every core, and the tests run at once).
@Suite struct ConcurrentParsingTests {
    @Test func pagesRenderedAtOnceAreThePagesRenderedOneByOne() throws {
        let guide = Array(
            String(repeating: "Text ~~old~~ and www.example.com and <https://x.y> and a@b.co, **bold**.\n\n", count: 50)
                .utf8)
        let expected = try ConfluencePage().render(guide)
        let pages = Mutex([String](repeating: "", count: 256))
        DispatchQueue.concurrentPerform(iterations: 256) { index in
            let page = (try? ConfluencePage().render(guide)) ?? "failed"
            pages.withLock { $0[index] = page }
        }
        let differing = pages.withLock { $0.filter { $0 != expected }.count }
        #expect(differing == 0, "\(differing) of 256 pages rendered at once differ from one rendered alone")
    }
}

import Testing
import TestSupport

@Suite struct GenCommandTests {
    @Test func placeholder() {
        #expect(!RepositoryPaths.root.isEmpty)
    }
}

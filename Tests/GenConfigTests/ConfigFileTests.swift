import GenConfig
import SampleModel
import Testing

@Suite struct ConfigFileTests {
    @Test func emptyFileGivesTheGuideDefaults() throws {
        let configuration = try ConfigFile.parse("", path: "gen.yml")
        #expect(configuration == GenConfiguration())
    }
}

import Foundation
import SampleModel
import Testing

/// The one table of settings (issue 21, item 1).
@Suite struct ModelSettingTests {
    @Test func everyModelFieldHasExactlyOneEntry() {
        #expect(
            ModelSetting.all.map(\.field).sorted { $0.rawValue < $1.rawValue }
                == ModelField.allCases.sorted { $0.rawValue < $1.rawValue })
        for field in ModelField.allCases { #expect(ModelSetting.of(field).field == field) }
    }

    /// An option is the key's words (`--token-url` for token_url), but for `--timeout`.
    @Test func optionsAreNamedLikeTheirKeysAndAreUnique() {
        let options = ModelSetting.all.compactMap { $0.option?.name }
        #expect(Set(options).count == options.count)
        for setting in ModelSetting.all {
            guard let option = setting.option else { continue }
            #expect(option.name.hasPrefix("--") && !option.help.isEmpty, "\(setting.name)")
            if setting.field != .timeoutSeconds {
                #expect(option.name == "--" + setting.name.replacingOccurrences(of: "_", with: "-"))
            }
            // A flag has no value name; every other option has one.
            if case .flag = setting.value { #expect(option.valueName == nil) } else { #expect(option.valueName != nil) }
        }
    }

    /// Each entry's key path writes the field it names: a value written through it is read back
    /// by validation under that field's name.
    @Test func eachNumberEntryWritesItsOwnField() {
        for setting in ModelSetting.all {
            guard case .number(let path) = setting.value else { continue }
            var model = ClientModel.guideDefault
            model[keyPath: path] = -1
            #expect(throws: ModelError.self, "\(setting.name)") { try model.validate() }
            do {
                try model.validate()
            } catch {
                #expect(error.fields.first == setting.field, "\(setting.name) → \(error)")
            }
        }
    }
}

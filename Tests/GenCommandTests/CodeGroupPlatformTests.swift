import Foundation
import TestSupport
import Testing

/// The docs platforms' code groups beyond MkDocs and MyST (issue 22, item 3), filled by the
/// built `gen` and read back by the parsers the platforms use: each group holds the tabs the
/// platform shows, titled as the platform titles them, with gen's samples, and no gen word shows
/// in any tab title or in the page's text.
@Suite struct CodeGroupPlatformTests {
    let commands = GenCommandTests()

    /// VitePress' documented code group (guide/markdown, "Code Groups") with a Python
    /// placeholder; the same nested in a list item; the same with CRLF line breaks.
    static let vitepressGuides: [(name: String, text: String)] = {
        let documented = """
            ::: code-group

            ```js [config.js]
            /**
             * @type {import('vitepress').UserConfig}
             */
            const config = {
              // ...
            }

            export default config
            ```

            ```ts [config.ts]
            import type { UserConfig } from 'vitepress'

            const config: UserConfig = {
              // ...
            }

            export default config
            ```

            ```py [Python]
            ```

            :::

            """
        let nested =
            "1. Request a token:\n\n"
            + documented.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "   " + $0 }.joined(separator: "\n") + "2. Use it.\n"
        return [
            ("documented", documented), ("nested in a list", nested),
            ("CRLF", documented.replacingOccurrences(of: "\n", with: "\r\n")),
        ]
    }()

    func run(_ interpreter: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Data {
        let result = try ProcessResult.run(
            try Interpreters.require(interpreter), arguments, environment: environment, timeout: 120)
        #expect(result.status == 0, "\(result.stderr) (\(Interpreters.installHint))")
        return Data(result.stdout.utf8)
    }

    struct CodeGroup: Decodable {
        let titles: [String]
        let codes: [String]
        let infos: [String]
        let shown: [String]
    }

    struct RenderedPage: Decodable {
        struct Fence: Decodable {
            let info: String
            let code: String
        }
        let fences: [Fence]
        let htmlBlocks: [String]
        let visible: String
    }

    @Test func genFillsVitePressCodeGroupsAsMarkdownItContainerReadsThemWithNoMarkerInAnyTitleOrText() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(try TabFormCommandTests.postmanOnlyConfiguration().utf8)
            .write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        var files: [String] = []
        for (index, guide) in Self.vitepressGuides.enumerated() {
            let path = "\(directory)/guide-\(index).md"
            try Data(("## Postman guide\n\nIntro.\n\n" + guide.text + "\nAfter.\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let names = files.map { ($0 as NSString).lastPathComponent }
        let fill = try commands.run(names, in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
        // Idempotent: a second run and --check find nothing to do.
        #expect(try commands.run(names, in: directory).status == 0)
        #expect(try files.map { try String(contentsOfFile: $0, encoding: .utf8) } == filled)
        let check = try commands.run(["--check"] + names, in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        var samples: [String: String] = [:]
        let labels = ["curl", "Python", "JavaScript", "PHP", "Ruby", "Go", "Java", "Swift"]
        for (label, language) in zip(labels, ["curl", "python", "javascript", "php", "ruby", "go", "java", "swift"]) {
            let printed = try commands.run(["--lang", language, "--snippet", "token-request"], in: directory)
            samples[label] = TabFormCommandTests.trimmingFinalLineBreaks(printed.stdout)
        }
        let script = RepositoryPaths.path("Tests/Execution/DocsPlatforms/vitepress_code_groups.py")
        let groups = try JSONDecoder().decode([[CodeGroup]].self, from: try run("python3", [script] + files))
        for (index, guide) in Self.vitepressGuides.enumerated() {
            #expect(groups[index].count == 1, "\(guide.name): one code group")
            guard let group = groups[index].first else { continue }
            // The writer's tabs first, then Python filled, then the missing languages in order.
            #expect(
                group.titles == [
                    "config.js", "config.ts", "Python", "curl", "JavaScript", "PHP", "Ruby", "Go", "Java",
                    "Swift",
                ],
                "\(guide.name)")
            for (title, code) in zip(group.titles, group.codes) where samples[title] != nil {
                #expect(TabFormCommandTests.trimmingFinalLineBreaks(code) == samples[title], "\(guide.name): \(title)")
            }
            for word in ["gen=", "digest="] {
                #expect(!(group.titles + group.infos + group.shown).contains { $0.contains(word) }, "\(guide.name)")
            }
            #expect(group.shown.isEmpty, "\(guide.name): nothing but tabs shows in the group: \(group.shown)")
        }
        let renderer = RepositoryPaths.path("Tests/Execution/DocsPlatforms/rendered_text.js")
        let pages = try JSONDecoder().decode(
            [RenderedPage].self,
            from: try run(
                "node", [renderer] + files, environment: ["NODE_PATH": "/usr/share/nodejs", "PATH": "/usr/bin:/bin"]))
        for (index, guide) in Self.vitepressGuides.enumerated() {
            let page = pages[index]
            #expect(page.fences.count == 10, "\(guide.name): every tab is a fence")
            #expect(!page.visible.contains("gen=") && !page.visible.contains("digest="), "\(guide.name)")
            let markers = page.htmlBlocks.filter { $0.contains("gen=") }
            #expect(markers.count == 8, "\(guide.name): one marker comment per generated tab")
            #expect(markers.allSatisfy { $0.hasPrefix("<!--") || $0.hasPrefix("   <!--") }, "\(guide.name)")
        }
    }

    /// Docusaurus' documented multi-language code block with its Python tab emptied; without
    /// its imports, twice on the page; nested in a list; with CRLF line breaks.
    static let docusaurusGuides: [(name: String, text: String)] = {
        let tabs = """
            <Tabs groupId="language">
            <TabItem value="js" label="JavaScript">

            ```js
            function helloWorld() {
              console.log('Hello, world!');
            }
            ```

            </TabItem>
            <TabItem value="py" label="Python">

            ```py
            ```

            </TabItem>
            </Tabs>

            """
        let imports = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"
        let nested =
            "1. Request a token:\n\n"
            + tabs.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "   " + $0 }.joined(separator: "\n") + "2. Use it.\n"
        return [
            ("documented", imports + "## Postman guide\n\n" + tabs),
            ("without imports, two groups", "## Postman guide\n\n" + tabs + "\n## Postman guide\n\n" + tabs),
            ("nested in a list", imports + "## Postman guide\n\n" + nested),
            ("CRLF", (imports + "## Postman guide\n\n" + tabs).replacingOccurrences(of: "\n", with: "\r\n")),
        ]
    }()

    struct MDXPage: Decodable {
        struct Group: Decodable {
            let groupId: String?
            let tabs: [Tab]
        }
        struct Tab: Decodable {
            let value: String?
            let label: String?
            let fences: [RenderedPage.Fence]
        }
        struct CodeGroup: Decodable {
            let fences: [RenderedPage.Fence]
            let rendered: [String]
        }
        let jsxErrors: [String]
        let importErrors: [String]
        let imported: [String]
        let groups: [Group]
        let codeGroups: [CodeGroup]
    }

    @Test func genFillsDocusaurusTabsAsWellFormedJSXWithEachFenceInItsTabItemAndTheImportsOnce() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(try TabFormCommandTests.postmanOnlyConfiguration().utf8)
            .write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        var files: [String] = []
        for (index, guide) in Self.docusaurusGuides.enumerated() {
            let path = "\(directory)/guide-\(index).md"
            try Data(guide.text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let names = files.map { ($0 as NSString).lastPathComponent }
        let fill = try commands.run(names, in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(try commands.run(names, in: directory).status == 0)
        #expect(try files.map { try String(contentsOfFile: $0, encoding: .utf8) } == filled, "idempotent")
        let check = try commands.run(["--check"] + names, in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        var samples: [String: String] = [:]
        let labels = ["curl", "Python", "JavaScript", "PHP", "Ruby", "Go", "Java", "Swift"]
        for (label, language) in zip(labels, ["curl", "python", "javascript", "php", "ruby", "go", "java", "swift"]) {
            let printed = try commands.run(["--lang", language, "--snippet", "token-request"], in: directory)
            samples[label] = TabFormCommandTests.trimmingFinalLineBreaks(printed.stdout)
        }
        let script = RepositoryPaths.path("Tests/Execution/DocsPlatforms/mdx_tabs.js")
        let pages = try JSONDecoder().decode(
            [MDXPage].self,
            from: try run(
                "node", [script] + files, environment: ["NODE_PATH": "/usr/share/nodejs", "PATH": "/usr/bin:/bin"]))
        for (index, guide) in Self.docusaurusGuides.enumerated() {
            let page = pages[index]
            #expect(
                page.jsxErrors.isEmpty && page.importErrors.isEmpty,
                "\(guide.name): \(page.jsxErrors) \(page.importErrors)")
            #expect(page.imported == ["Tabs", "TabItem"], "\(guide.name): imported once each")
            #expect(page.groups.count == (index == 1 ? 2 : 1), "\(guide.name)")
            for group in page.groups {
                #expect(
                    group.tabs.map(\.label) == ["JavaScript", "Python", "curl", "PHP", "Ruby", "Go", "Java", "Swift"],
                    "\(guide.name)")
                for tab in group.tabs {
                    #expect(tab.fences.count == 1, "\(guide.name): \(tab.label ?? "") holds its fence")
                    for word in ["gen=", "digest="] {
                        #expect(!(tab.label ?? "").contains(word) && !(tab.value ?? "").contains(word))
                    }
                    if let label = tab.label, label != "JavaScript", let fence = tab.fences.first {
                        #expect(
                            TabFormCommandTests.trimmingFinalLineBreaks(fence.code) == samples[label],
                            "\(guide.name): \(label)")
                        #expect(fence.info.contains(" gen=token-request digest="), "\(guide.name): \(label)")
                    }
                }
            }
        }
    }

    /// GitBook's documented tabs block with a Python placeholder tab; nested in a list; CRLF.
    static let gitbookGuides: [(name: String, text: String)] = {
        let tabs = """
            {% tabs %}
            {% tab title="Windows" %}
            Here are the instructions for Windows
            {% endtab %}

            {% tab title="Python" %}
            ```python
            ```
            {% endtab %}
            {% endtabs %}

            """
        let nested =
            "- Request a token:\n\n"
            + tabs.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "- Use it.\n"
        return [
            ("documented", "## Postman guide\n\n" + tabs), ("nested in a list", "## Postman guide\n\n" + nested),
            ("CRLF", ("## Postman guide\n\n" + tabs).replacingOccurrences(of: "\n", with: "\r\n")),
        ]
    }()

    struct GitBookTab: Decodable {
        let title: String
        let fences: [RenderedPage.Fence]
        let text: [String]
    }

    struct GitBookGroup: Decodable {
        let tabs: [GitBookTab]
    }

    @Test func genFillsGitBookTabsEachFenceAFenceInItsTabAsMarkdownItReadsThePage() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(try TabFormCommandTests.postmanOnlyConfiguration().utf8)
            .write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        var files: [String] = []
        for (index, guide) in Self.gitbookGuides.enumerated() {
            let path = "\(directory)/guide-\(index).md"
            try Data(guide.text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let names = files.map { ($0 as NSString).lastPathComponent }
        let fill = try commands.run(names, in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(try commands.run(names, in: directory).status == 0)
        #expect(try files.map { try String(contentsOfFile: $0, encoding: .utf8) } == filled, "idempotent")
        let check = try commands.run(["--check"] + names, in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        var samples: [String: String] = [:]
        let labels = ["curl", "Python", "JavaScript", "PHP", "Ruby", "Go", "Java", "Swift"]
        for (label, language) in zip(labels, ["curl", "python", "javascript", "php", "ruby", "go", "java", "swift"]) {
            let printed = try commands.run(["--lang", language, "--snippet", "token-request"], in: directory)
            samples[label] = TabFormCommandTests.trimmingFinalLineBreaks(printed.stdout)
        }
        let script = RepositoryPaths.path("Tests/Execution/DocsPlatforms/gitbook_tabs.js")
        let pages = try JSONDecoder().decode(
            [[GitBookGroup]].self,
            from: try run(
                "node", [script] + files, environment: ["NODE_PATH": "/usr/share/nodejs", "PATH": "/usr/bin:/bin"]))
        for (index, guide) in Self.gitbookGuides.enumerated() {
            #expect(pages[index].count == 1, "\(guide.name): one tab group")
            guard let group = pages[index].first else { continue }
            #expect(
                group.tabs.map(\.title) == ["Windows", "Python"] + labels.filter { $0 != "Python" }, "\(guide.name)")
            #expect(group.tabs.first?.text == ["Here are the instructions for Windows"], "\(guide.name)")
            for tab in group.tabs.dropFirst() {
                #expect(tab.text.isEmpty && tab.fences.count == 1, "\(guide.name): \(tab.title) is its fence")
                #expect(!tab.title.contains("gen=") && !tab.title.contains("digest="))
                #expect(
                    tab.fences.first.map { TabFormCommandTests.trimmingFinalLineBreaks($0.code) } == samples[tab.title],
                    "\(guide.name): \(tab.title)")
            }
        }
    }

    /// Mintlify's documented code group with a Python placeholder; nested in a list; CRLF.
    static let mintlifyGuides: [(name: String, text: String)] = {
        let group = """
            <CodeGroup>

            ```javascript helloWorld.js
            console.log("Hello World");
            ```

            ```python Python
            ```

            ```java HelloWorld.java
            class HelloWorld {
                public static void main(String[] args) {
                    System.out.println("Hello, World!");
                }
            }
            ```

            </CodeGroup>

            """
        let nested =
            "1. Request a token:\n\n"
            + group.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "   " + $0 }.joined(separator: "\n") + "2. Use it.\n"
        return [
            ("documented", "## Postman guide\n\n" + group), ("nested in a list", "## Postman guide\n\n" + nested),
            ("CRLF", ("## Postman guide\n\n" + group).replacingOccurrences(of: "\n", with: "\r\n")),
        ]
    }()

    @Test func genFillsMintlifyCodeGroupsAsWellFormedJSXWithNoMarkerInAnyTitleAndNothingElseRendered() throws {
        let directory = try RepositoryPaths.scratchDirectory()
        try Data(try TabFormCommandTests.postmanOnlyConfiguration().utf8)
            .write(to: URL(fileURLWithPath: directory + "/gen.yml"))
        var files: [String] = []
        for (index, guide) in Self.mintlifyGuides.enumerated() {
            let path = "\(directory)/guide-\(index).md"
            try Data(guide.text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let names = files.map { ($0 as NSString).lastPathComponent }
        let fill = try commands.run(names, in: directory)
        #expect(fill.status == 0, "\(fill.stderr)")
        let filled = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(try commands.run(names, in: directory).status == 0)
        #expect(try files.map { try String(contentsOfFile: $0, encoding: .utf8) } == filled, "idempotent")
        let check = try commands.run(["--check"] + names, in: directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        var samples: [String: String] = [:]
        let labels = ["curl", "Python", "JavaScript", "PHP", "Ruby", "Go", "Java", "Swift"]
        for (label, language) in zip(labels, ["curl", "python", "javascript", "php", "ruby", "go", "java", "swift"]) {
            let printed = try commands.run(["--lang", language, "--snippet", "token-request"], in: directory)
            samples[label] = TabFormCommandTests.trimmingFinalLineBreaks(printed.stdout)
        }
        let script = RepositoryPaths.path("Tests/Execution/DocsPlatforms/mdx_tabs.js")
        let pages = try JSONDecoder().decode(
            [MDXPage].self,
            from: try run(
                "node", [script] + files, environment: ["NODE_PATH": "/usr/share/nodejs", "PATH": "/usr/bin:/bin"]))
        for (index, guide) in Self.mintlifyGuides.enumerated() {
            let page = pages[index]
            #expect(page.jsxErrors.isEmpty, "\(guide.name): \(page.jsxErrors)")
            #expect(page.codeGroups.count == 1, "\(guide.name)")
            guard let group = page.codeGroups.first else { continue }
            #expect(group.rendered.isEmpty, "\(guide.name): only tabs render, the comments nothing: \(group.rendered)")
            // Mintlify's title: the words after the fence's language.
            let titles = group.fences.map { fence in
                fence.info.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            }
            #expect(
                titles == [
                    "helloWorld.js", "Python", "HelloWorld.java", "curl", "JavaScript", "PHP", "Ruby", "Go", "Java",
                    "Swift",
                ],
                "\(guide.name)")
            for (title, fence) in zip(titles, group.fences) {
                #expect(!title.contains("gen=") && !title.contains("digest="), "\(guide.name): \(title)")
                if let sample = samples[title] {
                    #expect(
                        TabFormCommandTests.trimmingFinalLineBreaks(fence.code) == sample, "\(guide.name): \(title)")
                }
            }
        }
    }
}

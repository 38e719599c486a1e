#!/usr/bin/env python3
"""Real-browser test of `gen site` pages built from guides written in tabs (headless Chromium).

Usage: python3 tab_site_browser_test.py OUTPUT_DIR GOLDEN_DIR NAME=SITE_DIR...
  NAME  mkdocs or sphinx (docs-site/mkdocs, docs-site/sphinx as gen site publishes them), or
        writers (the MkDocs guide with a writer's own tabs: an "Output" tab in the first set, text
        tabs in a list item, a tab set in a block quote)

Checks that every tab set of the guide is a set of tabs like a label group's: one panel shown,
tab labels from the guide's titles, each sample's Copy button copying exactly its golden concise
sample, a language chosen in one set chosen in all, arrow keys; a tab of text shows its text and
has no Copy button; without JavaScript every tab is shown, stacked under its title. Uses the helpers of
site_browser_test.py. Prints one line per check, exits 1 if any fails.
"""
import os
import shutil
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_browser_test as page  # the helpers beside this file

check, note = page.check, page.note
# The guide's two tab sets in tab order, as the converted guide writes them.
SETS = [
    ("token-request", ["python", "javascript", "php", "curl", "ruby", "go", "java", "swift"]),
    ("token-refresh", ["python", "javascript", "php", "ruby", "go", "java", "swift"]),
]


def sets(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.samples')).map(set => ({
          id: set.id,
          inQuote: !!set.closest('blockquote'),
          inList: !!set.closest('li'),
          tablistLabel: set.querySelector(':scope > .sample-bar [role=tablist]')?.getAttribute('aria-label'),
          tabs: Array.from(set.querySelectorAll(':scope > .sample-bar [role=tab]')).map(t => t.textContent),
          panels: Array.from(set.querySelectorAll(':scope > .sample')).map(p => ({
            lang: p.dataset.lang, label: p.dataset.label, text: p.classList.contains('sample-text'),
            visible: p.getClientRects().length > 0, copy: p.querySelectorAll(':scope > button.copy').length,
            code: p.querySelector(':scope > pre > code')?.textContent ?? null,
            content: p.textContent})),
        }));""")


def visible(set_):
    return [p["lang"] for p in set_["panels"] if p["visible"]]


def copy(driver, set_id, lang):
    """Clicks the set's tab for `lang`, then its Copy button; what the page gave the clipboard."""
    driver.find_element(By.CSS_SELECTOR, f'#{set_id} [role="tab"][data-lang="{lang}"]').click()
    button = driver.find_element(By.ID, f"{set_id}-{lang}").find_element(By.CSS_SELECTOR, "button.copy")
    before = len(driver.execute_script("return window.__copied;"))
    button.click()
    WebDriverWait(driver, 5).until(lambda d: len(d.execute_script("return window.__copied;")) > before)
    return driver.execute_script("return window.__copied[window.__copied.length - 1];")


@page.phase("a tab-form guide's page")
def test_site(driver, logs, base, port, name, golden_dir, output_dir):
    driver.get(base + f"{name}/index.html")
    driver.execute_script("localStorage.clear();")
    driver.get(base + f"{name}/index.html")
    page.wait_for_tabs(driver)
    found = sets(driver)
    expected_sets = 4 if name == "writers" else 2
    check(len(found) == expected_sets, f"{name}: {expected_sets} tab sets", str([s["id"] for s in found]))
    check(all(len(visible(s)) == 1 for s in found), f"{name}: every set shows exactly one tab",
          str([visible(s) for s in found]))
    check(all(s["tabs"] == [p["label"] for p in s["panels"]] for s in found),
          f"{name}: the tabs are labelled with the guide's tab titles", str([s["tabs"] for s in found]))
    check(all(p["copy"] == (0 if p["text"] else 1) for s in found for p in s["panels"]),
          f"{name}: every sample has one Copy button, a tab of text none")
    for (snippet, languages), set_ in zip(SETS, found):
        samples = [p for p in set_["panels"] if not p["text"]]
        check([p["lang"] for p in samples] == languages, f"{name} {set_['id']}: the {snippet} samples in the guide's order",
              str([p["lang"] for p in samples]))
        for panel in samples:
            expected = page.golden_text(golden_dir, snippet, panel["lang"])
            check(panel["code"] == expected, f"{name} {set_['id']} {panel['lang']}: the code is golden {snippet}",
                  page.first_difference(panel["code"] or "", expected))

    driver.execute_script("""
        window.__copied = [];
        const recorder = text => { window.__copied.push(text); return Promise.resolve(); };
        try { Object.defineProperty(navigator.clipboard, 'writeText', {value: recorder, configurable: true}); }
        catch (e) { navigator.clipboard.writeText = recorder; }""")
    for (snippet, languages), set_ in zip(SETS, found):
        for lang in languages:
            copied = copy(driver, set_["id"], lang)
            expected = page.golden_text(golden_dir, snippet, lang)
            check(copied == expected, f"{name} {set_['id']} {lang}: Copy copies exactly golden {snippet}",
                  page.first_difference(copied, expected))

    # One choice, every set: Ruby chosen in the first set shows Ruby in the second.
    driver.find_element(By.CSS_SELECTOR, f'#{found[0]["id"]} [role="tab"][data-lang="ruby"]').click()
    now = sets(driver)
    check(visible(now[0]) == ["ruby"] and visible(now[1]) == ["ruby"],
          f"{name}: choosing Ruby in one set chooses it in the other", str([visible(s) for s in now[:2]]))
    tab = driver.find_element(By.CSS_SELECTOR, f'#{found[0]["id"]} [role="tab"][aria-selected="true"]')
    tab.send_keys(Keys.ARROW_RIGHT)
    now = sets(driver)
    check(visible(now[0]) == [SETS[0][1][SETS[0][1].index("ruby") + 1]], f"{name}: the arrow keys move along the tabs",
          str(visible(now[0])))

    if name == "writers":
        output = found[0]["panels"][-1]
        check(output["lang"] == "output" and output["text"] and output["label"] == "Output",
              "writers: the writer's Output tab is the first set's last tab, a tab of text", str(output))
        driver.find_element(By.CSS_SELECTOR, f'#{found[0]["id"]} [role="tab"][data-lang="output"]').click()
        now = sets(driver)
        shown = [p for p in now[0]["panels"] if p["visible"]]
        check(len(shown) == 1 and "Got a Bearer token" in shown[0]["content"]
              and "Never print the client secret." in shown[0]["content"],
              "writers: the Output tab shows its text, its code and its note", str(shown))
        check(len(visible(now[1])) == 1, "writers: a set without an Output tab keeps one tab shown",
              str(visible(now[1])))
        steps = now[2]
        check(steps["inList"] and steps["tablistLabel"] == "Tabs" and [p["lang"] for p in steps["panels"]]
              == ["linux", "macos"], "writers: the text tabs in a list item are tabs labelled Tabs", str(steps))
        driver.find_element(By.CSS_SELECTOR, f'#{steps["id"]} [role="tab"][data-lang="macos"]').click()
        check("xcodebuild" in next(p for p in sets(driver)[2]["panels"] if p["visible"])["content"],
              "writers: choosing macOS shows its text")
        quoted = now[3]
        check(quoted["inQuote"] and quoted["panels"][0]["code"] == "puts 1",
              "writers: the tab set in a block quote is tabs inside the quote", str(quoted))
        copied = copy(driver, quoted["id"], "ruby")
        check(copied == "puts 1", "writers: the quoted Ruby tab's Copy copies exactly its code", repr(copied))

    driver.execute_script("window.scrollTo(0, 0);")
    shot = os.path.join(output_dir, f"tab-site-{name}.png")
    driver.execute_script(f"document.getElementById('{found[-1]['id']}').scrollIntoView({{block: 'center'}});")
    driver.save_screenshot(shot)
    print(f"screenshot: {shot}")
    page.check_console_and_network(logs, port, f"{name}: page load, tabs and copies")


@page.phase("a tab-form guide's page without JavaScript")
def test_without_javascript(base, name):
    driver = page.make_driver(javascript=False)
    try:
        driver.get(base + f"{name}/index.html")
        panels = driver.find_elements(By.CSS_SELECTOR, ".samples > .sample")
        labels = [p.find_element(By.CSS_SELECTOR, ":scope > .sample-label") for p in panels]
        check(panels and all(p.is_displayed() for p in panels) and all(label.is_displayed() for label in labels),
              f"{name} without JavaScript: all {len(panels)} tabs are shown, each under its title")
        check(not driver.find_elements(By.CSS_SELECTOR, "[role=tablist], button.copy"),
              f"{name} without JavaScript: no tabs, no Copy buttons")
    finally:
        driver.quit()


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2])
    output_dir, golden_dir = (os.path.abspath(p) for p in sys.argv[1:3])
    sites = dict(argument.split("=", 1) for argument in sys.argv[3:])
    os.makedirs(output_dir, exist_ok=True)
    root = tempfile.mkdtemp(prefix="tab-site-browser-test-")
    server = driver = None
    try:
        for name, site in sites.items():
            shutil.copytree(site, os.path.join(root, name))
        server = page.serve(root)
        port = server.server_address[1]
        base = f"http://127.0.0.1:{port}/"
        driver = page.make_driver()
        logs = page.Logs(driver)
        for name in sites:
            test_site(driver, logs, base, port, name, golden_dir, output_dir)
        driver.quit()
        driver = None
        for name in sites:
            test_without_javascript(base, name)
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(root, ignore_errors=True)
    note(f"{page.failures} failed")
    sys.exit(1 if page.failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Real-browser test of the complete programs on a `gen site` page (headless Chromium).

Usage: python3 complete_program_browser_test.py OUTPUT_DIR PROGRAMS_DIR NAME=SITE_DIR[:LINKED]...
  PROGRAMS_DIR  the complete programs as `gen export` writes them (<language>/<file>): what every
                program on the page, its copy and its download must equal
  NAME          a site folder's name; LINKED the comma-separated numbers of its sample sets whose
                samples link to their complete programs (default: every set), e.g. unlinked=DIR:2

Checks, in every tab of every set that links: one closed <details> under the concise sample with
a stable id (complete-<language>-<snippet>), its program exactly the exported one; it opens on a
click and from the keyboard (Tab reaches the summary, Enter and Space toggle it); its own Copy
button copies exactly the program; its download link is served from programs/<language>/<file>
beside the page and holds exactly the exported file; the page opened at #complete-… selects that
tab and opens it, as a change of the hash does; the link line the guide carries shows nowhere; a
set that does not link has no <details>. Without JavaScript every program is a closed <details>
that opens natively. Uses the helpers of site_browser_test.py. Prints one line per check, saves
screenshots into OUTPUT_DIR, exits 1 if any fails.
"""
import os
import shutil
import sys
import tempfile
import urllib.parse
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_browser_test as page  # the helpers beside this file

check, note = page.check, page.note
SNIPPETS = ["token-request", "token-refresh"]  # set 1, set 2
# The file each language's descriptor exports a snippet as (written out here, not read from gen).
FILES = {
    "curl": {"token-request": "token-request.sh"},
    "python": {"token-request": "token_request.py", "token-refresh": "token_manager.py"},
    "javascript": {"token-request": "token-request.mjs", "token-refresh": "token-manager.mjs"},
    "php": {"token-request": "token_request.php", "token-refresh": "token_manager.php"},
    "ruby": {"token-request": "token_request.rb", "token-refresh": "token_manager.rb"},
    "go": {"token-request": "token_request.go", "token-refresh": "token_manager.go"},
    "java": {"token-request": "FetchToken.java", "token-refresh": "TokenManager.java"},
    "swift": {"token-request": "FetchToken.swift", "token-refresh": "TokenManager.swift"},
}
SUMMARY = "Complete program, with retries and outage handling"


def program_bytes(programs_dir, language, snippet):
    with open(os.path.join(programs_dir, language, FILES[language][snippet]), "rb") as file:
        return file.read()


def program_text(programs_dir, language, snippet):
    """The program as the page shows and copies it: its text without the file's final line break."""
    text = program_bytes(programs_dir, language, snippet).decode("utf-8")
    return text[:-1] if text.endswith("\n") else text


def sets(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.samples')).map(set => ({
          id: set.id,
          panels: Array.from(set.querySelectorAll(':scope > .sample')).map(p => {
            const details = Array.from(p.querySelectorAll(':scope > details.complete-program'));
            const d = details[0];
            const body = d?.querySelector(':scope > .complete-program-body');
            const link = body?.querySelector('a[download]');
            return {lang: p.dataset.lang, details: details.length, anywhere: p.querySelectorAll('details').length,
              id: d?.id ?? null, open: d?.open ?? null, summary: d?.querySelector(':scope > summary')?.textContent,
              href: link?.getAttribute('href') ?? null, download: link?.getAttribute('download') ?? null,
              url: link?.href ?? null, code: body?.querySelector(':scope > pre > code')?.textContent ?? null,
              codeClass: body?.querySelector(':scope > pre > code')?.className ?? null,
              conciseClass: p.querySelector(':scope > pre > code')?.className ?? null,
              copies: body ? body.querySelectorAll(':scope > button.copy').length : 0};
          }),
        }));""")


def details_state(driver, details_id):
    return driver.execute_script("""
        const d = document.getElementById(arguments[0]);
        const pre = d.querySelector('.complete-program-body > pre');
        const box = d.getBoundingClientRect();
        return {open: d.open, codeShown: pre.checkVisibility ? pre.checkVisibility() : pre.getClientRects().length > 0,
                panelShown: d.closest('.sample').getClientRects().length > 0,
                inView: box.top >= -1 && box.top < window.innerHeight,
                selected: d.closest('.samples')?.querySelector('[role=tab][aria-selected=true]')?.dataset.lang};""",
                                 details_id)


def linked(set_index, linked_sets):
    return linked_sets is None or set_index in linked_sets


def record_copies(driver):
    driver.execute_script("""
        window.__copied = [];
        const recorder = text => { window.__copied.push(text); return Promise.resolve(); };
        try { Object.defineProperty(navigator.clipboard, 'writeText', {value: recorder, configurable: true}); }
        catch (e) { navigator.clipboard.writeText = recorder; }""")


@page.phase("a page's complete programs")
def test_site(driver, logs, base, port, name, programs_dir, linked_sets, output_dir):
    url = base + f"{name}/index.html"
    driver.get(url)
    driver.execute_script("localStorage.clear();")
    driver.get(url)
    page.wait_for_tabs(driver)
    found = sets(driver)
    check(len(found) == len(SNIPPETS), f"{name}: {len(SNIPPETS)} sample sets", str([s["id"] for s in found]))

    # What the page holds, before anything is clicked.
    expected_programs = []
    for set_index, (snippet, set_) in enumerate(zip(SNIPPETS, found), start=1):
        for panel in set_["panels"]:
            lang, where = panel["lang"], f"{name} set {set_index} {panel['lang']}"
            if not linked(set_index, linked_sets):
                check(panel["anywhere"] == 0, f"{where}: a group that does not link has no complete program",
                      str(panel))
                continue
            file = FILES[lang][snippet]
            expected = program_text(programs_dir, lang, snippet)
            check(panel["details"] == 1 and panel["id"] == f"complete-{lang}-{snippet}" and panel["open"] is False
                  and panel["summary"] == SUMMARY,
                  f"{where}: one closed details, id complete-{lang}-{snippet}, under the concise sample", str(
                      {k: panel[k] for k in ("details", "id", "open", "summary")}))
            specials = sum(expected.count(c) for c in "<&\"")
            check(panel["code"] == expected,
                  f"{where}: the complete program is exactly the exported {file} ({len(expected)} chars, "
                  f"{specials} of < & \")", page.first_difference(panel["code"] or "", expected))
            check(panel["codeClass"] and panel["codeClass"].split()[0] == panel["conciseClass"].split()[0],
                  f"{where}: the program is classed for highlighting as the concise sample is",
                  f"{panel['codeClass']} vs {panel['conciseClass']}")
            check(panel["href"] == f"programs/{lang}/{file}" and panel["download"] == file and panel["copies"] == 1,
                  f"{where}: a download link to programs/{lang}/{file} and one Copy button",
                  str({k: panel[k] for k in ("href", "download", "copies")}))
            expected_programs.append((set_index, snippet, lang, panel))
    stray = driver.execute_script("""
        return {lines: Array.from(document.querySelectorAll('main p, main li'))
                  .filter(p => p.textContent.trim().startsWith('Complete program')).map(p => p.textContent),
                hrefs: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))
                  .filter(h => h.includes('samples/') || h.includes('..'))};""")
    check(not stray["lines"] and not stray["hrefs"], f"{name}: the guide's link line shows nowhere", str(stray))

    # Each download is served beside the page and is exactly the exported file.
    for set_index, snippet, lang, panel in expected_programs:
        with urllib.request.urlopen(panel["url"], timeout=10) as response:
            served = response.read()
        expected = program_bytes(programs_dir, lang, snippet)
        check(served == expected and urllib.parse.urlparse(panel["url"]).path == f"/{name}/{panel['href']}",
              f"{name} set {set_index} {lang}: the download ({panel['href']}) is exactly the exported file",
              f"{len(served)} vs {len(expected)} bytes")

    # A click opens each program; its Copy button copies exactly it; a second click closes it.
    record_copies(driver)
    for set_index, snippet, lang, panel in expected_programs:
        where = f"{name} set {set_index} {lang}"
        driver.find_element(By.CSS_SELECTOR, f'#{found[set_index - 1]["id"]} [role="tab"][data-lang="{lang}"]').click()
        details = driver.find_element(By.ID, panel["id"])
        summary = details.find_element(By.CSS_SELECTOR, ":scope > summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
        check(not details_state(driver, panel["id"])["codeShown"], f"{where}: the program is hidden until opened")
        summary.click()
        st = details_state(driver, panel["id"])
        check(st["open"] and st["codeShown"], f"{where}: a click on the summary opens the program", str(st))
        button = details.find_element(By.CSS_SELECTOR, ".complete-program-body > button.copy")
        before = len(driver.execute_script("return window.__copied;"))
        button.click()
        WebDriverWait(driver, 5).until(lambda d: len(d.execute_script("return window.__copied;")) > before)
        copied = driver.execute_script("return window.__copied[window.__copied.length - 1];")
        expected = program_text(programs_dir, lang, snippet)
        check(copied == expected, f"{where}: the program's Copy button copies exactly the program",
              page.first_difference(copied, expected))
        said = WebDriverWait(driver, 3).until(lambda d: page.button_word(d, button) != "Copy"
                                              and page.button_word(d, button))
        check(said == "Copied", f"{where}: the program's Copy button says Copied", said)
        summary.click()
        check(not details_state(driver, panel["id"])["open"], f"{where}: a second click closes it")
    if expected_programs:
        # Its Copy button is named for the program, apart from the sample's own.
        names = driver.execute_script("""
            const d = document.getElementById(arguments[0]);
            return [d.closest('.sample').querySelector(':scope > button.copy').textContent,
                    d.querySelector('.complete-program-body > button.copy').textContent];""",
                                      expected_programs[0][3]["id"])
        check(names[0] != names[1] and "complete program" in names[1],
              f"{name}: the program's Copy button is named apart from the sample's", str(names))
    page.check_console_and_network(logs, port, f"{name}: opening and copying the programs", expect_requests=False)

    # Keyboard: Tab from the selected tab reaches the summary; Enter opens, Space closes.
    if expected_programs:
        set_index, snippet, lang, panel = expected_programs[0]
        driver.find_element(By.CSS_SELECTOR, f'#{found[set_index - 1]["id"]} [role="tab"][data-lang="{lang}"]').click()
        driver.execute_script("arguments[0].focus();", driver.find_element(
            By.CSS_SELECTOR, f'#{found[set_index - 1]["id"]} [role="tab"][aria-selected="true"]'))
        reached = False
        for _ in range(6):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            reached = driver.execute_script(
                "return document.activeElement === document.querySelector('#' + arguments[0] + ' > summary');",
                panel["id"])
            if reached:
                break
        check(reached, f"{name} set {set_index} {lang}: Tab from the tab list reaches the program's summary")
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        st = details_state(driver, panel["id"])
        check(st["open"] and st["codeShown"], f"{name} set {set_index} {lang}: Enter on the summary opens it", str(st))
        ActionChains(driver).send_keys(Keys.SPACE).perform()
        check(not details_state(driver, panel["id"])["open"],
              f"{name} set {set_index} {lang}: Space on the summary closes it")
        ActionChains(driver).send_keys(Keys.SPACE).perform()
        check(details_state(driver, panel["id"])["open"], f"{name} set {set_index} {lang}: Space opens it again")

    # A link to a program opens the page on its tab with the program open and in view; so does a
    # change of the hash on the open page. The last language of the last linked set: never the
    # set's first tab, so the tab must be chosen.
    if expected_programs:
        set_index, snippet, lang, panel = expected_programs[-1]
        driver.get("about:blank")
        driver.get(url)
        driver.execute_script("localStorage.clear();")
        driver.get("about:blank")
        driver.get(f"{url}#{panel['id']}")
        page.wait_for_tabs(driver)
        st = details_state(driver, panel["id"])
        check(st["open"] and st["codeShown"] and st["panelShown"] and st["selected"] == lang and st["inView"],
              f"{name}: opening the page at #{panel['id']} selects {lang}, opens its program, in view", str(st))
        others = [p for p in expected_programs if p[2] != lang]
        if others:
            other = others[0][3]
            driver.execute_script("window.location.hash = arguments[0];", other["id"])
            WebDriverWait(driver, 5).until(lambda d: details_state(d, other["id"])["open"])
            st = details_state(driver, other["id"])
            check(st["open"] and st["panelShown"] and st["selected"] == others[0][2] and st["inView"],
                  f"{name}: changing the hash to #{other['id']} selects {others[0][2]} and opens its program",
                  str(st))
        shot = os.path.join(output_dir, f"complete-program-{name}.png")
        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'});"
                              "window.scrollBy(0, -120);", panel["id"])
        driver.save_screenshot(shot)
        print(f"screenshot: {shot}")

        # Phone: an open program scrolls inside its box, never the page.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
        driver.get("about:blank")
        driver.get(f"{url}#{panel['id']}")
        page.wait_for_tabs(driver)
        size = driver.execute_script("""
            const pre = document.querySelector('#' + arguments[0] + ' pre');
            return {page: document.documentElement.scrollWidth, inner: window.innerWidth,
                    scrolls: pre.scrollWidth > pre.clientWidth, overflow: getComputedStyle(pre).overflowX};""",
                                     panel["id"])
        check(size["page"] <= size["inner"] and size["overflow"] in ("auto", "scroll"),
              f"{name}: at 375 px an open program scrolls in its box, not the page", str(size))
        shot = os.path.join(output_dir, f"complete-program-{name}-phone.png")
        driver.save_screenshot(shot)
        print(f"screenshot: {shot}")
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    page.check_console_and_network(logs, port, f"{name}: keyboard and links to programs")


@page.phase("the complete programs without JavaScript")
def test_without_javascript(base, name, linked_sets):
    driver = page.make_driver(javascript=False)
    try:
        driver.get(base + f"{name}/index.html")
        programs = driver.find_elements(By.CSS_SELECTOR, "details.complete-program")
        counts = [[len(p.find_elements(By.CSS_SELECTOR, ":scope > details.complete-program"))
                   for p in set_.find_elements(By.CSS_SELECTOR, ":scope > .sample")]
                  for set_ in driver.find_elements(By.CSS_SELECTOR, ".samples")]
        check(len(counts) == len(SNIPPETS) and all(
            all(n == (1 if linked(i, linked_sets) else 0) for n in set_counts) and set_counts
            for i, set_counts in enumerate(counts, start=1)) and len(programs) == sum(map(sum, counts)),
              f"{name} without JavaScript: every sample of a set that links has its program, no other",
              str(counts))
        shown = [d for d in programs if d.find_element(By.CSS_SELECTOR, ":scope > summary").is_displayed()]
        closed = [d for d in programs if d.get_attribute("open") is None]
        check(len(shown) == len(programs) and len(closed) == len(programs),
              f"{name} without JavaScript: all {len(programs)} programs closed, each summary shown")
        if programs:
            details = programs[-1]
            summary = details.find_element(By.CSS_SELECTOR, ":scope > summary")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
            summary.click()
            code = details.find_element(By.CSS_SELECTOR, ".complete-program-body > pre")
            link = details.find_element(By.CSS_SELECTOR, "a[download]")
            check(details.get_attribute("open") is not None and code.is_displayed() and link.is_displayed(),
                  f"{name} without JavaScript: a click opens a program, its code and download link shown")
        check(not driver.find_elements(By.CSS_SELECTOR, "button.copy"),
              f"{name} without JavaScript: no Copy buttons")
    finally:
        driver.quit()


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2])
    output_dir, programs_dir = (os.path.abspath(p) for p in sys.argv[1:3])
    sites = {}
    for argument in sys.argv[3:]:
        name, rest = argument.split("=", 1)
        folder, _, numbers = rest.partition(":")
        sites[name] = (folder, {int(n) for n in numbers.split(",") if n} if numbers else None)
    os.makedirs(output_dir, exist_ok=True)
    root = tempfile.mkdtemp(prefix="complete-program-browser-test-")
    server = driver = None
    try:
        for name, (folder, _) in sites.items():
            shutil.copytree(folder, os.path.join(root, name))
        server = page.serve(root)
        port = server.server_address[1]
        base = f"http://127.0.0.1:{port}/"
        driver = page.make_driver()
        logs = page.Logs(driver)
        for name, (_, linked_sets) in sites.items():
            test_site(driver, logs, base, port, name, programs_dir, linked_sets, output_dir)
        driver.quit()
        driver = None
        for name, (_, linked_sets) in sites.items():
            test_without_javascript(base, name, linked_sets)
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

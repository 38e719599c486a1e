#!/usr/bin/env python3
"""The guide in docs-platform tab markup, built by the platform itself and checked in Chromium.

Usage: python3 docs_platform_test.py FORM SOURCE_DIR OUTPUT_DIR GOLDEN_DIR
  FORM        mkdocs (MkDocs Material content tabs) or sphinx (MyST + sphinx-design tab sets)
  SOURCE_DIR  a copy of docs-site/mkdocs or docs-site/sphinx, filled by gen

Builds the site (`mkdocs build --strict`, `sphinx-build -W`: any warning fails), serves it from
127.0.0.1, and checks in headless Chromium that every tab set holds each language's sample exactly
as the golden file has it, and that choosing a language in one tab set chooses it in every tab set
of the page. Prints one line per check ("ok - ..." / "not ok - ..."), exits 1 if any fails.
"""
import functools
import http.server
import os
import subprocess
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
EXTENSIONS = {"curl": "sh", "python": "py", "javascript": "mjs", "php": "php", "ruby": "rb", "go": "go",
              "java": "java", "swift": "swift"}
DISPLAY = {"curl": "curl", "python": "Python", "javascript": "JavaScript", "php": "PHP", "ruby": "Ruby", "go": "Go",
           "java": "Java", "swift": "Swift"}
# The converted guide's tabs: the export's three, then the ones gen adds, in the configured order.
SETS = [
    ("token-request", ["python", "javascript", "php", "curl", "ruby", "go", "java", "swift"]),
    ("token-refresh", ["python", "javascript", "php", "ruby", "go", "java", "swift"]),
]
# Per form: a tab set, its labels, its inputs, and the code in a tab's content.
SELECTORS = {
    "mkdocs": (".tabbed-set", ".tabbed-labels > label", ":scope > input", ".tabbed-block pre code"),
    "sphinx": (".sd-tab-set", ":scope > label.sd-tab-label", ":scope > input", ".sd-tab-content pre"),
}

failures = 0


def check(condition, description, detail=""):
    global failures
    print(("ok - " if condition else "not ok - ") + description + ("" if condition or not detail else f": {detail}"))
    if not condition:
        failures += 1


def golden(golden_dir, snippet, language):
    # The pages show the concise form; its complete program is one click away.
    with open(os.path.join(golden_dir, language, f"{snippet}.concise.{EXTENSIONS[language]}"), encoding="utf-8") as file:
        text = file.read()
    return text[:-1] if text.endswith("\n") else text


def build(form, source, output):
    if form == "mkdocs":
        command = ["mkdocs", "build", "--strict", "-f", os.path.join(source, "mkdocs.yml"), "-d", output]
    else:
        command = ["sphinx-build", "-W", "--keep-going", "-q", "-b", "html", source, output]
    result = subprocess.run(command, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    check(result.returncode == 0, f"{' '.join(command[:3])} builds without a warning", result.stdout + result.stderr)
    return result.returncode == 0


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    form, source, output, golden_dir = sys.argv[1:5]
    if not build(form, source, output):
        return 1
    server = serve(output)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--no-first-run"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        set_selector, label_selector, input_selector, code_selector = SELECTORS[form]
        WebDriverWait(driver, 15).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && document.querySelectorAll(arguments[0]).length >= 2",
            set_selector))
        # Each set's tab titles and the code each tab holds.
        sets = driver.execute_script("""
            const [setSelector, labelSelector, codeSelector] = arguments;
            return Array.from(document.querySelectorAll(setSelector)).map(set => ({
                labels: Array.from(set.querySelectorAll(labelSelector)).map(l => l.textContent.trim()),
                code: Array.from(set.querySelectorAll(codeSelector)).map(c => c.textContent),
            }));""", set_selector, label_selector, code_selector)
        check(len(sets) == len(SETS), f"the page has {len(SETS)} tab sets", f"{len(sets)}")
        for (snippet, languages), found in zip(SETS, sets):
            check(found["labels"] == [DISPLAY[l] for l in languages], f"{snippet}: the tabs are {languages}",
                  f"{found['labels']}")
            for language, code in zip(languages, found["code"]):
                code = code[:-1] if code.endswith("\n") else code
                expected = golden(golden_dir, snippet, language)
                if form == "mkdocs":
                    # Python-Markdown expands every tab of a page to spaces (tab_length 4) before
                    # it parses anything, code blocks included: Go's tabs show as spaces.
                    expected = expected.expandtabs(4)
                check(code == expected,
                      f"{snippet}/{language}: the page shows the sample byte for byte",
                      f"{code[:80]!r}…")
        # Choosing a language in the first set chooses it in every set that has it.
        for language in ["ruby", "swift", "php", "go", "curl"]:
            driver.execute_script("""
                const [setSelector, labelSelector, title] = arguments;
                const label = Array.from(document.querySelector(setSelector).querySelectorAll(labelSelector))
                    .find(l => l.textContent.trim() === title);
                label.click();""", set_selector, label_selector, DISPLAY[language])
            selected = driver.execute_script("""
                const [setSelector, inputSelector] = arguments;
                return Array.from(document.querySelectorAll(setSelector)).map(set => {
                    const input = Array.from(set.querySelectorAll(inputSelector)).find(i => i.checked);
                    const label = input && set.querySelector(`label[for="${input.id}"]`);
                    return label ? label.textContent.trim() : null;
                });""", set_selector, input_selector)
            expected = [DISPLAY[language] if language in languages else selected[index]
                        for index, (_, languages) in enumerate(SETS)]
            check(selected[0] == DISPLAY[language] and selected == expected,
                  f"choosing {DISPLAY[language]} in one tab set chooses it in every set that has it", f"{selected}")
    finally:
        driver.quit()
        server.shutdown()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

// SampleGen guide site: turns each stacked set of code samples (and each tab set of the guide)
// into tabs (one language chosen for the whole page, remembered in localStorage), adds a Copy
// button per sample and per complete program (the <details> under a concise sample), and
// highlights the code when highlight.js is present. A link to a complete program
// (#complete-python-token-request) selects its tab and opens it. No dependencies; nothing is
// fetched.
(() => {
  "use strict";

  const STORAGE_KEY = "samplegen-language";
  const sets = []; // { tabs: HTMLButtonElement[], panels: HTMLElement[] }
  let status = null; // live region announcing copy results to screen readers
  let configured = false; // highlight.js options set

  const stored = {
    get() {
      try { return window.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
    },
    set(lang) {
      try { window.localStorage.setItem(STORAGE_KEY, lang); } catch (e) { /* disabled or full */ }
    },
  };

  // Selects `lang` in every set that has it; a set without it keeps its selection.
  function select(lang) {
    for (const set of sets) {
      const index = set.tabs.findIndex((tab) => tab.dataset.lang === lang);
      if (index >= 0) selectIn(set, index);
    }
  }

  function selectIn(set, index) {
    set.tabs.forEach((tab, i) => {
      const on = i === index;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      set.panels[i].hidden = !on;
      if (on) reveal(tab);
    });
  }

  // Scrolls a narrow tab list sideways (only it, never the page) to show the selected tab.
  function reveal(tab) {
    const list = tab.parentElement;
    if (list.scrollWidth <= list.clientWidth) return;
    const box = list.getBoundingClientRect();
    const rect = tab.getBoundingClientRect();
    if (rect.left < box.left) list.scrollLeft -= box.left - rect.left;
    else if (rect.right > box.right) list.scrollLeft += rect.right - box.right;
  }

  // A user's choice: select everywhere and remember it, keeping `tab` where it is on screen
  // (the sets above it change height when their language changes).
  function choose(tab) {
    const before = tab.getBoundingClientRect().top;
    select(tab.dataset.lang);
    stored.set(tab.dataset.lang);
    const shift = tab.getBoundingClientRect().top - before;
    if (shift !== 0) window.scrollBy(0, shift);
  }

  function onKeydown(event, tabs) {
    const index = tabs.indexOf(event.target);
    if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    let next;
    switch (event.key) {
      case "ArrowRight": next = (index + 1) % tabs.length; break;
      case "ArrowLeft": next = (index - 1 + tabs.length) % tabs.length; break;
      case "Home": next = 0; break;
      case "End": next = tabs.length - 1; break;
      default: return;
    }
    event.preventDefault();
    choose(tabs[next]);
    tabs[next].focus();
  }

  function announce(message) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(() => { status.textContent = message; }, 50);
  }

  function copyWithTextarea(text) {
    const active = document.activeElement;
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.cssText = "position:fixed;top:0;left:-9999px;opacity:0";
    document.body.appendChild(area);
    let ok = false;
    try {
      area.select();
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    if (active && typeof active.focus === "function") active.focus();
    return ok;
  }

  async function copyText(text) {
    try {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (e) { /* not allowed or not focused: try the old way */ }
    return copyWithTextarea(text);
  }

  // `what` names the code for screen readers: "Python code", "Python complete program".
  function addCopyButton(panel, text, what) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    const word = document.createElement("span");
    word.textContent = "Copy";
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` ${what}`;
    button.append(word, hidden);
    let timer = 0;
    button.addEventListener("click", () => {
      copyText(text).then((ok) => {
        word.textContent = ok ? "Copied" : "Failed";
        button.classList.toggle("is-copied", ok);
        button.classList.toggle("is-failed", !ok);
        announce(ok ? `${what} copied to the clipboard` : "Copying failed; select the code and copy it");
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          word.textContent = "Copy";
          button.classList.remove("is-copied", "is-failed");
        }, 1600);
      }).catch(() => { /* never reached: copyText does not reject */ });
    });
    panel.insertBefore(button, panel.firstChild);
  }

  function highlight(code) {
    const hljs = window.hljs;
    if (!hljs || typeof hljs !== "object") return;
    if (!configured && typeof hljs.highlightElement !== "function" && typeof hljs.configure === "function") {
      // v9 logs an end-of-life notice on first use; this option (v9 only) silences it.
      try { hljs.configure({ hideUpgradeWarningAcceptNoSupportOrSecurityUpdates: true }); } catch (e) { /* */ }
    }
    configured = true;
    const lang = (/\blanguage-([\w-]+)/.exec(code.className) || [])[1];
    try {
      if (lang && typeof hljs.getLanguage === "function" && !hljs.getLanguage(lang)) return;
      if (typeof hljs.highlightElement === "function") hljs.highlightElement(code); // v10.7+, v11
      else if (typeof hljs.highlightBlock === "function") hljs.highlightBlock(code); // v9, v10
    } catch (e) { /* leave the block plain */ }
  }

  function setUp(container, setIndex) {
    const panels = Array.from(container.children).filter((el) => el.classList.contains("sample"));
    if (panels.length === 0 || container.classList.contains("is-tabbed")) return;
    if (!container.id) container.id = `samples-${setIndex + 1}`;

    const tablist = document.createElement("div");
    tablist.setAttribute("role", "tablist");
    // A set of tabs that holds no code (a guide's own tab set of text) says so.
    tablist.setAttribute("aria-label", container.dataset.tabsLabel || "Code samples");
    tablist.className = "sample-tabs";

    const tabs = panels.map((panel, i) => {
      const lang = panel.dataset.lang || `sample-${i + 1}`;
      const label = panel.dataset.label || lang;
      if (!panel.id) panel.id = `${container.id}-${lang}`;

      const tab = document.createElement("button");
      tab.type = "button";
      tab.id = `${panel.id}-tab`;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.setAttribute("aria-selected", "false");
      tab.tabIndex = -1;
      tab.dataset.lang = lang;
      tab.textContent = label;
      tab.addEventListener("click", () => choose(tab));
      tablist.appendChild(tab);

      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      panel.hidden = true;
      for (const el of panel.children) {
        if (el.classList.contains("sample-label")) el.hidden = true;
      }

      // A sample's code; a panel of text (a guide's "Output" tab, a note) has no Copy button.
      const code = panel.classList.contains("sample-text") ? null : panel.querySelector(":scope > pre > code");
      if (code) {
        addCopyButton(panel, code.textContent, `${label} code`); // the text as rendered, before highlighting
        highlight(code);
      }
      return tab;
    });

    tablist.addEventListener("keydown", (event) => onKeydown(event, tabs));
    const bar = document.createElement("div");
    bar.className = "sample-bar";
    bar.appendChild(tablist);
    container.insertBefore(bar, container.firstChild);
    container.classList.add("is-tabbed");
    const set = { tabs, panels };
    sets.push(set);
    selectIn(set, 0); // the default, until the stored language is applied
  }

  // A complete program under a concise sample: a native <details> (it opens without script);
  // its code gets a Copy button of its own, above the code, and is highlighted.
  function setUpProgram(details) {
    const body = details.querySelector(":scope > .complete-program-body");
    const code = body ? body.querySelector(":scope > pre > code") : null;
    if (!code || body.querySelector(":scope > button.copy")) return;
    const label = details.dataset.label ? `${details.dataset.label} complete program` : "complete program";
    addCopyButton(body, code.textContent, label);
    highlight(code);
  }

  // A link to a sample (#samples-1-php) or its tab shows that sample; a link to a complete
  // program (#complete-python-token-request) shows its sample and opens it.
  function showHashTarget() {
    let target = null;
    try {
      target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    } catch (e) { return; }
    const panel = target && target.closest ? target.closest('[role="tabpanel"]') : null;
    const tab = target && target.getAttribute("role") === "tab" ? target : null;
    const lang = tab ? tab.dataset.lang : panel ? panel.dataset.lang : null;
    if (lang) select(lang);
    const program = target && target.closest ? target.closest("details.complete-program") : null;
    if (program) {
      program.open = true;
      // The browser scrolled before the tab was chosen, when the program may have been hidden.
      program.scrollIntoView({ block: "start" });
    }
  }

  function init() {
    document.querySelectorAll("details.complete-program").forEach(setUpProgram);
    const containers = document.querySelectorAll(".samples");
    containers.forEach(setUp);
    const saved = stored.get();
    if (saved) select(saved);
    showHashTarget();
    window.addEventListener("hashchange", showHashTarget);

    status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

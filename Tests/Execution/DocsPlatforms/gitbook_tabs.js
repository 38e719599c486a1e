// GitBook tab pages as their Markdown parses: markdown-it (HTML on) reads the page, and the
// {% tabs %} / {% tab title="…" %} / {% endtab %} / {% endtabs %} tags are read from the lines of
// its text (paragraphs), never from code. For each file, each tab group with each tab's title, its
// fences (info string and code) and any other text in it — so a fence that Markdown swallowed into
// a paragraph, or a tag inside code, shows.
//
// Usage: NODE_PATH=/usr/share/nodejs node gitbook_tabs.js FILE... > JSON
'use strict';
const fs = require('fs');
const markdownit = require('markdown-it');

const md = markdownit({ html: true });

function page(path) {
  const tokens = md.parse(fs.readFileSync(path, 'utf8'), {});
  const groups = [];
  let group = null;
  let tab = null;
  for (const token of tokens) {
    if (token.type === 'fence' || token.type === 'code_block') {
      if (tab) tab.fences.push({ info: token.info, code: token.content });
      continue;
    }
    if (token.type !== 'inline' && token.type !== 'html_block') continue;
    for (const line of token.content.split('\n')) {
      const tag = line.trim().match(/^\{%\s*(\w+)(.*?)%\}$/);
      if (!tag) {
        if (tab && line.trim()) tab.text.push(line.trim());
        continue;
      }
      const [, name, rest] = tag;
      if (name === 'tabs') {
        group = { tabs: [] };
        groups.push(group);
      } else if (name === 'tab' && group) {
        const title = rest.match(/title="([^"]*)"/);
        tab = { title: title ? title[1] : '', fences: [], text: [] };
        group.tabs.push(tab);
      } else if (name === 'endtab') tab = null;
      else if (name === 'endtabs') group = null;
    }
  }
  return groups;
}

process.stdout.write(JSON.stringify(process.argv.slice(2).map(page)));

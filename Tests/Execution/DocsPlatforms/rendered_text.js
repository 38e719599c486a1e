// A page as markdown-it renders it with HTML on (as VitePress and GitBook's Markdown import
// have it): for each file, its fences (info string and code), its HTML blocks, and the text a
// reader sees — the rendered HTML with its comments and tags taken out.
//
// Usage: NODE_PATH=/usr/share/nodejs node rendered_text.js FILE... > JSON
'use strict';
const fs = require('fs');
const markdownit = require('markdown-it');

const md = markdownit({ html: true });
const pages = process.argv.slice(2).map((path) => {
  const text = fs.readFileSync(path, 'utf8');
  const tokens = md.parse(text, {});
  const html = md.render(text);
  const visible = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<pre><code[^>]*>[\s\S]*?<\/code><\/pre>/g, '')
    .replace(/<[^>]*>/g, '');
  return {
    fences: tokens.filter((t) => t.type === 'fence').map((t) => ({ info: t.info, code: t.content })),
    htmlBlocks: tokens.filter((t) => t.type === 'html_block').map((t) => t.content),
    visible,
  };
});
process.stdout.write(JSON.stringify(pages));

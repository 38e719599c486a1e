// Docusaurus tab pages read as MDX reads them, as far as the parsers here can: markdown-it (HTML
// on) splits the page into its JSX lines (HTML blocks), fences and text, as MDX splits flow JSX
// from Markdown; each fence becomes a <pre data-info=… data-code=…/> element in its place, and
// the JSX lines with those elements are parsed by TypeScript's TSX parser. So this checks that the
// tags gen writes and keeps are well-formed, balanced JSX, that each fence sits inside the
// <TabItem> it belongs to, and what each tab's value and label are; and it parses the `import`
// lines as a module. A Mintlify <CodeGroup> is read the same way, its MDX comments ({/* … */},
// paragraphs to markdown-it) kept in place as the JSX expressions they are: a comment-only
// expression renders nothing. It does not run MDX's own parser (micromark's mdx-jsx), which is
// not here.
//
// Usage: NODE_PATH=/usr/share/nodejs node mdx_tabs.js FILE... > JSON
'use strict';
const fs = require('fs');
const ts = require('typescript');
const markdownit = require('markdown-it');

const md = markdownit({ html: true });

function attribute(element, name) {
  const found = element.attributes.properties.find((p) => p.name && p.name.text === name);
  if (!found || !found.initializer) return null;
  const value = found.initializer;
  return ts.isJsxExpression(value) ? value.expression.text : value.text;
}

function page(path) {
  const text = fs.readFileSync(path, 'utf8');
  const tokens = md.parse(text, {});
  const imports = [];
  let jsx = '';
  for (const token of tokens) {
    if (token.type === 'html_block') jsx += token.content;
    else if (token.type === 'fence') {
      jsx += `<pre data-info=${JSON.stringify(token.info)} data-code={${JSON.stringify(token.content)}} />\n`;
    } else if (token.type === 'inline' && /^import /.test(token.content)) imports.push(token.content);
    // An MDX expression ({/* … */}) is JSX, kept in its place.
    else if (token.type === 'inline' && token.content.trim().startsWith('{')) jsx += token.content + '\n';
  }
  const source = ts.createSourceFile('page.tsx', `const page = <>\n${jsx}</>;\n`, ts.ScriptTarget.Latest, true,
    ts.ScriptKind.TSX);
  const module = ts.createSourceFile('imports.ts', imports.join('\n'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const groups = [];
  const codeGroups = [];
  function visit(node, group) {
    if (ts.isJsxElement(node)) {
      const name = node.openingElement.tagName.getText(source);
      if (name === 'CodeGroup') {
        // Mintlify: each fence a tab; what else in it would render (an expression that is more
        // than a comment, or text).
        const fences = [];
        const rendered = [];
        for (const child of node.children) {
          if (ts.isJsxSelfClosingElement(child) && child.tagName.getText(source) === 'pre') {
            fences.push({ info: attribute(child, 'data-info'), code: attribute(child, 'data-code') });
          } else if (ts.isJsxExpression(child) && child.expression) rendered.push(child.getText(source));
          else if (ts.isJsxText(child) && child.text.trim()) rendered.push(child.text.trim());
          else if (ts.isJsxElement(child) || ts.isJsxSelfClosingElement(child)) rendered.push(child.getText(source));
        }
        codeGroups.push({ fences, rendered });
        return;
      }
      if (name === 'Tabs') {
        group = { groupId: attribute(node.openingElement, 'groupId'), tabs: [] };
        groups.push(group);
      } else if (name === 'TabItem' && group) {
        const pres = [];
        (function find(child) {
          if (ts.isJsxSelfClosingElement(child) && child.tagName.getText(source) === 'pre') pres.push(child);
          ts.forEachChild(child, find);
        })(node);
        group.tabs.push({
          value: attribute(node.openingElement, 'value'),
          label: attribute(node.openingElement, 'label'),
          fences: pres.map((pre) => ({ info: attribute(pre, 'data-info'), code: attribute(pre, 'data-code') })),
        });
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, group));
  }
  visit(source, null);
  return {
    jsxErrors: source.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    importErrors: module.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    imported: module.statements.filter(ts.isImportDeclaration).map((s) => s.importClause.name.text),
    groups,
    codeGroups,
  };
}

process.stdout.write(JSON.stringify(process.argv.slice(2).map(page)));

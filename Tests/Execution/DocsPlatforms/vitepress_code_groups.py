"""VitePress code groups as VitePress reads them, for the tests of gen's VitePress form.

markdown-it-py with mdit-py-plugins' container plugin (the port of markdown-it-container, which
VitePress registers for `::: code-group`), HTML on as VitePress has it. For each file, prints one
list per code-group container: its tabs, each titled as VitePress' extractTitle titles it (the
`[...]` of a fence's info string, else its language; an HTML block by its data-title, comments
removed, and no tab without one), with the fence's code; and whether any other block in the group
shows text (a comment does not).

Usage: python3 vitepress_code_groups.py FILE... > JSON
"""

import json
import re
import sys

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin


def title(token):
    if token.type == "html_block":
        match = re.search(r'data-title="(.*?)"', re.sub(r"<!--[\s\S]*?-->", "", token.content))
        return match.group(1) if match else ""
    match = re.search(r"\[(.*)\]", token.info)
    if match:
        return match.group(1)
    return token.info.strip().split(" ")[0] or "txt"


def groups(text):
    md = MarkdownIt("commonmark", {"html": True}).use(container_plugin, "code-group")
    tokens = md.parse(text)
    found = []
    current = None
    for token in tokens:
        if token.type == "container_code-group_open":
            current = {"titles": [], "codes": [], "infos": [], "shown": []}
        elif token.type == "container_code-group_close":
            found.append(current)
            current = None
        elif current is not None:
            if token.type == "fence" or token.type == "html_block":
                name = title(token)
                if name:
                    current["titles"].append(name)
                    current["codes"].append(token.content)
                    current["infos"].append(token.info)
                elif token.type == "html_block" and re.sub(r"<!--[\s\S]*?-->", "", token.content).strip():
                    current["shown"].append(token.content)
            elif token.type == "inline" and token.content.strip():
                current["shown"].append(token.content)
    return found


print(json.dumps([groups(open(path, encoding="utf-8").read()) for path in sys.argv[1:]]))

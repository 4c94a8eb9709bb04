"""Front matter: the YAML between a first line '---' and the next line that is '---'.

Written for minutes rather than taken from mdit_py_plugins, whose rule also ends the front
matter at an indented '---', a longer '-----' or a YAML '...': an indented '---' inside a
`private: |` note would end it there and publish the rest of the note as minutes. Here the
front matter ends only at a line that is exactly '---' at column 0 (trailing spaces aside,
which YAML ignores too). Without such a line there is no front matter, and the parse stage
says so.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_FENCE = re.compile(r"---[ \t]*")


def front_matter_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "front_matter", _front_matter)


def _raw_line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] : state.eMarks[line]]


def front_matter_length(lines: list[str]) -> int:
    """How many of `lines` the front matter takes, its two '---' lines included (0: none)."""
    if not lines or not _FENCE.fullmatch(lines[0]):
        return 0
    return next((n + 1 for n in range(1, len(lines)) if _FENCE.fullmatch(lines[n])), 0)


def _front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if start != 0 or state.env.get("line_offset") or not _FENCE.fullmatch(_raw_line(state, 0)):
        return False
    close = next((n for n in range(1, end) if _FENCE.fullmatch(_raw_line(state, n))), None)
    if close is None:
        return False
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.markup = "---"
    token.block = True
    token.content = state.src[state.bMarks[1] : state.bMarks[close]]
    token.map = [0, close + 1]
    state.line = close + 1
    return True

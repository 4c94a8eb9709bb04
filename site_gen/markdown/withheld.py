"""Withheld blocks: parts of the minutes that must never be published.

    ::: exempt Exempt under paragraph 3 of Schedule 12A
    ## Agenda Item 5: Staffing
    ... text, actions ...
    :::

- `exempt REASON`: the public page shows the item's title (its first heading) and the reason;
- `confidential REASON`: the page shows only that an item was taken in private, and why;
- `private`: a note for the record keepers; nothing at all is shown.

The block's text never enters the page's tokens: it is parsed on its own, only to count the
actions raised in it, then dropped. Mistakes fail closed: a block with no closing `:::` is
withheld to the end of the file, and a misspelt kind (`::: exmept`) is withheld and reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.slugs import slugify, unique_slug

from .action_refs import Env, env_list
from .problems import ENV_KEY as PROBLEMS_KEY
from .problems import report
from .raw_html import strip_comments

KINDS = ("exempt", "confidential", "private")
_FENCE = re.compile(r"^(:{3,})\s*(\S*)\s*(.*?)\s*$")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})")
# A fence line that some other block swallowed (an HTML or indented code block).
_STRAY_FENCE = re.compile(r"^\s*:{3,}\s*\w", re.MULTILINE)


@dataclass(frozen=True)
class WithheldItem:
    kind: str  # one of KINDS
    reason: str
    title: str  # the first heading inside; shown only for "exempt"
    anchor: str  # id of the stub on the page ("" for private notes, which have none)
    line: int  # 1-based line of the opening fence
    action_ids: tuple[str | None, ...]  # the actions raised inside: counted, never described
    decision_ids: tuple[str | None, ...] = ()  # the decisions taken inside: the same


def withheld_plugin(md: MarkdownIt) -> None:
    # Before "fence" and allowed to interrupt a paragraph or list: a ":::" line straight after
    # text must still open a withheld block, or the text under it would be published.
    md.block.ruler.before(
        "fence",
        "withheld",
        _withheld_block,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.add_render_rule("withheld", _render_withheld)
    md.core.ruler.push("stray_withheld_fences", _stray_fences)


def _stray_fences(state: StateCore) -> None:
    """A ':::' line inside an HTML or indented code block opens nothing: its text would be
    published. Stop the build rather than guess."""
    for token in state.tokens:
        if token.type in ("html_block", "code_block") and _STRAY_FENCE.search(token.content):
            line = (token.map[0] + 1 if token.map else 1) + state.env.get("line_offset", 0)
            report(
                state.env,
                line,
                "error",
                "a ':::' line inside an HTML or indented block does not withhold anything",
                "put the ':::' line at the start of a line, after a blank line, unindented",
                code="withheld-misplaced",
            )


def _line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _closing_line(state: StateBlock, start: int, end: int) -> int | None:
    """The line of the ":::" that closes the block opened at `start`, counting nested blocks.

    A ":::" inside a code fence is code, not the end of the block.
    """
    depth = 1
    code_fence = ""
    for line in range(start + 1, end):
        text = _line_text(state, line)
        fence = _CODE_FENCE.match(text)
        if fence and (not code_fence or fence.group(1).startswith(code_fence)):
            code_fence = "" if code_fence else fence.group(1)
            continue
        match = None if code_fence else _FENCE.match(text)
        if not match:
            continue
        if match.group(2):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return line
    return None


def _withheld_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False  # an indented code block
    match = _FENCE.match(_line_text(state, start))
    if not match or not match.group(2):
        return False
    if silent:
        return True
    kind, reason = match.group(2).lower(), strip_comments(match.group(3)).strip()
    close = _closing_line(state, start, end)
    last = close if close is not None else end
    inner = state.src[state.bMarks[start + 1] : state.eMarks[last - 1]] if last > start + 1 else ""
    line = start + 1 + state.env.get("line_offset", 0)
    if close is None:
        report(
            state.env,
            line,
            "warning",
            f"'::: {kind}' block is not closed: everything after it is withheld",
            "end the block with a line ':::'",
            code="withheld-unclosed",
        )
    if kind not in KINDS:
        report(
            state.env,
            line,
            "error",
            f"unknown kind of withheld block '::: {kind}'",
            "use '::: exempt REASON', '::: confidential REASON' or '::: private'",
            code="withheld-unknown-kind",
        )
        kind = "private"  # withhold it all, title included, until the author fixes it
    elif kind != "private" and not reason:
        report(
            state.env,
            line,
            "error",
            f"'::: {kind}' needs a reason",
            f"write it after the word: '::: {kind} Exempt under paragraph 3 of Schedule 12A'",
            code="withheld-no-reason",
        )

    item = _summarise(state, kind, reason, inner, line)
    env_list(state.env, "withheld").append(item)
    token = state.push("withheld", "section", 0)
    token.map = [start, last + 1 if close is not None else last]
    token.meta = {"item": item}
    state.line = last + 1 if close is not None else last
    return True


def _summarise(state: StateBlock, kind: str, reason: str, inner: str, line: int) -> WithheldItem:
    """Parse the withheld text on its own, to count its actions and find its title."""
    sub_env: dict[str, Any] = {"line_offset": line}
    tokens = state.md.parse(inner, sub_env)
    # The title from the heading's parsed text: comments and markup already gone.
    title = next(
        (
            "".join(c.content for c in t.children or [] if c.type in ("text", "code_inline"))
            for a, t in pairwise(tokens)
            if a.type == "heading_open" and t.type == "inline"
        ),
        "",
    ).strip()
    actions = tuple(a.action_id for a in sub_env.get("actions", []))
    decisions = tuple(d.decision_id for d in sub_env.get("decisions", []))
    # Nested withheld blocks count too; their problems are the document's problems.
    for nested in sub_env.get("withheld", []):
        actions += nested.action_ids
        decisions += nested.decision_ids
    env_list(state.env, PROBLEMS_KEY).extend(sub_env.get(PROBLEMS_KEY, []))
    if kind == "private":
        anchor = ""
    else:
        base = f"exempt-{slugify(title)}" if kind == "exempt" and title else f"{kind}-item"
        anchor = unique_slug(base, state.env.setdefault("withheld_anchors", set()))
    title = title if kind == "exempt" else ""
    return WithheldItem(kind, reason, title, anchor, line, actions, decisions)


def _render_withheld(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env) -> str:
    item: WithheldItem = tokens[idx].meta["item"]
    if item.kind == "private":
        return ""
    heading = escapeHtml(item.title) if item.title else "Item taken in private"
    count = len(item.action_ids)
    actions = (
        f" {count} action{'s were' if count != 1 else ' was'} raised under it and "
        f"{'are' if count != 1 else 'is'} not published."
        if count
        else ""
    )
    taken = len(item.decision_ids)
    if taken:
        actions += (
            f" {taken} decision{'s were' if taken != 1 else ' was'} taken under it and "
            f"{'are' if taken != 1 else 'is'} not published."
        )
    return (
        f'<section class="withheld withheld-{item.kind}" aria-labelledby="{item.anchor}">\n'
        f'<h2 id="{item.anchor}">{heading}</h2>\n'
        f'<p class="withheld-note">This item is not published. '
        f"Reason: {escapeHtml(item.reason.rstrip('.'))}.{actions}</p>\n</section>\n"
    )

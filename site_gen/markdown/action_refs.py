"""Turn references to actions in prose ("action 2.4", "actions 1.5, 1.8 and 2.3") into links.

Also home to the helpers both action plugins share: the action id pattern, the href
resolution from `env`, and splitting a text token around a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isLinkClose, isLinkOpen
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.conventions.action_text import ACTION_ID
from site_gen.slugs import unique_slug

# One id in running prose, not glued to more letters or digits ("1.10" is never "1.1").
_REF_ID = rf"{ACTION_ID}(?!\w|\.\d)"
REF_SEP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*&\s*)"
_REF_PHRASE = re.compile(rf"\b(?i:actions?)\s+{_REF_ID}(?:{REF_SEP}{_REF_ID})*")
_REF_ID_RE = re.compile(_REF_ID)
# Cheap test on an inline token's source before walking its children.
_PRETEST = re.compile(r"(?i:action)")

Env = MutableMapping[str, Any]
Span = tuple[int, int, str]  # start, end, action id


@dataclass(frozen=True)
class ActionRef:
    """A mention of an action somewhere in the prose."""

    line: int  # 1-based line of the reference in the document
    action_id: str
    section: str = ""  # id of the agenda item (## heading) it is under, if any


def action_href(env: Env, action_id: str) -> str:
    """The href for an action id: the caller's `env["action_href"]`, else an in-page anchor."""
    resolve: Callable[[str], str] | None = env.get("action_href")
    if resolve is not None:
        return resolve(action_id)
    return "#action-" + action_id.replace(".", "-")


def env_list(env: Env, key: str) -> list[Any]:
    """The list at `env[key]`, created if missing, for plugins to append their findings to."""
    found: list[Any] = env.setdefault(key, [])
    return found


def split_with_links(
    token: Token,
    spans: Iterable[Span],
    env: Env,
    css_class: str,
    href: Callable[[str], str] | None = None,
    meta_key: str = "action_id",
) -> list[Token]:
    """Replace text `token` by text/link nodes, wrapping each (start, end, id) span in a link.

    Links go to `href(id)` (by default the action's page, see `action_href`), and carry the
    id in their meta under `meta_key`.
    """
    text, level = token.content, token.level
    nodes: list[Token] = []
    pos = 0
    for start, end, target_id in spans:
        if start > pos:
            nodes.append(_text(text[pos:start], level))
        url = href(target_id) if href else action_href(env, target_id)
        nodes.extend(_link(text[start:end], target_id, level, url, css_class, meta_key))
        pos = end
    if pos < len(text):
        nodes.append(_text(text[pos:], level))
    return nodes


def _text(content: str, level: int) -> Token:
    token = Token("text", "", 0, content=content)
    token.level = level
    return token


def _link(
    content: str, target_id: str, level: int, href: str, css_class: str, meta_key: str
) -> list[Token]:
    attrs: dict[str, str | int | float] = {"href": href, "class": css_class}
    # meta lets later code (or the renderer) tell action and decision links from ordinary ones.
    meta = {meta_key: target_id}
    link_open = Token("link_open", "a", 1, attrs=attrs, meta=meta, level=level)
    link_close = Token("link_close", "a", -1, meta=meta, level=level)
    return [link_open, _text(content, level + 1), link_close]


def claim_anchors(bases: Sequence[str], numbered: Sequence[bool]) -> list[str]:
    """Unique anchors for a document's items, in order, from each item's base anchor.

    Numbered items first claim their own base ("action-3-1", "decision-d3-1": what
    references link to), so neither a slug of words nor a repeated id written earlier can
    take it; the rest get -2, -3 ... suffixes.
    """
    taken: set[str] = set()
    anchors = [""] * len(bases)
    for index, (base, has_id) in enumerate(zip(bases, numbered, strict=True)):
        if has_id and base not in taken:
            taken.add(base)
            anchors[index] = base
    return [anchor or unique_slug(base, taken) for anchor, base in zip(anchors, bases, strict=True)]


def action_refs_plugin(md: MarkdownIt) -> None:
    """Link every "action N.N" / "actions N.N, N.N and N.N" phrase; record them in env."""
    # After text_join so each run of prose is one text token; after action_lists (when
    # used) so the lists' own id links exist and are skipped as links.
    rules = md.core.ruler.get_all_rules()
    if "action_lists" in rules:
        md.core.ruler.after("action_lists", "action_refs", _action_refs_rule)
    else:
        md.core.ruler.push("action_refs", _action_refs_rule)


def _action_refs_rule(state: StateCore) -> None:
    refs: list[ActionRef] = env_list(state.env, "action_refs")
    section = ""
    for block in state.tokens:
        if block.type == "heading_open" and block.tag == "h2":
            # The anchors rule ran before this one, so agenda items already have ids.
            section = str(block.attrGet("id") or "")
        if block.type != "inline" or not block.children or not _PRETEST.search(block.content):
            continue
        line = block.map[0] + 1 if block.map else 0
        block.children = list(_link_children(block.children, line, section, state.env, refs))


def _link_children(
    children: list[Token], line: int, section: str, env: Env, refs: list[ActionRef]
) -> Iterator[Token]:
    """Yield `children` with references in plain text (outside any link) made links."""
    link_depth = 0
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1  # a paragraph spans lines: report the line the reference is on
        link_depth += link_depth_change(child)
        if child.type != "text" or link_depth > 0:
            yield child
            continue
        spans = list(_ref_spans(child.content))
        if not spans:
            yield child
            continue
        refs.extend(ActionRef(line, action_id, section) for _, _, action_id in spans)
        yield from split_with_links(child, spans, env, "action-ref")


def link_depth_change(token: Token) -> int:
    """+1 entering a Markdown or raw-HTML link, -1 leaving it; text inside links stays put."""
    if token.type == "link_open":
        return 1
    if token.type == "link_close":
        return -1
    if token.type == "html_inline":
        if isLinkOpen(token.content):
            return 1
        if isLinkClose(token.content):
            return -1
    return 0


def _ref_spans(text: str) -> Iterator[Span]:
    """Each action id inside a reference phrase in `text`, in order."""
    for phrase in _REF_PHRASE.finditer(text):
        # Skip the leading word "action(s)" so its letters can't be read as an id.
        ids_from = phrase.start() + len(phrase.group().split(None, 1)[0])
        for found in _REF_ID_RE.finditer(text, ids_from, phrase.end()):
            yield found.start(), found.end(), found.group()

"""What the Markdown plugins share: findings kept in `env`, text split around links, unique
anchors for numbered items, and references found in prose outside links."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from typing import Any

from markdown_it.common.utils import isLinkClose, isLinkOpen
from markdown_it.token import Token

from site_gen.slugs import unique_slug

Env = MutableMapping[str, Any]
Span = tuple[int, int, str]  # start, end, the id it names

# Between the ids of one reference phrase: "1.5, 1.8 and 2.3", "D3.1 or D3.2", "1.1 & 1.2".
REF_SEP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*&\s*)"


def env_list(env: Env, key: str) -> list[Any]:
    """The list at `env[key]`, created if missing, for plugins to append their findings to."""
    found: list[Any] = env.setdefault(key, [])
    return found


def split_with_links(
    token: Token,
    spans: Iterable[Span],
    css_class: str,
    href: Callable[[str], str],
    meta_key: str,
) -> list[Token]:
    """Replace text `token` by text/link nodes, wrapping each (start, end, id) span in a link
    to `href(id)` that carries the id in its meta under `meta_key`."""
    text, level = token.content, token.level
    nodes: list[Token] = []
    pos = 0
    for start, end, target_id in spans:
        if start > pos:
            nodes.append(_text(text[pos:start], level))
        url = href(target_id)
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


def phrase_spans(text: str, phrase: re.Pattern[str], item_id: re.Pattern[str]) -> Iterator[Span]:
    """Each id inside a reference phrase ("actions 1.5 and 1.8") in `text`, in order."""
    for found in phrase.finditer(text):
        # Skip the phrase's first word ("actions") so its letters can't be read as an id.
        ids_from = found.start() + len(found.group().split(None, 1)[0])
        for match in item_id.finditer(text, ids_from, found.end()):
            yield match.start(), match.end(), match.group()


def references_in(
    children: list[Token], line: int, spans: Callable[[str], list[Span]]
) -> Iterator[tuple[Token, int, list[Span]]]:
    """Each child token, with the line it is on and the reference spans in it: none but in
    plain text outside any link."""
    link_depth = 0
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1  # a paragraph spans lines: report the line the reference is on
        link_depth += link_depth_change(child)
        plain = child.type == "text" and link_depth == 0
        yield child, line, spans(child.content) if plain else []

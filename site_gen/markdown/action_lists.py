"""Find the action lists in minutes, give each action an anchor and record it in env.

An action list is a bullet or ordered list directly after an "Actions:" paragraph or an
"Actions" / "Action points" heading. Each top-level item is an action such as
"Dez to connect the review team with NICE implementation colleagues (3.1)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.slugs import slugify

from .action_refs import ACTION_ID, action_href
from .common import Env, claim_anchors, env_list, split_with_links

_LIST_OPENS = ("bullet_list_open", "ordered_list_open")
_LABEL = re.compile(r"(?i)actions?(?:\s+points?)?\s*:?")

# An id written first: "3.1 ", "3.1:", "3.1 -", "(3.1) ", "[3.1] ", "Action 3.1:".
_START_ID = re.compile(
    rf"(?:(?i:action)\s+)?(?:\((?P<p>{ACTION_ID})\)|\[(?P<b>{ACTION_ID})\]|(?P<n>{ACTION_ID}))"
    r"(?:\s*[:.\-\u2013\u2014]\s*|\s+)(?=\S)"  # hyphen, en or em dash
)
# An id written last, bracketed: "... colleagues (3.1)", "... the Group [3.1].".
_END_ID = re.compile(rf"\s*(?:\((?P<p>{ACTION_ID})\)|\[(?P<b>{ACTION_ID})\])(?P<tail>[.;]?)\s*$")
_OWNER_SPLIT = re.compile(r"\sto\s")
_MAX_OWNER_WORDS = 12
# Unescaped * runs, and _ runs at a word edge (snake_case stays whole).
_EMPHASIS_MARKS = re.compile(r"(?<!\\)\*+|(?<![\w\\])_+|(?<!\\)_+(?!\w)")
_LINK_DEST = re.compile(r"\]\([^)]*\)")
_SLUG_WORDS = 6


@dataclass(frozen=True)
class ActionItem:
    """One action from an action list, as written in the minutes."""

    line: int  # 1-based line of the list item in the text given to md
    text: str  # the item's first-paragraph inline source, stripped (id included)
    owner_text: str | None  # who, e.g. "Dez" or "Review team member and Chair"
    task: str  # what, as Markdown source, without owner or id
    action_id: str | None  # "3.1", when the minutes number their actions
    anchor: str  # the html id on the <li>


@dataclass(frozen=True)
class _Parsed:
    action_id: str | None
    owner_text: str | None
    task: str


def action_lists_plugin(md: MarkdownIt) -> None:
    """Mark action lists (class="actions"), anchor their items, link ids, fill env["actions"]."""
    # After text_join so an id's text is one token; action_refs goes after this rule.
    # Late (after text_join and the heading anchors rule), but before the refs rule.
    if "action_refs" in md.core.ruler.get_all_rules():
        md.core.ruler.before("action_refs", "action_lists", _action_lists_rule)
    else:
        md.core.ruler.push("action_lists", _action_lists_rule)


def _action_lists_rule(state: StateCore) -> None:
    found: list[tuple[Token, Token, _Parsed]] = []
    for index in _action_list_indexes(state.tokens):
        state.tokens[index].attrSet("class", "actions")
        for item_open, inline in top_level_items(state.tokens, index):
            found.append((item_open, inline, _parse_action(inline.content)))

    anchors = _assign_anchors([parsed for _, _, parsed in found])
    actions: list[ActionItem] = env_list(state.env, "actions")
    for (item_open, inline, parsed), anchor in zip(found, anchors, strict=True):
        item_open.attrSet("id", anchor)
        item_open.attrSet("class", "action")
        if parsed.action_id:
            _link_written_id(inline, parsed.action_id, state.env)
        actions.append(_action_item(item_open, inline, parsed, anchor))


def _action_item(item_open: Token, inline: Token, parsed: _Parsed, anchor: str) -> ActionItem:
    return ActionItem(
        line=item_open.map[0] + 1 if item_open.map else 0,
        text=inline.content.strip(),
        owner_text=parsed.owner_text,
        task=parsed.task,
        action_id=parsed.action_id,
        anchor=anchor,
    )


def _action_list_indexes(tokens: list[Token]) -> Iterator[int]:
    """Indexes of list-open tokens directly after an "Actions:" paragraph or heading."""
    for index in range(2, len(tokens)):
        list_open, block_close, inline = tokens[index], tokens[index - 1], tokens[index - 2]
        if (
            list_open.type in _LIST_OPENS
            and block_close.type in ("paragraph_close", "heading_close")
            and block_close.level == list_open.level
            and _is_actions_label(inline)
        ):
            yield index


def _is_actions_label(inline: Token) -> bool:
    """True for "Actions", "**Action:**", "Action points" ...: judged on the text, not markup."""
    if inline.type != "inline":
        return False
    text = "".join(child.content for child in inline.children or [] if child.type == "text")
    return _LABEL.fullmatch(text.strip()) is not None


def top_level_items(tokens: list[Token], list_index: int) -> Iterator[tuple[Token, Token]]:
    """(list_item_open, inline of its first paragraph) for each direct item of the list."""
    list_open = tokens[list_index]
    close_type = list_open.type.replace("_open", "_close")
    for index in range(list_index + 1, len(tokens) - 2):
        token = tokens[index]
        if token.type == close_type and token.level == list_open.level:
            return
        # Deeper list items belong to sub-bullets, which are notes, not actions.
        if token.type != "list_item_open" or token.level != list_open.level + 1:
            continue
        if tokens[index + 1].type == "paragraph_open" and tokens[index + 2].type == "inline":
            yield token, tokens[index + 2]


def _parse_action(source: str) -> _Parsed:
    """Split an action's Markdown source into id, owner and task."""
    rest = source.strip()
    action_id: str | None = None
    if start := _START_ID.match(rest):
        action_id, rest = start[_id_group(start)], rest[start.end() :]
    elif end := _END_ID.search(rest):
        action_id, rest = end[_id_group(end)], rest[: end.start()] + end["tail"]
    rest = rest.strip()

    split = _OWNER_SPLIT.search(rest)
    owner = rest[: split.start()].strip() if split else ""
    if not split or not owner or len(owner.split()) > _MAX_OWNER_WORDS:
        return _Parsed(action_id, None, rest)
    return _Parsed(action_id, _plain_owner(owner), rest[split.end() :].strip())


def _id_group(match: re.Match[str]) -> str:
    """Which named group holds the id: (p)arenthesised, (b)racketed or (n)aked."""
    return next(name for name in ("p", "b", "n") if name in match.re.groupindex and match[name])


def _plain_owner(owner: str) -> str:
    """Drop emphasis, escapes and entities: "**Dez** &amp; Leon" names "Dez & Leon"."""
    return " ".join(unescapeAll(_EMPHASIS_MARKS.sub("", owner)).split())


def _assign_anchors(parsed: list[_Parsed]) -> list[str]:
    return claim_anchors([_anchor_base(p) for p in parsed], [bool(p.action_id) for p in parsed])


def _anchor_base(item: _Parsed) -> str:
    if item.action_id:
        return "action-" + item.action_id.replace(".", "-")
    # Slug the words a reader sees, not link destinations.
    words = slugify(_LINK_DEST.sub("]", item.task), max_words=_SLUG_WORDS)
    return f"action-{words}" if words else "action"


def _link_written_id(inline: Token, action_id: str, env: Env) -> None:
    """Make the id where it is written ("(3.1)", "3.4:") a link; brackets stay plain text."""
    children = inline.children or []
    if not children:
        return
    candidates = (
        (0, _START_ID.match(children[0].content)),
        (len(children) - 1, _END_ID.search(children[-1].content)),
    )
    for index, match in candidates:
        if children[index].type != "text" or not match or match[_id_group(match)] != action_id:
            continue
        span = (*match.span(_id_group(match)), action_id)
        nodes = split_with_links(
            children[index], [span], "action-id", partial(action_href, env), "action_id"
        )
        inline.children = [*children[:index], *nodes, *children[index + 1 :]]
        return

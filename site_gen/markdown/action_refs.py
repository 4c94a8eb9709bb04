"""Turn references to actions in prose ("action 2.4", "actions 1.5, 1.8 and 2.3") into links.

Also the action id pattern and the href of an action, which the action lists use too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.conventions.action_text import ACTION_ID

from .common import REF_SEP, Env, Span, env_list, phrase_spans, references_in, split_with_links

# One id in running prose, not glued to more letters or digits ("1.10" is never "1.1").
_REF_ID = rf"{ACTION_ID}(?!\w|\.\d)"
_REF_PHRASE = re.compile(rf"\b(?i:actions?)\s+{_REF_ID}(?:{REF_SEP}{_REF_ID})*")
_REF_ID_RE = re.compile(_REF_ID)
# Cheap test on an inline token's source before walking its children.
_PRETEST = re.compile(r"(?i:action)")


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
    href = partial(action_href, env)
    for child, at, spans in references_in(children, line, _ref_spans):
        if not spans:
            yield child
            continue
        refs.extend(ActionRef(at, action_id, section) for _, _, action_id in spans)
        yield from split_with_links(child, spans, "action-ref", href, "action_id")


def _ref_spans(text: str) -> list[Span]:
    return list(phrase_spans(text, _REF_PHRASE, _REF_ID_RE))

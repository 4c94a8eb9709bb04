"""Turn references to decisions in prose ("decision D3.1", "decisions D3.1 and D3.2") into links.

Each reference is recorded with where it was made: the agenda item, and the action or the
decision whose text it is in, so actions and decisions can list each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .common import REF_SEP, Env, Span, env_list, phrase_spans, references_in, split_with_links
from .decisions import DECISION_ID, decision_href

_REF_ID = rf"{DECISION_ID}(?!\w|\.\d)"
_REF_PHRASE = re.compile(rf"\b(?i:decisions?|resolutions?)\s+{_REF_ID}(?:{REF_SEP}{_REF_ID})*")
_REF_ID_RE = re.compile(_REF_ID)
_PRETEST = re.compile(r"(?i:decision|resolution)")
_CITING = ("action", "decision")
_OPENINGS = (
    "list_item_open",
    "paragraph_open",
)  # the elements that take those classes  # the classes of elements whose text can cite a decision


@dataclass(frozen=True)
class DecisionRef:
    """A mention of a decision somewhere in the prose."""

    line: int  # 1-based line of the reference in the document
    decision_id: str  # "D3.1"
    section: str = ""  # id of the agenda item (## heading) it is under, if any
    action_anchor: str = ""  # id of the action item whose text it is in, if any
    decision_anchor: str = ""  # id of the decision whose text it is in, if any


def decision_refs_plugin(md: MarkdownIt) -> None:
    """Link every "decision D3.1" / "decisions D3.1 and D3.2" phrase; record them in env."""
    rules = md.core.ruler.get_all_rules()
    if "decisions" in rules:
        md.core.ruler.after("decisions", "decision_refs", _decision_refs_rule)
    else:
        md.core.ruler.push("decision_refs", _decision_refs_rule)


def _decision_refs_rule(state: StateCore) -> None:
    refs: list[DecisionRef] = env_list(state.env, "decision_refs")
    section = ""
    within: dict[str, str] = {}  # "action" / "decision" -> anchor of the element we are in
    open_elements: list[tuple[str, int, str]] = []  # (closing token type, level, class)
    for block in state.tokens:
        if block.type == "heading_open" and block.tag == "h2":
            section = str(block.attrGet("id") or "")
        css_class = block.attrGet("class") if block.type in _OPENINGS else None
        if css_class in _CITING:
            closing = block.type.replace("_open", "_close")
            open_elements.append((closing, block.level, str(css_class)))
            within[str(css_class)] = str(block.attrGet("id") or "")
        elif open_elements and (block.type, block.level) == open_elements[-1][:2]:
            within.pop(open_elements.pop()[2], None)
        if block.type != "inline" or not block.children or not _PRETEST.search(block.content):
            continue
        line = block.map[0] + 1 if block.map else 0
        context = DecisionRef(
            line,
            "",
            section,
            within.get("action", ""),
            within.get("decision", ""),
        )
        block.children = list(_link_children(block.children, context, state.env, refs))


def _link_children(
    children: list[Token], context: DecisionRef, env: Env, refs: list[DecisionRef]
) -> Iterator[Token]:
    """Yield `children` with references in plain text (outside any link) made links."""
    href = decision_href(env)
    for child, line, spans in references_in(children, context.line, _ref_spans):
        if not spans:
            yield child
            continue
        refs.extend(replace(context, line=line, decision_id=found) for _, _, found in spans)
        yield from split_with_links(child, spans, "decision-ref", href, "decision_id")


def _ref_spans(text: str) -> list[Span]:
    """Each decision id of a reference phrase, written as "D3.1" whatever its case."""
    return [(s, e, "D" + found[1:]) for s, e, found in phrase_spans(text, _REF_PHRASE, _REF_ID_RE)]

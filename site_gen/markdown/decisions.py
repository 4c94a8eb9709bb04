"""Find the decisions in minutes, give each an anchor and record it in env.

A decision is a paragraph, or an item of a top-level list, whose text starts with a marker:
"Agreed:", "Resolved:", "Decision:", "Decided:" or "Resolution:" (any case, bold or not), or
"RESOLVED that" ("RESOLVED, that").
A paragraph or heading that is only a marker ("Agreed:", "Decisions", "RESOLVED that:") makes
every item of the list straight after it a decision. Optional parts, taken out of the text:

- an id: "D3.1: Agreed: ..." at the start, or "... (D3.1)" at the end;
- vote counts: "(for 7, against 2, abstentions 1)" or "(7 for, 2 against, 1 abstention)";
- who moved and seconded it: "moved by Ann Lee, seconded by Bob Ray", or
  "Proposed: Ann Lee; Seconded: Bob Ray".

Decisions are found by their text, never by markup, and never inside action lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.slugs import slugify
from site_gen.vocabulary import Votes

from .action_lists import inline_text, top_level_items
from .common import Env, claim_anchors, env_list, split_with_links
from .problems import report

# "D3.1", "D12", "D2.4a": a D, then a number, so a decision id never reads as an action id
# (and, like an action id, at most six numbers of six digits).
DECISION_ID = r"[Dd]\d{1,6}(?:\.\d{1,6}){0,5}[a-z]?"

_LIST_OPENS = ("bullet_list_open", "ordered_list_open")
# "Agreed:", "RESOLVED that", "RESOLVED, that", "RESOLUTION:" (a scribe's record of one).
_MARKER = re.compile(r"(?i)(?:agreed|resolved|decided|decision|resolution)(?:\s*:\s*|,?\s+that\s+)")
# In nested notes only the plain words count ("- **Decision**: no objections"): "Agreed: ..."
# under a point is a note of it.
_NESTED_MARKER = re.compile(r"(?i)(?:decision|resolution|resolved)(?:\s*:\s*|,?\s+that\s+)")
_LABEL = re.compile(r"(?i)(?:agreed|resolved|decided|decisions?)(?:\s+that)?\s*:?")
_START_ID = re.compile(
    rf"(?:\((?P<p>{DECISION_ID})\)|\[(?P<b>{DECISION_ID})\]|(?P<n>{DECISION_ID}))"
    r"(?:\s*[:.\-\u2013\u2014]\s*|\s+)(?=\S)"  # hyphen, en or em dash
)
_END_ID = re.compile(
    rf"\s*(?:\((?P<p>{DECISION_ID})\)|\[(?P<b>{DECISION_ID})\])(?P<tail>[.;]?)\s*$"
)

_VOTE_WORD = r"for|against|in\s+favour|abstentions?|abstained|abstaining"
_VOTES = re.compile(rf"(?i)\(\s*(?P<body>[^()]*\b(?:{_VOTE_WORD})\b[^()]*)\)")
_VOTE_PART = re.compile(
    rf"(?i)\s*(?:(?P<w1>{_VOTE_WORD})\s*:?\s*(?P<n1>\d+)|(?P<n2>\d+)\s+(?P<w2>{_VOTE_WORD}))\s*"
)
_VOTE_SEP = re.compile(r"(?i)\s*(?:[,;]|\band\b)\s*")

# A name runs to the next comma, semicolon, bracket, "and seconded", or a full stop at the end.
_NAME_END = r"(?=\s*(?:[;,()]|\band\s+seconded\b|\.?\s*$))"
_MOVED = rf"(?:moved|proposed)(?:\s+by\s+|\s*:\s*)(?P<mover>[^;,()]+?){_NAME_END}"
_SECONDED = rf"seconded(?:\s+by\s+|\s*:\s*)(?P<seconder>[^;,()]+?){_NAME_END}"
# Only where a clause starts: "as proposed by the Chair" inside a sentence is not a credit.
_CLAUSE_START = r"(?i)(?:^|(?<=[(,;.]))\s*"
_CREDITS = (
    re.compile(rf"{_CLAUSE_START}{_MOVED}(?:\s*(?:[,;]\s*(?:and\b)?|\band\b)\s*{_SECONDED})?"),
    re.compile(rf"{_CLAUSE_START}{_SECONDED}"),
)
_SLUG_WORDS = 6


@dataclass(frozen=True)
class DecisionItem:
    """One decision, as written in the minutes."""

    line: int  # 1-based line of the paragraph or list item in the text given to md
    text: str  # what was decided, plain text: marker, id, votes, mover and seconder taken out
    decision_id: str | None  # "D3.1", when the minutes number their decisions
    anchor: str  # the html id on the <p> or <li>
    votes: Votes | None = None
    mover: str = ""  # as written: "Ann Lee", "the Chair"
    seconder: str = ""
    action_ids: tuple[str, ...] = ()  # actions its text refers to ("action 3.1 is closed")


@dataclass(frozen=True)
class _Parsed:
    decision_id: str | None
    text: str
    votes: Votes | None
    mover: str
    seconder: str


def decisions_plugin(md: MarkdownIt) -> None:
    """Mark decisions (class="decision"), anchor them, link their ids, fill env["decisions"]."""
    # After the action rules, so an action a decision mentions is already a link (and its id
    # known), and before the decision references, which need the decisions' anchors.
    rules = md.core.ruler.get_all_rules()
    if "action_refs" in rules:
        md.core.ruler.after("action_refs", "decisions", _decisions_rule)
    else:
        md.core.ruler.push("decisions", _decisions_rule)


def _decisions_rule(state: StateCore) -> None:
    found: list[tuple[Token, Token, _Parsed]] = []
    for element, inline, labelled in _candidates(state.tokens):
        parsed = _parse_decision(inline_text(inline), labelled)
        if parsed is not None:
            found.append((element, inline, parsed))
    _report_empty_decisions(state)

    anchors = _assign_anchors([parsed for _, _, parsed in found])
    decisions: list[DecisionItem] = env_list(state.env, "decisions")
    href = decision_href(state.env)
    for (element, inline, parsed), anchor in zip(found, anchors, strict=True):
        element.attrSet("id", anchor)
        element.attrSet("class", "decision")
        if parsed.decision_id:
            _link_written_id(inline, parsed.decision_id, state.env, href)
        decisions.append(
            DecisionItem(
                line=element.map[0] + 1 if element.map else 0,
                text=parsed.text,
                decision_id=parsed.decision_id,
                anchor=anchor,
                votes=parsed.votes,
                mover=parsed.mover,
                seconder=parsed.seconder,
                action_ids=_mentioned_actions(inline),
            )
        )


def _report_empty_decisions(state: StateCore) -> None:
    """A marker with nothing after it ("Agreed:") and no list below records no decision."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-2]):
        if token.type != "paragraph_open" or token.level != 0 or not _is_label(tokens[index + 1]):
            continue
        after = tokens[index + 3] if index + 3 < len(tokens) else None
        if after is not None and after.type in _LIST_OPENS:
            continue  # a label: the list below holds the decisions
        report(
            state.env,
            token.map[0] + 1 if token.map else 1,
            "warning",
            f"{inline_text(tokens[index + 1])!r} records no decision: nothing follows it",
            "write what was agreed on the same line ('Agreed: to adopt the plan'), or list "
            "the decisions in a '- ' list straight below it",
            code="empty-decision",
        )


def decision_anchor(decision_id: str) -> str:
    return "decision-" + decision_id.lower().replace(".", "-")


def decision_href(env: Env) -> Callable[[str], str]:
    """The caller's `env["decision_href"]`, else an in-page anchor."""
    resolve: Callable[[str], str] | None = env.get("decision_href")
    return resolve if resolve is not None else (lambda d: "#" + decision_anchor(d))


def _candidates(tokens: list[Token]) -> Iterator[tuple[Token, Token, bool]]:
    """(element to anchor, its inline, whether a label made it a decision), in document order."""
    classes: list[object] = []  # of the lists the token is in
    top_items = _top_level_item_ids(tokens)
    for index, token in enumerate(tokens[:-1]):
        if token.type in _LIST_OPENS:
            classes.append(token.attrGet("class"))
        elif token.type.endswith("_list_close"):
            classes.pop()
        if token.type == "paragraph_open" and token.level == 0:
            yield token, tokens[index + 1], False
        elif token.type in _LIST_OPENS and token.level == 0 and token.attrGet("class") is None:
            labelled = index >= 2 and _is_label(tokens[index - 2])
            for item_open, inline in top_level_items(tokens, index):
                yield item_open, inline, labelled
        elif (
            token.type == "list_item_open"  # the cheapest test first: most tokens are not
            and id(token) not in top_items
            and not any(classes)
            and _marked_item(tokens, index)
        ):
            yield token, tokens[index + 2], False  # "- **Decision**: ..." in nested notes


def _top_level_item_ids(tokens: list[Token]) -> set[int]:
    return {
        id(item)
        for index, t in enumerate(tokens)
        if t.type in _LIST_OPENS and t.level == 0
        for item, _ in top_level_items(tokens, index)
    }


def _marked_item(tokens: list[Token], index: int) -> bool:
    """A list item whose first paragraph starts with a decision marker."""
    return (
        tokens[index].type == "list_item_open"
        and tokens[index + 1].type == "paragraph_open"
        and _NESTED_MARKER.match(inline_text(tokens[index + 2])) is not None
    )


def _is_label(token: Token) -> bool:
    return token.type == "inline" and _LABEL.fullmatch(inline_text(token)) is not None


def _parse_decision(text: str, labelled: bool) -> _Parsed | None:
    decision_id: str | None = None
    if start := _START_ID.match(text):
        decision_id, text = start[_id_group(start)], text[start.end() :]
    marker = _MARKER.match(text)
    if marker is None and not labelled:
        return None
    if marker:
        text = text[marker.end() :]
    if decision_id is None and (end := _END_ID.search(text)):
        decision_id, text = end[_id_group(end)], text[: end.start()] + end["tail"]
    mover = seconder = ""
    for pattern in _CREDITS:
        if credits := pattern.search(text):
            mover = _name(credits.groupdict().get("mover"))
            seconder = _name(credits["seconder"])
            text = text[: credits.start()] + text[credits.end() :]
            break
    votes = None
    if found := _VOTES.search(text):
        votes = _votes(found["body"])
        if votes:
            text = text[: found.start()] + text[found.end() :]
    text = _tidy(text)
    if not text:
        return None  # "Agreed:" alone: a label, or nothing that was decided
    normal_id = "D" + decision_id[1:] if decision_id else None
    return _Parsed(normal_id, text, votes, mover, seconder)


def _id_group(match: re.Match[str]) -> str:
    """Which named group holds the id: (p)arenthesised, (b)racketed or (n)aked."""
    return next(name for name in ("p", "b", "n") if name in match.re.groupindex and match[name])


def _votes(body: str) -> Votes | None:
    """'for 7, against 2, abstentions 1' -> Votes(7, 2, 1); None unless every part is a count."""
    counts: dict[str, int] = {}
    for part in filter(None, _VOTE_SEP.split(body.strip())):
        match = _VOTE_PART.fullmatch(part)
        if match is None:
            return None
        word = " ".join((match["w1"] or match["w2"]).lower().split())
        field = (
            "in_favour"
            if word in ("for", "in favour")
            else "against"
            if word == "against"
            else "abstentions"
        )
        if field in counts:
            return None
        counts[field] = int(match["n1"] or match["n2"])
    return Votes(**counts) if counts else None


def _name(written: str | None) -> str:
    return " ".join((written or "").split()).rstrip(".")


def _tidy(text: str) -> str:
    """Tidy the text once the id, votes and credits are out: no empty brackets or stray commas."""
    text = re.sub(r"\(\s*[,;]?\s*\)|\[\s*\]", "", text)
    text = re.sub(r"\s+([,;.:])", r"\1", text)
    text = re.sub(r"[,;:]+\s*(?=[.,;]|$)", "", text)
    text = re.sub(r"([.!?])\s*\.$", r"\1", text)  # "adopted. Moved by A." leaves "adopted.."
    return " ".join(text.split()).strip(" ,;:-\u2013\u2014")


def _assign_anchors(parsed: list[_Parsed]) -> list[str]:
    return claim_anchors([_anchor_base(p) for p in parsed], [bool(p.decision_id) for p in parsed])


def _anchor_base(item: _Parsed) -> str:
    if item.decision_id:
        return decision_anchor(item.decision_id)
    words = slugify(item.text, max_words=_SLUG_WORDS)
    return f"decision-{words}" if words else "decision"


def _mentioned_actions(inline: Token) -> tuple[str, ...]:
    """The action ids the action references rule linked inside this decision."""
    ids = (
        str(child.meta["action_id"])
        for child in inline.children or []
        if child.type == "link_open" and child.meta and "action_id" in child.meta
    )
    return tuple(dict.fromkeys(ids))


def _link_written_id(inline: Token, decision_id: str, env: Env, href: Callable[[str], str]) -> None:
    """Make the id where it is written ("(D3.1)", "D3.1:") a link to the decision's page."""
    children = inline.children or []
    if not children:
        return
    candidates = (
        (0, _START_ID.match(children[0].content)),
        (len(children) - 1, _END_ID.search(children[-1].content)),
    )
    for index, match in candidates:
        if children[index].type != "text" or not match:
            continue
        written = match[_id_group(match)]
        if "D" + written[1:] != decision_id:
            continue
        span = (*match.span(_id_group(match)), decision_id)
        nodes = split_with_links(children[index], [span], "decision-id", href, "decision_id")
        inline.children = [*children[:index], *nodes, *children[index + 1 :]]
        return

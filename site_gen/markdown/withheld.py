"""Withheld blocks: parts of the minutes that must never be published.

    ::: exempt "Agenda Item 5: Staffing" Exempt under paragraph 3 of Schedule 12A
    ## Agenda Item 5: Staffing
    ... text, actions ...
    :::

- `exempt ["TITLE"] REASON`: the public page shows the item's title and the reason, and how
  many actions and decisions were raised under it. The title is only what is written in
  quotes on the marker line (site_gen.markdown.withheld_marker), or none: nothing inside the
  block, not even a heading that opens it, is ever published;
- `confidential REASON`: the page shows only that an item was taken in private, and why;
- `private`: a note for the record keepers; nothing at all is shown, not even a count.

Where a block ends is decided by markdown-it's own block parser, so a ':::' inside a code
fence, an HTML block or a list item within the block is what CommonMark says it is, never
the end of the block. The block's text never enters the page's tokens: it is parsed again
on its own, only to count its actions and decisions, then dropped. Which ':::' lines opened
and closed blocks is recorded in env for markdown.fail_closed, which stops the build when
the source has a ':::' line the parser did not take as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from site_gen.slugs import slugify, unique_slug

from .common import Env, env_list
from .problems import ENV_KEY as PROBLEMS_KEY
from .problems import report
from .withheld_marker import MarkerWords, read_marker_words

KINDS = ("exempt", "confidential", "private")
# Nested blocks deeper than this are an error (and withheld to the end of their container):
# real minutes nest two at most, and each level is parsed again for its summary.
MAX_DEPTH = 8
# A marker line, as the line reads inside its container: ':::', a kind word, the rest.
MARKER = re.compile(r"^(:{3,})[ \t]*(\S*)[ \t]*(.*?)[ \t]*$")

_EXAMPLE_TITLE = {"exempt": '"Agenda Item 5: Staffing" '}  # in hints: the kind that has one
MARKERS_KEY = "withheld_markers"  # {1-based line: "open" | "close"}: what the parser took
_FRAMES_KEY = "withheld_frames"  # the blocks whose end is being looked for, innermost last
_DEPTH_KEY = "withheld_depth"  # how deep in withheld blocks the text being parsed is


@dataclass(frozen=True)
class WithheldItem:
    kind: str  # one of KINDS
    reason: str
    title: str  # written in quotes on the marker line; shown only for "exempt"
    anchor: str  # id of the stub on the page ("" for private notes, which have none)
    line: int  # 1-based line of the opening fence
    action_ids: tuple[str | None, ...]  # the actions raised inside: counted, never described
    decision_ids: tuple[str | None, ...] = ()  # the decisions taken inside: the same

    @property
    def heading(self) -> str:
        """What the stub is headed: the exempt item's own title, or words that reveal none."""
        if self.title:
            return self.title
        return "Exempt item" if self.kind == "exempt" else "Item taken in private"


@dataclass
class _Frame:
    """A block whose closing line is being looked for."""

    level: int  # the token level of the block's own content
    close: int | None = None  # 0-based line of its ':::' once found


def withheld_plugin(md: MarkdownIt) -> None:
    # Before "fence" and allowed to interrupt a paragraph, list or quote: a ":::" line
    # straight after text must still open (or close) a block, or text would be published.
    alt = ["paragraph", "reference", "blockquote", "list"]
    md.block.ruler.before("fence", "withheld_close", _close_block, {"alt": alt})
    md.block.ruler.before("fence", "withheld", _withheld_block, {"alt": alt})
    md.add_render_rule("withheld", _render_withheld)


def probing(env: Env) -> bool:
    """True while a block's lines are parsed only to find where it ends (and dropped)."""
    return bool(env.get(_FRAMES_KEY))


def line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _marker(state: StateBlock, line: int) -> re.Match[str] | None:
    if state.sCount[line] - state.blkIndent >= 4:
        return None  # an indented code block
    if not state.src.startswith(":::", state.bMarks[line] + state.tShift[line]):
        return None  # nearly every line: spared the slice and the pattern
    return MARKER.match(line_text(state, line))


def _doc_line(state: StateBlock, line: int) -> int:
    """The 1-based line of the file for 0-based `line` of the text being parsed."""
    return line + 1 + int(state.env.get("line_offset", 0))


def _close_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A bare ':::' ends the innermost block being looked through, at that block's level.

    As a terminator (silent) it ends a paragraph, list or quote inside the block, so that
    a ':::' straight after a list item is not read as more of the item's text.
    """
    frames: list[_Frame] = state.env.get(_FRAMES_KEY) or []
    if not frames:
        return False
    match = _marker(state, start)
    if not match or match.group(2):
        return False
    if silent:
        return True
    if state.level != frames[-1].level:
        return False  # inside a list item or quote of the block: not its end
    frames[-1].close = start
    state.line = end  # stops the tokenize of the block, which _find_end called
    return True


def _find_end(state: StateBlock, start: int, end: int) -> tuple[int, int | None]:
    """(the line after the block opened at `start`, the line of its ':::' or None).

    The block's lines are tokenized by markdown-it itself until _close_block finds its
    ':::', and the tokens dropped: only where the block ends is kept.
    """
    frames: list[_Frame] = state.env.setdefault(_FRAMES_KEY, [])
    frame = _Frame(state.level)
    saved_tokens, saved_level = len(state.tokens), state.level
    saved_parent, saved_line_max, saved_tight = state.parentType, state.lineMax, state.tight
    references = state.env.get("references")
    saved_references = dict(references) if references is not None else None
    frames.append(frame)
    try:
        state.md.block.tokenize(state, start + 1, end)
        stop = state.line
    finally:
        frames.pop()
        del state.tokens[saved_tokens:]
        state.level, state.parentType = saved_level, saved_parent
        state.lineMax, state.tight = saved_line_max, saved_tight
        # A link reference defined inside the block must not resolve links outside it.
        if saved_references is None:
            state.env.pop("references", None)
        else:
            state.env["references"] = saved_references
    if frame.close is not None:
        return frame.close + 1, frame.close
    return max(stop, start + 1), None


def _withheld_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    match = _marker(state, start)
    if not match or not match.group(2):
        return False
    if silent:
        return True
    depth = int(state.env.get(_DEPTH_KEY, 0)) + len(state.env.get(_FRAMES_KEY) or ())
    if depth >= MAX_DEPTH:
        return _too_deep(state, start, end)
    after, close = _find_end(state, start, end)
    state.line = after
    if probing(state.env):
        return True  # only looking for where an outer block ends

    kind = match.group(2).lower()
    line = _doc_line(state, start)
    words = read_marker_words(state.env, kind, match.group(3), line)
    markers: dict[int, str] = state.env.setdefault(MARKERS_KEY, {})
    markers[line] = "open"
    if close is not None:
        markers[_doc_line(state, close)] = "close"
    else:
        _report_unclosed(state, kind, line, after)
    kind = _check_kind(state.env, kind, words.reason, line)

    last = close if close is not None else after
    inner = state.getLines(start + 1, last, state.blkIndent, True)
    item = _summarise(state, kind, words, inner, line)
    if kind != "private":  # a private note is not even recorded as being there
        env_list(state.env, "withheld").append(item)
    token = state.push("withheld", "section", 0)
    token.map = [start, after]
    token.meta = {"item": item}
    return True


def _too_deep(state: StateBlock, start: int, end: int) -> bool:
    """Withhold the rest of the container, unparsed; report it once, at the top level."""
    state.line = end
    if not probing(state.env):
        line = _doc_line(state, start)
        report(
            state.env,
            line,
            "error",
            f"withheld blocks are nested more than {MAX_DEPTH} deep",
            "close each block with a line ':::' before opening the next",
            code="withheld-too-deep",
        )
        markers: dict[int, str] = state.env.setdefault(MARKERS_KEY, {})
        for inner in range(start, end):
            markers[_doc_line(state, inner)] = "deep"  # withheld, and already reported
    return True


def _report_unclosed(state: StateBlock, kind: str, line: int, after: int) -> None:
    if state.level == 0:
        if state.env.get(_DEPTH_KEY):
            # At the top of another block's text: that block is not closed either (its
            # ':::' would have closed this one), and is reported.
            return
        report(
            state.env,
            line,
            "warning",
            f"'::: {kind}' block is not closed: everything after it, to the end of the "
            "minutes, is withheld",
            "end the block with a line ':::'",
            code="withheld-unclosed",
        )
        return
    # In a list item or quote the block ends with it, and what follows would be published.
    container = "quote" if state.parentType == "blockquote" else "list item"
    report(
        state.env,
        line,
        "error",
        f"'::: {kind}' block is opened inside a {container} and not closed inside it, "
        f"which ends at line {_doc_line(state, after - 1)}",
        "end it with ':::' at the same indent and inside the same list item or quote, "
        "or open it at the start of a line outside them",
        code="withheld-unclosed",
    )


def _check_kind(env: Env, kind: str, reason: str, line: int) -> str:
    if kind not in KINDS:
        report(
            env,
            line,
            "error",
            f"unknown kind of withheld block '::: {kind}'",
            "use '::: exempt \"TITLE\" REASON', '::: confidential REASON' or '::: private'",
            code="withheld-unknown-kind",
        )
        return "private"  # withhold it all, title included, until the author fixes it
    if kind != "private" and not reason:
        report(
            env,
            line,
            "error",
            f"'::: {kind}' needs a reason",
            f"write it after the word: '::: {kind} {_EXAMPLE_TITLE.get(kind, '')}"
            "Exempt under paragraph 3 of Schedule 12A'",
            code="withheld-no-reason",
        )
    return kind


def _summarise(
    state: StateBlock, kind: str, words: MarkerWords, inner: str, line: int
) -> WithheldItem:
    """Parse the withheld text on its own, to count its actions and decisions."""
    sub_env: dict[str, Any] = {
        "line_offset": line,
        _DEPTH_KEY: int(state.env.get(_DEPTH_KEY, 0)) + 1,
    }
    tokens = state.md.parse(inner, sub_env)
    # Its problems and markers are the document's: reported and checked with the rest.
    env_list(state.env, PROBLEMS_KEY).extend(sub_env.get(PROBLEMS_KEY, []))
    state.env.setdefault(MARKERS_KEY, {}).update(sub_env.get(MARKERS_KEY, {}))
    if kind == "private":
        # Nothing at all is shown: no title, no anchor, and nothing counted.
        return WithheldItem(kind, words.reason, "", "", line, ())
    actions = tuple(a.action_id for a in sub_env.get("actions", []))
    decisions = tuple(d.decision_id for d in sub_env.get("decisions", []))
    # Nested exempt and confidential blocks count too (a nested private block counts nothing).
    for nested in sub_env.get("withheld", []):
        actions += nested.action_ids
        decisions += nested.decision_ids
    title = words.title if kind == "exempt" else ""
    if kind == "exempt" and not title and tokens and tokens[0].type == "heading_open":
        _report_heading_not_title(state.env, words, line, tokens)
    base = f"exempt-{slugify(title)}" if title else f"{kind}-item"
    anchor = unique_slug(base, state.env.setdefault("withheld_anchors", set()))
    return WithheldItem(kind, words.reason, title, anchor, line, actions, decisions)


def _report_heading_not_title(env: Env, words: MarkerWords, line: int, tokens: list[Token]) -> None:
    """An exempt block that opens with a heading, and no title on its marker line: the
    author may expect the heading shown, and it never is. The message does not repeat the
    heading: messages reach terminals and CI logs, which are no place for withheld text."""
    heading_line = line + 1 + (tokens[0].map[0] if tokens[0].map else 0)
    report(
        env,
        line,
        "warning",
        f"the heading on line {heading_line} is part of the exempt item's withheld text, "
        "so the item is published without a title",
        "to show a title, write it in quotes on this line, before the reason: "
        f"'::: exempt \"TITLE\" {words.reason or 'REASON'}'",
        code="withheld-heading-not-title",
    )


def _render_withheld(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Env) -> str:
    item: WithheldItem = tokens[idx].meta["item"]
    if item.kind == "private":
        return ""
    heading = escapeHtml(item.heading)
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

"""Find the actions in minutes, give each an anchor and record it in env.

Actions are written three ways (the rules are `site_gen.conventions`, shared with import):

- the items of a list under a label or heading that names new actions ("Actions:",
  "## New actions", "Action items (AIs)"), each "owner to task (3.1)", "Owner: task" ...;
- a paragraph or list item anywhere that starts with an action marker ("Action: ...",
  "**Action 3.2:** ...", "AI -- Name to ...", "@name: ...");
- under a label or heading that reviews earlier actions ("Matters arising", "Review of
  actions"), items are earlier actions: an id and a status there ("3.1 ... - Done") update
  it, and nothing there is raised again. An item written with a marker there is kept for
  the link stage, which raises it only if it is no earlier action.

env["actions"] gets the actions (`ActionItem`), env["reviewed"] the reviewed items
(`ReviewedItem`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from site_gen.conventions.action_labels import LabelKind, label_kind, says_new
from site_gen.conventions.action_tables import action_columns, action_row
from site_gen.conventions.action_text import (
    ACTION_ID,
    ActionText,
    Marker,
    action_marker,
    may_hold_id,
    plain_owner,
    read_action,
)
from site_gen.conventions.prose_actions import prose_action
from site_gen.conventions.statuses import Trailing, trailing_status, whole_status
from site_gen.slugs import slugify
from site_gen.vocabulary import ActionStatus

from .action_refs import action_href
from .common import Env, claim_anchors, env_list, link_depth_change, split_with_links

_LIST_OPENS = ("bullet_list_open", "ordered_list_open")
_LIST_CLOSES = ("bullet_list_close", "ordered_list_close")
# The tokens that move a walk (_Walk.enter): every other token leaves it where it is.
_WALKED = frozenset(
    ("heading_open", "list_item_open", "list_item_close", *_LIST_OPENS, *_LIST_CLOSES)
)
_LINK_DEST = re.compile(r"\]\([^)]*\)")
# Where a paragraph's last line or sentence begins: after a line break or a full stop.
_LAST_CLAUSE = re.compile(r"\n|(?<=[.;!?])\s+")
_SLUG_WORDS = 6
# What follows a marker that is no task: "Actions: none", "Action: as above".
_NO_TASK = {"as", "see", "per", "none", "nil", "n/a", "na", "tbd", "tbc", "no", "nothing"}


@dataclass(frozen=True)
class ActionItem:
    """One action, as written in the minutes."""

    line: int  # 1-based line of the list item or paragraph in the text given to md
    text: str  # the item's first-paragraph inline source, stripped (id included)
    owner_text: str | None  # who, e.g. "Dez" or "Review team member and Chair"
    task: str  # what, as Markdown source, without owner or id
    action_id: str | None  # "3.1", when the minutes number their actions
    anchor: str  # the html id on the <li> or <p>
    # "AI: Phil clarify ...": (owner, task) readings to try when no owner is written as
    # one; the link stage keeps the first that names people, else none.
    owner_guesses: tuple[tuple[str, str], ...] = ()
    # Written with a marker among earlier actions: the link stage raises it only when it
    # matches no earlier action; then `status` (if written) is its status at this meeting.
    earlier: bool = False
    status: ActionStatus | None = None
    note: str = ""
    # Under no label, an action by its id and owner alone ("- Pat to order chips (4.3)"):
    # the link stage raises it only at the meeting its id's number names.
    unlabelled: bool = False
    # Listed as new inside a review of earlier actions ("Actions:" under "Matters arising"):
    # the link stage reports an id of an earlier published meeting that raised no such action.
    in_review: bool = False


@dataclass(frozen=True)
class ReviewedItem:
    """An earlier action as a review of actions lists it: never raised here."""

    line: int
    action_id: str | None
    owner_text: str | None
    task: str
    status: ActionStatus | None  # None: no status written (or an empty "Status:")
    note: str = ""
    section: str = ""  # id of the agenda item (## heading) it is under, if any


@dataclass
class _Frame:
    kind: LabelKind | None  # what the list's own label or heading says its items are
    action_item: bool = False  # the list sits inside an action: its items are notes


@dataclass(frozen=True)
class _Found:
    element: Token  # list_item_open or paragraph_open: takes the anchor
    inline: Token
    reading: ActionText
    kind: LabelKind  # RAISE: an action; REVIEW: an earlier action (marker: perhaps new)
    marked: bool
    section: str
    unlabelled: bool = False  # an action by its id and owner alone, under no label
    in_review: bool = False  # inside a review of earlier actions, in a list of its own


def action_lists_plugin(md: MarkdownIt) -> None:
    """Mark action lists (class="actions"), anchor actions, link ids, fill env."""
    # Late (after text_join and the heading anchors rule), but before the refs rule.
    if "action_refs" in md.core.ruler.get_all_rules():
        md.core.ruler.before("action_refs", "action_lists", _action_lists_rule)
    else:
        md.core.ruler.push("action_lists", _action_lists_rule)


def _action_lists_rule(state: StateCore) -> None:
    state.tokens = _split_marker_lines(state.tokens)
    found = list(_find(state.tokens))
    actions: list[ActionItem] = env_list(state.env, "actions")
    reviewed: list[ReviewedItem] = env_list(state.env, "reviewed")
    raised = [f for f in found if f.kind is LabelKind.RAISE or f.marked]
    anchors = _assign_anchors([f.reading for f in raised])
    for item, anchor in zip(raised, anchors, strict=True):
        item.element.attrSet("id", anchor)
        item.element.attrSet("class", "action")
        if item.reading.action_id:
            _link_written_id(item.inline, item.reading.action_id, state.env)
        actions.append(_action_item(item, anchor))
    for item in found:
        if item.kind is LabelKind.REVIEW and not item.marked:
            if item.reading.action_id:
                _link_written_id(item.inline, item.reading.action_id, state.env)
            reviewed.append(_reviewed_item(item))


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _action_item(found: _Found, anchor: str) -> ActionItem:
    reading = found.reading
    earlier = found.kind is LabelKind.REVIEW or reading.status_written
    return ActionItem(
        line=_line(found.element),
        text=found.inline.content.strip(),
        owner_text=plain_owner(reading.owner) if reading.owner else None,
        task=reading.task,
        action_id=reading.action_id,
        anchor=anchor,
        owner_guesses=tuple((plain_owner(o), t) for o, t in reading.guesses),
        earlier=earlier,
        status=reading.status,
        note=reading.note,
        unlabelled=found.unlabelled,
        in_review=found.in_review,
    )


def _reviewed_item(found: _Found) -> ReviewedItem:
    reading = found.reading
    status = reading.status
    if status is None and reading.checked:
        status = ActionStatus.CLOSED  # "[x]" ticks an earlier action off
    return ReviewedItem(
        line=_line(found.element),
        action_id=reading.action_id,
        owner_text=plain_owner(reading.owner) if reading.owner else None,
        task=reading.task,
        status=status,
        note=reading.note,
        section=found.section,
    )


# --- finding them ------------------------------------------------------------------------------


def inline_text(inline: Token) -> str:
    """What a reader sees of an inline: its text without markup, on one line."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


@dataclass
class _Walk:
    """Where a walk over a document's tokens is: the headings over it, the lists it is in,
    and whether each list item it is in is an action (whose sub-lists are its notes)."""

    headings: list[tuple[int, LabelKind | None, str]] = field(default_factory=list)
    frames: list[_Frame] = field(default_factory=list)
    items: list[bool] = field(default_factory=list)
    section: str = ""  # the anchor of the "##" heading it is under
    # Each list item's text as read (a list's items are read to tell a review, then again
    # as actions): by the text and whether the reading was lenient.
    readings: dict[tuple[str, bool], ActionText] = field(default_factory=dict)

    def read(self, text: str, lenient: bool) -> ActionText:
        found = self.readings.get((text, lenient))
        if found is None:
            found = self.readings[text, lenient] = read_action(text, lenient=lenient)
        return found

    def enter(self, tokens: list[Token], index: int) -> None:
        """Take in a heading, or a list or list item opening or closing, at `index`."""
        token = tokens[index]
        if token.type == "heading_open":
            level = int(token.tag[1:])
            if level == 2:
                self.section = str(token.attrGet("id") or "")
            words = inline_text(tokens[index + 1])
            self.headings = [h for h in self.headings if h[0] < level]
            self.headings.append((level, label_kind(words), words))
        elif token.type in _LIST_OPENS:
            frame = _list_frame(tokens, index, self, any(self.items))
            self.frames.append(frame)
            if frame.kind is LabelKind.RAISE and not frame.action_item:
                token.attrSet("class", "actions")
        elif token.type in _LIST_CLOSES:
            self.frames.pop()
        elif token.type == "list_item_open":
            self.items.append(False)
        elif token.type == "list_item_close":
            self.items.pop()

    def in_action(self) -> bool:
        return any(self.items) or bool(self.frames and self.frames[-1].action_item)

    def context(self) -> LabelKind:
        return _context(self.frames, self.headings)

    def around(self) -> LabelKind:
        """What the list the walk is in sits in: its enclosing lists and headings."""
        return _context(self.frames[:-1], self.headings)


def _find(tokens: list[Token]) -> Iterator[_Found]:
    """Every action and reviewed item, in document order."""
    walk = _Walk()
    for index, token in enumerate(tokens):
        if token.type in _WALKED:
            walk.enter(tokens, index)
        elif token.type == "table_open" and not any(walk.items):
            found = _table(tokens, index, walk.context())
            yield from (replace(f, section=walk.section) for f in found)
        elif _paragraph_open(tokens, index) and not walk.in_action():
            read = _paragraph(tokens, index, walk)
            if read is not None:
                yield read


def _paragraph_open(tokens: list[Token], index: int) -> bool:
    return tokens[index].type == "paragraph_open" and tokens[index + 1].type == "inline"


def _paragraph(tokens: list[Token], index: int, walk: _Walk) -> _Found | None:
    """The action or reviewed item a paragraph (or a list item's first) holds, if any."""
    first_in_item = tokens[index - 1].type == "list_item_open" if index else False
    found = _read(tokens, index, walk.frames[-1] if first_in_item else None, walk)
    if found is None:
        return None
    if first_in_item and (found.kind is LabelKind.RAISE or found.marked):
        walk.items[-1] = True  # an action's sub-bullets are its notes
    in_review = first_in_item and walk.around() is LabelKind.REVIEW
    return replace(found, section=walk.section, in_review=in_review)


def _table_rows(tokens: list[Token], index: int) -> list[tuple[Token, list[Token]]]:
    """Each row of the table opened at `index` with its cells, from its header on: a table
    whose first row is empty (as some editors export them) has its header in the second."""
    rows: list[tuple[Token, list[Token]]] = []
    for token in tokens[index + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            rows.append((token, []))
        elif token.type == "inline" and rows:
            rows[-1][1].append(token)
    while rows and not any(inline_text(cell) for cell in rows[0][1]):
        rows = rows[1:]
    return rows


def _table(tokens: list[Token], index: int, context: LabelKind) -> Iterator[_Found]:
    """The rows of a table of actions ("| No. | Action | Owner | Status |"): each one an
    action raised, or under a review, an earlier action."""
    rows = _table_rows(tokens, index)
    if len(rows) < 2:
        return
    columns = action_columns([inline_text(cell) for cell in rows[0][1]])
    if columns is None:
        return
    for row, cells in rows[1:]:
        reading = action_row(columns, [cell.content for cell in cells])
        if reading is None:
            continue
        written = columns.action_id if columns.action_id is not None else columns.task
        inline = cells[written] if written < len(cells) else cells[columns.task]
        yield _Found(row, inline, reading, context, False, "")


def _context(frames: list[_Frame], headings: list[tuple[int, LabelKind | None, str]]) -> LabelKind:
    """Review or not, for a marker: the nearest list or heading that says."""
    for frame in reversed(frames):
        if frame.kind is not None:
            return frame.kind
    for _, kind, _ in reversed(headings):
        if kind is not None:
            return kind
    return LabelKind.RAISE


def _list_frame(tokens: list[Token], index: int, walk: _Walk, inside_action: bool) -> _Frame:
    frames, headings = walk.frames, walk.headings
    before = tokens[index - 1] if index > 0 else None
    if (
        before is not None
        and before.type in ("paragraph_close", "heading_close")
        and before.level == tokens[index].level
        and tokens[index - 2].type == "inline"
    ):
        label = _label_of(tokens[index - 2])
        kind = label_kind(label)
        if kind is not None:
            return _Frame(_reviewing(tokens, index, kind, label, walk), inside_action)
    if not frames and headings and headings[-1][1] is not None:
        # A list in an "Actions" section.
        kind, label = headings[-1][1], headings[-1][2]
        return _Frame(_reviewing(tokens, index, kind, label, walk), inside_action)
    return _Frame(None, inside_action)


def _label_of(inline: Token) -> str:
    """The label a paragraph gives the list after it: the whole paragraph ("Actions:"), or
    its last line or sentence where that ends with a colon ("1.1 Budget: discussed.
    Actions:", an earlier action's item whose new actions follow in a sub-list)."""
    whole = inline_text(inline)
    if label_kind(whole) is not None:
        return whole
    last = _LAST_CLAUSE.split(inline.content.strip())[-1]
    return " ".join(last.split()) if last.rstrip(" *_").endswith(":") else whole


def _reviewing(
    tokens: list[Token], index: int, kind: LabelKind, label: str, walk: _Walk
) -> LabelKind:
    """An actions list where most items end with a status ("... DONE", "... IN PROCESS")
    reviews earlier actions, unless its label says they are new ("Action items as a result
    of this meeting"); a status on one item of a few says that one is already done."""
    if kind is not LabelKind.RAISE or says_new(label):
        return kind
    # Read as the items of a list of new actions are (leniently), so that reading is reused
    # when they are: what this asks (statuses, "[new for Ann]") leniency leaves unchanged.
    items = top_level_items(tokens, index)
    readings = [walk.read(inline.content, lenient=True) for _, inline in items]
    if any(r.said_new for r in readings):
        return kind  # "[new for Ann]" beside "[ongoing for Bob]": the actions of this meeting
    statuses = sum(1 for r in readings if r.status_written)
    return LabelKind.REVIEW if readings and statuses * 2 >= len(readings) and statuses > 1 else kind


def _has_sub_list(tokens: list[Token], index: int) -> bool:
    """Does the list item whose first paragraph opens at `index` hold a list after it?"""
    after = index + 3
    return after < len(tokens) and tokens[after].type in _LIST_OPENS


def _sub_status(tokens: list[Token], index: int) -> Trailing | None:
    """A status on a sub-bullet of the item whose first paragraph opens at `index`:
    "- Status: done", or a sub-bullet that is only a status ("- _Closed_")."""
    level = tokens[index].level
    for token in tokens[index + 3 :]:
        if token.level < level:
            return None
        if token.type != "inline":
            continue
        said = token.content.strip()
        if (found := trailing_status(said)) is not None and found.labelled and not found.rest:
            return found
        if (status := whole_status(said)) is not None:
            return Trailing("", status)
    return None


def _read(tokens: list[Token], index: int, frame: _Frame | None, walk: _Walk) -> _Found | None:
    element = tokens[index - 1] if frame is not None else tokens[index]
    inline = tokens[index + 1]
    source = inline.content
    context = walk.context()
    marker = action_marker(source)
    listed = frame is not None and frame.kind is not None
    if not listed and marker is None:
        # Most prose is no action at all: only an action found needs telling from a label.
        found = _unlabelled(element, inline, context)
        return None if found is None or _is_label(tokens, index, frame) else found
    if _is_label(tokens, index, frame):
        return None  # "Action Item followup" over its items: a label, not an action
    kind = frame.kind if frame is not None and frame.kind is not None else context
    if marker is not None:
        reading = _with_marker(marker)
        if reading is None:
            return None
    else:
        reading = walk.read(source, lenient=kind is LabelKind.RAISE)
    if not reading.status_written and frame is not None and (below := _sub_status(tokens, index)):
        reading = replace(reading, status=below.status, note=below.note, status_written=True)

    return _Found(element, inline, reading, kind, marker is not None, "")


def _is_label(tokens: list[Token], index: int, frame: _Frame | None) -> bool:
    inline = tokens[index + 1]
    return label_kind(inline_text(inline)) is not None and (
        frame is None or _has_sub_list(tokens, index) or inline.content.rstrip().endswith(":")
    )


def _unlabelled(element: Token, inline: Token, context: LabelKind) -> _Found | None:
    """An action under no label and with no marker: an id and an owner ("- Pat to order wood
    chip (4.3)"), or a sentence that gives one; never under a review."""
    if context is not LabelKind.RAISE:
        return None
    if may_hold_id(inline.content):  # most prose has no id: spared reading it as an action
        numbered = read_action(inline.content)
        if numbered.action_id and numbered.owner and not numbered.status_written:
            return _Found(element, inline, numbered, LabelKind.RAISE, False, "", unlabelled=True)
    given = prose_action(inline.content)
    if given is None:
        return None
    sentence = ActionText(None, given[0], given[1])
    return _Found(element, inline, sentence, LabelKind.RAISE, True, "")


def _with_marker(marker: Marker) -> ActionText | None:
    reading = read_action(marker.rest, marked=True)
    if not reading.task and not marker.owner:
        return None
    first = reading.task.split(None, 1)[0].casefold().strip(".,:;") if reading.task else ""
    if reading.owner is None and marker.owner is None and first in _NO_TASK:
        return None  # "Action: none", "ACTION: as discussed", "Actions: see above"
    owner = reading.owner
    if marker.owner is not None:
        owner = marker.owner
        guesses: tuple[tuple[str, str], ...] = ()
        task = marker.rest if reading.owner is None else reading.task
    else:
        guesses = reading.guesses
        task = reading.task
        if owner is None and marker.speaker and not guesses:
            guesses = ((marker.speaker, reading.task),)
    return replace(
        reading,
        action_id=marker.action_id or reading.action_id,
        owner=owner,
        task=task if owner is not None or guesses else reading.task,
        guesses=guesses,
    )


def _split_marker_lines(tokens: list[Token]) -> list[Token]:
    """A paragraph with "Action: ..." lines after its first is one paragraph for the text
    before them and one per action line (with the lines that continue it)."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            token.type == "paragraph_open"
            and index + 2 < len(tokens)
            and tokens[index + 1].type == "inline"
            and "\n" in tokens[index + 1].content
        ):
            lines = tokens[index + 1].content.split("\n")
            starts = [0] + [i for i, line in enumerate(lines) if i and action_marker(line)]
            if len(starts) > 1:
                result.extend(_paragraphs(token, tokens[index + 1], tokens[index + 2], starts))
                index += 3
                continue
        result.append(token)
        index += 1
    return result


def _paragraphs(
    opening: Token, inline: Token, closing: Token, starts: list[int]
) -> Iterator[Token]:
    """The paragraph cut before each line in `starts`: lines and inline children alike."""
    lines = inline.content.split("\n")
    pieces: list[list[Token]] = [[]]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            pieces.append([])
        pieces[-1].append(child)
    if len(pieces) != len(lines):
        yield from (opening, inline, closing)  # a break inside a link: leave it whole
        return
    first = opening.map[0] if opening.map else 0
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        children = [c for piece in pieces[start:end] for c in piece]
        if children and children[0].type in ("softbreak", "hardbreak"):
            children = children[1:]
        yield replace_token(opening, map=[first + start, first + end])
        yield replace_token(inline, content="\n".join(lines[start:end]).strip(), children=children)
        yield replace_token(closing)


def link_depth(pieces: list[list[Token]]) -> int:
    return sum(link_depth_change(c) for piece in pieces for c in piece)


def replace_token(token: Token, **changes: object) -> Token:
    copy = token.copy()
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


# --- anchors and id links ---------------------------------------------------------------------


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


def _assign_anchors(readings: list[ActionText]) -> list[str]:
    return claim_anchors([_anchor_base(r) for r in readings], [bool(r.action_id) for r in readings])


def _anchor_base(reading: ActionText) -> str:
    if reading.action_id:
        return "action-" + reading.action_id.replace(".", "-")
    # Slug the words a reader sees, not link destinations.
    words = slugify(_LINK_DEST.sub("]", reading.task), max_words=_SLUG_WORDS)
    return f"action-{words}" if words else "action"


def _word_character(char: str) -> bool:
    return char.isalnum() or char == "_"  # what a regular expression's \w matches


def _written_at(text: str, action_id: str) -> int | None:
    """Where `action_id` is first written in `text` as a whole id: not inside a longer
    number or word ("13.1", "3.1a", "3.1.2"). Found without a pattern made for each id,
    since compiling one costs more than the search and an archive has thousands of ids."""
    start = text.find(action_id)
    while start >= 0:
        end = start + len(action_id)
        before = text[start - 1] if start else ""
        after = text[end : end + 2]
        if not (before and (_word_character(before) or before == ".")) and not (
            after and (_word_character(after[0]) or (after[0] == "." and after[1:2].isdecimal()))
        ):
            return start
        start = text.find(action_id, start + 1)
    return None


def _link_written_id(inline: Token, action_id: str, env: Env) -> None:
    """Make the id where it is written ("(3.1)", "3.4:", "**Action 3.2:**") a link."""
    children = inline.children or []
    if not re.fullmatch(ACTION_ID, action_id):
        return
    order = [*range(min(len(children), 4)), *range(max(len(children) - 2, 0), len(children))]
    for index in dict.fromkeys(order):
        child = children[index]
        if child.type != "text" or (start := _written_at(child.content, action_id)) is None:
            continue
        span = (start, start + len(action_id), action_id)
        nodes = split_with_links(child, [span], "action-id", partial(action_href, env), "action_id")
        inline.children = [*children[:index], *nodes, *children[index + 1 :]]
        return

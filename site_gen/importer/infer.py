"""From a document's lines to a meeting: what can be read from the minutes, and what cannot.

The steps: join page-break splits (reported), find the agenda items, read the part before
them (group, date, number, attendance), then the body: headings become "##", "Action:"
lines and lines under "Actions:" become action lists, owners' initials are written out.
The body is then parsed by the build's own Markdown parser, so the actions and references
reported are exactly those the build will see. Nothing is guessed silently: each finding
carries its line, and what could not be read stays in the minutes as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from site_gen.importer.agenda import Heading, Headings, find_headings
from site_gen.importer.attendance import Entry, Section, read_attendance
from site_gen.importer.dates import find_date
from site_gen.importer.document import Document, Line
from site_gen.importer.findings import Finding, KnownGroup
from site_gen.importer.identity import Identity, find_group, find_meeting_date
from site_gen.importer.owners import InitialsMap, initials_map, write_out_initials
from site_gen.importer.pagebreaks import join_page_breaks
from site_gen.importer.text import list_item, plain, start_id
from site_gen.importer.updates import Update, prose_updates, review_update
from site_gen.importer.words import MEMBER_SUFFIX, REVIEW_HEADING, ROLE_WORDS
from site_gen.markdown import ActionItem, ActionRef, make_markdown

_ACTIONS_LABEL = re.compile(r"(?i)actions?(?:\s+points?)?\s*:?")
_ACTION_MARKER = re.compile(r"^(?i:action)(?:\s+points?)?\s*[:\-\u2013\u2014]\s*(?P<rest>\S.*)$")
_LOOKS_LIKE_ACTION = re.compile(r"^\S+(?:\s+\S+){0,11}\s+to\s+\S")
_NUMBER_PATTERNS = (
    re.compile(r"\bmeeting\s+(?:no\.?\s*|number\s+|#\s*)?(?P<n>\d{1,4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>\d{1,4})(?:st|nd|rd|th)\s+meeting\b", re.IGNORECASE),
)
_ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ],
        start=1,
    )
}
_ORDINAL_MEETING = re.compile(r"\b(?P<word>" + "|".join(_ORDINALS) + r")\s+meeting\b", re.I)


@dataclass(frozen=True)
class Known:
    """What the content folder already holds, for the inference to use."""

    groups: tuple[KnownGroup, ...] = ()
    bodies: frozenset[str] = frozenset()  # casefolded names and aliases
    month_first: bool = False  # numeric dates: the site's language is en-US


@dataclass
class Minutes:
    """One imported meeting: what the front matter and body will hold, and how it was read."""

    document: Document
    group: KnownGroup | None = None
    group_is_new: bool = False
    day: date | None = None
    number: int | None = None
    sections: tuple[Section, ...] = ()
    body: str = ""
    actions: tuple[ActionItem, ...] = ()
    refs: tuple[ActionRef, ...] = ()
    updates: tuple[Update, ...] = ()
    agenda: tuple[tuple[int, str], ...] = ()  # (source line, title)
    inferred: list[Finding] = field(default_factory=list)
    unsure: list[Finding] = field(default_factory=list)
    repaired: list[Finding] = field(default_factory=list)
    body_lines: tuple[int, ...] = ()  # source line of each body line

    def source_line(self, body_line: int) -> int:
        """The document line a line of the written body came from."""
        index = min(max(body_line - 1, 0), len(self.body_lines) - 1)
        return self.body_lines[index] if self.body_lines else 1


# --- the part before the agenda ---------------------------------------------------------------


def _find_number(header: list[Line], minutes: Minutes) -> None:
    for line in header:
        text = plain(line.text)
        for pattern in _NUMBER_PATTERNS:
            match = pattern.search(text)
            if match:
                minutes.number = int(match["n"])
                minutes.inferred.append(Finding(line.number, f"number: {minutes.number}"))
                return
        ordinal = _ORDINAL_MEETING.search(text)
        if ordinal:
            minutes.number = _ORDINALS[ordinal["word"].lower()]
            minutes.inferred.append(Finding(line.number, f"number: {minutes.number}"))
            return


def _number_from_actions(minutes: Minutes) -> None:
    prefixes = {a.action_id.split(".")[0] for a in minutes.actions if a.action_id}
    ids = [a.action_id for a in minutes.actions if a.action_id]
    if minutes.number is not None:
        if len(prefixes) == 1 and prefixes != {str(minutes.number)}:
            minutes.unsure.append(
                Finding(
                    None,
                    f"the meeting is number {minutes.number}, but its actions are "
                    f"numbered {', '.join(i for i in ids if i)}",
                )
            )
        return
    if len(prefixes) == 1:
        minutes.number = int(prefixes.pop())
        minutes.inferred.append(
            Finding(
                None,
                f"number: {minutes.number} (the ids of the actions raised: "
                f"{', '.join(i for i in ids if i)})",
            )
        )
    elif len(prefixes) > 1:
        minutes.unsure.append(
            Finding(
                None,
                f"no number: the actions raised have ids of several meetings "
                f"({', '.join(i for i in ids if i)})",
            )
        )
    else:
        minutes.unsure.append(Finding(None, "no meeting number found: add 'number:' if it has one"))


# --- the body ---------------------------------------------------------------------------------


@dataclass
class _Body:
    """The body being written: Markdown lines and the source line each came from."""

    lines: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    review: list[bool] = field(default_factory=list)  # under a review of earlier actions

    def add(self, text: str, source: int, review: bool) -> None:
        self.lines.append(text)
        self.sources.append(source)
        self.review.append(review)

    def blank(self, source: int, review: bool) -> None:
        if self.lines and self.lines[-1].strip():
            self.add("", source, review)


def _action_text(text: str) -> bool:
    action_id, rest = start_id(plain(text))
    return action_id is not None or _LOOKS_LIKE_ACTION.match(rest) is not None


class _BodyWriter:
    def __init__(
        self, lines: tuple[Line, ...], headings: Headings, initials: InitialsMap, minutes: Minutes
    ) -> None:
        self.lines = lines
        self.headings = headings
        self.initials = initials
        self.minutes = minutes
        self.out = _Body()
        self.review = False

    def write(self, indexes: list[int]) -> _Body:
        position = 0
        while position < len(indexes):
            index = indexes[position]
            line = self.lines[index]
            heading = self.headings.by_index.get(index)
            if heading is not None:
                self._heading(heading, line)
            elif _ACTIONS_LABEL.fullmatch(plain(line.text)) and not self.review:
                position = self._action_list(indexes, position)
                continue
            elif (marker := _ACTION_MARKER.match(plain(line.text))) and not self.review:
                position = self._markers(indexes, position, marker["rest"])
                continue
            elif not line.text.strip():
                self.out.blank(line.number, self.review)
            else:
                self.out.add(line.text, line.number, self.review)
            position += 1
        return self.out

    def _heading(self, heading: Heading, line: Line) -> None:
        if heading.level == 2:  # an agenda item: is it a review of earlier actions?
            self.review = REVIEW_HEADING.search(heading.title) is not None
            self.minutes.agenda += ((line.number, heading.title),)
        elif REVIEW_HEADING.search(heading.title):
            self.review = True
        self.out.blank(line.number, self.review)
        self.out.add(f"{'#' * heading.level} {heading.title}", line.number, self.review)
        self.out.add("", line.number, self.review)

    def _action_item(self, text: str, line: Line, marker: str) -> None:
        reading = write_out_initials(text, self.initials)
        for initials, name, how in reading.read:
            self.minutes.inferred.append(
                Finding(line.number, f"owner {initials!r} is {name} ({how})")
            )
        for initials, why in reading.unknown:
            self.minutes.unsure.append(
                Finding(line.number, f"owner {initials!r} left as written: {why}")
            )
        self.out.add(marker + reading.text, line.number, self.review)

    def _action_list(self, indexes: list[int], position: int) -> int:
        """ "Actions:" and what follows: its list, or lines that read as actions, made a list."""
        label = self.lines[indexes[position]]
        self.out.blank(label.number, self.review)
        self.out.add(label.text, label.number, self.review)
        self.out.add("", label.number, self.review)
        position += 1
        made_list: list[int] = []
        while position < len(indexes):
            line = self.lines[indexes[position]]
            if indexes[position] in self.headings.by_index:
                break
            if not line.text.strip():
                following = position + 1
                if following < len(indexes) and list_item(self.lines[indexes[following]].text):
                    position = following
                    continue
                if self.out.lines and (self.out.lines[-1].strip() or made_list):
                    break  # the end of the list
                position += 1  # blank lines between the label and its list
                continue
            item = list_item(line.text)
            if item is not None and not line.text.startswith((" ", "\t")):
                self._action_item(item, line, line.text[: len(line.text) - len(item)])
            elif item is None and not line.text.startswith((" ", "\t")) and _action_text(line.text):
                made_list.append(line.number)
                self._action_item(line.text.strip(), line, "- ")
            elif item is not None:
                self.out.add(line.text, line.number, self.review)  # a sub-bullet: a note
            else:
                break
            position += 1
        if made_list:
            self.minutes.inferred.append(
                Finding(
                    made_list[0],
                    f"{len(made_list)} lines under {plain(label.text)!r} "
                    "read as actions and written as a list",
                )
            )
        self.out.blank(label.number, self.review)
        return position

    def _markers(self, indexes: list[int], position: int, first: str) -> int:
        """Lines "Action: Dez to ..." (one or several in a row) written as an action list."""
        found: list[tuple[Line, str]] = []
        while position < len(indexes):
            line = self.lines[indexes[position]]
            marker = _ACTION_MARKER.match(plain(line.text))
            if marker and _action_text(marker["rest"]):
                found.append((line, marker["rest"]))
                position += 1
            elif not line.text.strip() and found:
                position += 1
            else:
                break
        if not found:
            line = self.lines[indexes[position]]
            self.minutes.unsure.append(
                Finding(
                    line.number,
                    f"{plain(line.text)!r}: an action, but not written as "
                    "'owner to task': left as text",
                )
            )
            self.out.add(line.text, line.number, self.review)
            return position + 1
        self.out.blank(found[0][0].number, self.review)
        self.out.add("Actions:", found[0][0].number, self.review)
        self.out.add("", found[0][0].number, self.review)
        for line, text in found:
            self._action_item(text, line, "- ")
        self.out.add("", found[-1][0].number, self.review)
        self.minutes.inferred.append(
            Finding(
                found[0][0].number,
                f"{len(found)} 'Action:' line"
                f"{'s' if len(found) != 1 else ''} written as an Actions: list",
            )
        )
        return position


def _blocks(body: _Body) -> list[tuple[str, int, bool]]:
    """Paragraphs and list items of the body, each as one text: (text, source line, review)."""
    blocks: list[tuple[str, int, bool]] = []
    current: list[str] = []
    start = 0
    for index, text in enumerate(body.lines):
        item = list_item(text)
        starts_new = (
            not text.strip()
            or item is not None
            or text.lstrip().startswith(("#", "|"))
            or (current and current[0].lstrip().startswith("|"))
        )
        if starts_new and current:
            blocks.append((" ".join(current), body.sources[start], body.review[start]))
            current = []
        if text.strip():
            if not current:
                start = index
            current.append(item if item is not None else text.strip())
    if current:
        blocks.append((" ".join(current), body.sources[start], body.review[start]))
    return blocks


def _updates(body: _Body, minutes: Minutes) -> None:
    found: list[Update] = []
    for text, line, review in _blocks(body):
        if review:
            update = review_update(text, line)
            if update is not None:
                found.append(update)
                continue
        updates, unclear = prose_updates(plain(text), line)
        found.extend(updates)
        for clause in unclear:
            minutes.unsure.append(
                Finding(line, f"{clause!r} gives more than one status: no update recorded")
            )
    merged: dict[str, Update] = {}
    conflicting: set[str] = set()
    for update in found:
        earlier = merged.get(update.action_id)
        if earlier is None:
            merged[update.action_id] = update
        elif earlier.status != update.status:
            conflicting.add(update.action_id)
            minutes.unsure.append(
                Finding(
                    update.line,
                    f"action {update.action_id} is {update.status} here but "
                    f"{earlier.status} at line {earlier.line}: no update recorded",
                )
            )
    minutes.updates = tuple(u for i, u in merged.items() if i not in conflicting)


def _parse_body(minutes: Minutes) -> None:
    """The actions and references the build will find, from the build's own parser."""
    env: dict[str, object] = {}
    make_markdown().parse(minutes.body, env)
    actions = env.get("actions", [])
    refs = env.get("action_refs", [])
    assert isinstance(actions, list) and isinstance(refs, list)
    minutes.actions = tuple(actions)
    minutes.refs = tuple(refs)


# --- the whole document -----------------------------------------------------------------------


def _attendees(sections: tuple[Section, ...]) -> list[Entry]:
    return [e for s in sections for e in s.entries]


def infer(
    document: Document,
    known: Known,
    forced_group: str | None = None,
    forced_date: date | None = None,
) -> Minutes:
    minutes = Minutes(document)
    minutes.unsure.extend(Finding(None, note) for note in document.notes)
    minutes.unsure.extend(Finding(note.number, note.text) for note in document.remarks)
    lines, joins = join_page_breaks(document.lines, document.page_starts)
    for join in joins:
        minutes.repaired.append(Finding(join.first.number, join.describe()))
    headings = find_headings(lines)
    first_agenda = headings.first_agenda
    before = lines[:first_agenda] if first_agenda is not None else lines
    bodies = set(known.bodies)

    # The title lines come before the attendance; the group they name is needed in turn to
    # read "Evidence Group members:" as the members present.
    first_pass = read_attendance(tuple(before), bodies, "")
    title_end = min(first_pass.used, default=len(before))
    title_lines = [
        line
        for i, line in enumerate(before[:title_end])
        if plain(line.text) and list_item(line.text) is None
    ][:6]
    identity = Identity()
    find_group(title_lines, document, known.groups, forced_group, identity)
    minutes.group, minutes.group_is_new = identity.group, identity.group_is_new
    group_name = minutes.group.name if minutes.group else ""
    attendance = read_attendance(tuple(before), bodies, group_name)
    minutes.sections = attendance.sections
    header_end = (
        len(before)
        if first_agenda is not None
        else (max(attendance.used) + 1 if attendance.used else _header_end(before))
    )
    header = [
        line
        for i, line in enumerate(before[:header_end])
        if i not in attendance.used and plain(line.text)
    ]
    find_meeting_date(header, lines, document, known.month_first, forced_date, identity)
    minutes.day = identity.day
    minutes.inferred.extend(identity.inferred)
    minutes.unsure.extend(identity.unsure)
    _find_number(header, minutes)
    for section in attendance.sections:
        _report_section(section, minutes)
    if not attendance.sections:
        minutes.unsure.append(Finding(None, "no attendance found"))

    # Header lines that gave nothing are kept at the top of the minutes, as written.
    kept = [
        i
        for i, line in enumerate(before[:header_end])
        if i not in attendance.used
        and plain(line.text)
        and not _header_line_used(line, minutes)
        and i != headings.title_index
    ]
    for i in kept:
        minutes.unsure.append(
            Finding(before[i].number, f"{plain(before[i].text)!r} kept as text at the top")
        )
    body_indexes = kept + list(range(header_end, len(lines)))
    writer = _BodyWriter(lines, headings, initials_map(_attendees(minutes.sections)), minutes)
    body = writer.write(body_indexes)
    while body.lines and not body.lines[-1].strip():
        body.lines.pop()
        body.sources.pop()
        body.review.pop()
    minutes.body = "\n".join(body.lines) + "\n"
    minutes.body_lines = tuple(body.sources)
    if not minutes.agenda:
        minutes.unsure.append(Finding(None, "no agenda items found: no '##' headings written"))
    _parse_body(minutes)
    _updates(body, minutes)
    _number_from_actions(minutes)
    return minutes


def _header_end(before: tuple[Line, ...]) -> int:
    """Without agenda or attendance: the header ends after the first date line."""
    for index, line in enumerate(before[:15]):
        if find_date(plain(line.text)):
            return index + 1
    return 0


def _header_line_used(line: Line, minutes: Minutes) -> bool:
    """Did this header line give the group, date or number (or say only "Minutes")?"""
    numbers = {f.line for f in minutes.inferred}
    words = plain(line.text).casefold().strip(" :")
    return line.number in numbers or words in ("minutes", "draft minutes", "meeting minutes")


def _report_section(section: Section, minutes: Minutes) -> None:
    people = sum(1 for e in section.entries if not e.is_body)
    bodies = len(section.entries) - people
    counts = f"{people} {'person' if people == 1 else 'people'}"
    if bodies:
        counts += f", {bodies} {'body' if bodies == 1 else 'bodies'}"
    minutes.inferred.append(
        Finding(section.line, f"attendance {section.label!r}: {section.kind}, {counts}")
    )
    if section.kind_guessed:
        minutes.unsure.append(
            Finding(
                section.line,
                f"the label {section.label!r} names no kind of attendance: "
                f"{section.kind} is a guess from its place; check it",
            )
        )
    for entry in section.entries:
        if entry.is_body:
            minutes.inferred.append(
                Finding(entry.line, f"{entry.name!r} is a body (a team, not a person)")
            )


# --- what a new group file and people.yaml would say ------------------------------------------


def member_role(entry: Entry, group_name: str) -> str | None:
    """The role of a group member as the attendance gives it; None if not a member."""
    role = entry.role.strip()
    if group_name and group_name.casefold() in role.casefold():
        rest = re.sub(re.escape(group_name), "", role, flags=re.IGNORECASE).strip(" ,&-")
        return rest if rest.casefold() in ROLE_WORDS else "Member"
    return None


def body_names(minutes: Minutes) -> dict[str, set[str]]:
    """Bodies named in attendance: base name -> the other spellings the minutes use."""
    found: dict[str, set[str]] = {}
    owner_parts = {
        part.strip()
        for action in minutes.actions
        if action.owner_text
        for part in re.split(r"\s*(?:,|&|/|\band\b)\s*", action.owner_text)
        if part.strip()
    }
    for entry in _attendees(minutes.sections):
        if not entry.is_body:
            continue
        base = MEMBER_SUFFIX.sub("", entry.name).strip() or entry.name
        aliases = found.setdefault(base, set())
        if entry.name != base:
            aliases.add(entry.name)
        for part in owner_parts:
            if MEMBER_SUFFIX.sub("", part).strip().casefold() == base.casefold() and (
                part.casefold() != base.casefold()
            ):
                aliases.add(part)
    return found

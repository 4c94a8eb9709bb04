"""Attendance as minutes write it, anywhere in the document.

A label names the kind ("Present", "Members of the Community present", "Regrets", "Not
attending", "Directors Absent"): as a heading of any level, a line ("Present:",
"**Attendees**:"), or a list item with the names below it. The names follow as bullets, a
roll call of check boxes (`[x]` there, `[ ]` absent), lines of names, a comma list on the same
line or wrapped over the lines below, or a table with a presence column; sub-headings split
the members by class. A sentence can send regrets too ("Zach sends regrets", "Luke is not able
to join"). Lines read as attendance leave the minutes; anything else stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from site_gen.importer.attendance_entry import (
    Entry,
    entries_in,
    looks_like_name,
    nobody,
    parse_entry,
)
from site_gen.importer.attendance_tables import roll_call, table_rows
from site_gen.importer.document import Line
from site_gen.importer.text import MARKDOWN_HEADING, plain, word_count
from site_gen.importer.words import ATTENDANCE_HEADINGS, KIND_WORDS, NOT_A_ROLL
from site_gen.vocabulary import AttendanceKind

__all__ = ["Attendance", "Entry", "Section", "kind_of", "read_attendance"]

_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+\u2022]|\d{1,3}[.)])\s+(?P<text>.*)$")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX\u2713\u2714])\]\s*(?P<text>.*)$")
_LABEL_LINE = re.compile(r"^(?P<label>[^:]{2,80}?)\s*:\s*(?P<rest>.*)$")
_REGRETS_SENTENCES = (
    re.compile(
        r"^(?:note:\s*)?(?P<names>.+?)\s+(?:is|are|was|were)\s+(?:not able|unable)\s+to\s+"
        r"(?:join|attend|make)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<names>.+?)\s*[-\u2013\u2014:]?\s+(?:sends?|sent|gave|give)\s+(?:their\s+)?"
        r"(?:regrets|apologies)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<names>[^:]{2,60}):\s*regrets\+", re.IGNORECASE),
)
_MAX_LABEL_WORDS = 8
_MAX_ITEM_LABEL_WORDS = 6
_BARE_LABELS = {
    "attendees", "attendance", "present", "in attendance", "attending", "participants",
    "apologies", "apologies for absence", "regrets", "absent", "absentees", "observers",
    "observing", "guests", "also present", "also attending", "not attending", "not present",
    "roll call", "members present", "others present", "other attendees",
}  # fmt: skip


@dataclass(frozen=True)
class Section:
    label: str
    kind: AttendanceKind
    entries: tuple[Entry, ...]
    line: int
    kind_guessed: bool = False  # the label names no kind: guessed from its place
    said: bool = False  # from a sentence ("Zach sends regrets"): over any list


@dataclass(frozen=True)
class Attendance:
    sections: tuple[Section, ...]
    used: frozenset[int]  # indexes of the lines that were attendance


def kind_of(label: str) -> AttendanceKind | None:
    words = label.casefold()
    for kind, pattern in KIND_WORDS:
        if pattern.search(words):
            return kind
    return None


_NUMBERED = re.compile(r"(?i)[\s:\-\u2013\u2014]+(?:(?:meeting|no\.?|#)\s*)?\d+(?:[./]\d+)*\W*$")


def label_words(text: str) -> str:
    """A label's words: "**Attendance ((please mark X)**:" -> "Attendance"."""
    words = plain(text).replace("*", "").strip()
    words = re.split(r"\s*[(\[]", words, maxsplit=1)[0]
    # "Attendance 32", "Attendees - Meeting 7": the meeting's number is no part of the label.
    words = _NUMBERED.sub("", words)
    return words.strip(" :-\u2013\u2014")


_TOP_LINES = 80
_SAYS_ATTENDANCE = re.compile(
    r"(?i)\bpresent\b|\battend|\bapolog|\bregrets?\b|\babsen|\bobserv|\bparticipants\b"
    r"|\broll[- ]call\b|\bguests?\b"
)


def _says_attendance(words: str) -> bool:
    return _SAYS_ATTENDANCE.search(words) is not None


def _is_label(words: str, group: str) -> bool:
    if not words or word_count(words) > _MAX_LABEL_WORDS or any(c.isdigit() for c in words):
        return False
    if NOT_A_ROLL.search(words) and not _says_attendance(words):
        return False  # "Individual members approved": people the meeting acted on
    if words.casefold() in ATTENDANCE_HEADINGS or kind_of(words) is not None:
        return True
    return bool(group) and group.casefold() in words.casefold()


@dataclass(frozen=True)
class _Label:
    words: str
    style: str  # "heading", "item" (a list item with names below) or "line"
    depth: int  # heading level, or indent of the item
    rest: str  # names written on the same line, if any


def _label(text: str, group: str) -> _Label | None:
    heading = MARKDOWN_HEADING.match(text.strip())
    if heading:
        words = label_words(heading["title"])
        if _is_label(words, group):
            return _Label(words, "heading", len(heading["marks"]), "")
        return None
    item = _ITEM.match(text)
    body = item["text"] if item else text.strip()
    indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())
    style, depth = ("item", indent) if item else ("line", indent)
    line = _LABEL_LINE.match(plain(body).replace("*", ""))
    if line:
        words = label_words(line["label"])
        if _is_label(words, group):
            return _Label(words, style, depth, line["rest"].strip())
        return None
    words = label_words(body)
    bold = plain(body).startswith("**") or body.strip().startswith(("**", "__"))
    bare = plain(body).replace("*", "").strip()
    # With no colon, only a word that can say nothing else ("Apologies", "**Absent**").
    named = words.casefold() in _BARE_LABELS or (bold and kind_of(words) is not None)
    if words == bare.strip(" :") and named and word_count(words) <= 5:
        return _Label(words, style, depth, "")
    return None


_NOT_ATTENDANCE = re.compile(
    r"(?i)^(?:agenda|topics?|notes?|minutes|discussion|items?|summary|decisions?|actions?"
    r"|next\s+meeting|date|time|location|venue|bosun|facilitator|scribe|moderator|chair"
    r"|note\s*taker|minute\s*taker|links?|resources|announcements|updates?)\b"
)


def _sub_label(text: str, group: str) -> _Label | None:
    """Inside attendance, a line that labels names below it or after it ("Review Team:",
    "Premier member Representatives:", "Council: A, B, C"), even one that names no kind."""
    found = _label(text, group)
    if found is not None:
        return found
    item = _ITEM.match(text)
    body = plain(item["text"] if item else text).replace("*", "").strip()
    inline = _LABEL_LINE.match(body)
    words = (inline["label"] if inline else body).strip()
    rest = inline["rest"].strip() if inline else ""
    if not inline or not words or word_count(words) > 6:
        return None
    if any(c.isdigit() for c in words) or _NOT_ATTENDANCE.match(words):
        return None
    depth = len(item["indent"].expandtabs(4)) if item else 0
    return _Label(words, "item" if item else "line", depth, rest)  # "Council: A, B, C" too


@dataclass
class _Block:
    label: str
    line: int
    kind: AttendanceKind | None
    ticked: list[Entry]
    unticked: list[Entry]
    used: list[int]
    said: bool = False


_COLLEAGUES = re.compile(r"^(?P<names>[^\[\](){}]+?),?\s*[\[({](?P<org>[^\])}]+)[\])}]\s*$")


def _colleagues(text: str, line: int, bodies: set[str]) -> list[Entry] | None:
    """ "Joe Beda, Tim St. Clair [Heptio]": several people of one organisation."""
    found = _COLLEAGUES.match(plain(text))
    if found is None or "," not in found["names"].strip(" ,"):
        return None
    people = entries_in(found["names"], line, bodies)
    if not people or len(people) < 2 or any(len(p.name.split()) < 2 for p in people):
        return None
    org = found["org"].strip()
    return [replace(p, role=", ".join(r for r in (p.role, org) if r)) for p in people]


@dataclass
class _Walk:
    """The names read so far under one label: finished blocks, the current one, and lines
    of names without bullets not yet read."""

    blocks: list[_Block]
    current: _Block
    plain_run: list[int] = field(default_factory=list)
    bulleted: bool = False


class _Reader:
    def __init__(self, lines: tuple[Line, ...], bodies: set[str], group: str) -> None:
        self.lines = lines
        self.bodies = bodies
        self.group = group
        self.blocks: list[_Block] = []
        self.used: set[int] = set()
        self.umbrella = False  # an "Attendees" heading over sections of its own
        # Beyond the top of the minutes, only a label that says attendance in so many words
        # ("Present", "Apologies") is one: "New members:" in a report is not.
        self.top = max(_TOP_LINES, len(lines) * 3 // 10)

    def text(self, index: int) -> str:
        return self.lines[index].text

    def read(self) -> None:
        index = 0
        while index < len(self.lines):
            if self.text(index).lstrip().startswith("|"):
                after_table = self._label_table(index)
                if after_table is not None:
                    index = after_table
                    continue
            label = _label(self.text(index), self.group) or self._step_label(index)
            if label is not None and index >= self.top and not _says_attendance(label.words):
                label = None  # "New IPMC members:" in a report attached at the end
            if label is None:
                self._regrets_sentence(index)
                index += 1
                continue
            after = self._section(index, label)
            if after == index + 1 and index not in self.used:
                self._regrets_sentence(index)  # "- Wes Abel - sends regrets" labels nothing
            index = after

    def _step_label(self, index: int) -> _Label | None:
        """ "- Record attendance" in an agenda, with the lists of names under it."""
        item = _ITEM.match(self.text(index))
        if item is None or item["marker"][:1].isdigit():
            return None
        words = label_words(item["text"])
        if not _says_attendance(words) or word_count(words) > _MAX_ITEM_LABEL_WORDS:
            return None
        depth = len(item["indent"].expandtabs(4))
        below = next((t for t in (ln.text for ln in self.lines[index + 1 :]) if t.strip()), "")
        deeper = _ITEM.match(below)
        if deeper is None or len(deeper["indent"].expandtabs(4)) <= depth:
            return None
        return _Label(words, "item", depth, "")

    def _section(self, index: int, label: _Label) -> int:
        line = self.lines[index].number
        if label.rest:
            used = self._wrapped(index, label.rest)
            rest = " ".join(self.text(i).strip() for i in used[1:])
            rest = f"{label.rest} {rest}".strip()
            entries = entries_in(rest, line, self.bodies)
            if entries is not None and (entries or nobody(rest)):
                self._add(_Block(label.words, line, kind_of(label.words), entries, [], used))
                return used[-1] + 1
            return index + 1
        end = self._block_end(index, label)
        blocks = self._entries(index + 1, end, label, line)
        if not blocks:
            if label.words.casefold() in ATTENDANCE_HEADINGS and label.style != "item":
                self.used.add(index)
                self.umbrella = True
            elif self._empty_label(index, end):
                self.used.add(index)  # "**Community Attendees**:" with no one under it
            return index + 1
        blocks[0].used.append(index)
        for block in blocks:
            self._add(block)
        return max(i for b in blocks for i in b.used) + 1

    def _wrapped(self, index: int, rest: str) -> list[int]:
        """ "Participants: A (AA), B (BB)," and the lines it runs on over: a comma list
        that ends a line with a comma goes on on the next line of text."""
        used = [index]
        while rest.rstrip().endswith(",") and used[-1] + 1 < len(self.lines):
            following = self.text(used[-1] + 1)
            if not following.strip() or MARKDOWN_HEADING.match(following.strip()):
                break
            if _ITEM.match(following) or _label(following, self.group) is not None:
                break
            used.append(used[-1] + 1)
            rest = following
        return used

    def _empty_label(self, index: int, end: int) -> bool:
        """ "**Community Attendees**:" and blank lines up to the next label: nobody."""
        return end > index + 1 and all(not self.text(i).strip() for i in range(index + 1, end))

    def _block_end(self, index: int, label: _Label) -> int:
        """Where the lines that may hold this label's names end."""
        for after in range(index + 1, len(self.lines)):
            if self._ends_block(after, index, label):
                return after
        return len(self.lines)

    def _ends_block(self, after: int, index: int, label: _Label) -> bool:
        text = self.text(after)
        heading = MARKDOWN_HEADING.match(text.strip())
        if label.style == "heading":
            return heading is not None and len(heading["marks"]) <= label.depth
        if heading:
            return True
        if label.style == "item":
            indent = len(text) - len(text.lstrip())
            item = _ITEM.match(text)
            return bool(text.strip()) and indent <= label.depth and (bool(item) or indent == 0)
        if after > index + 1 and _label(text, self.group):
            return True
        indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())
        # "    Guests:" ... " 3. Minutes": less indented than the label
        return bool(text.strip()) and indent < label.depth

    def _entries(self, start: int, end: int, label: _Label, line: int) -> list[_Block]:
        """The names between `start` and `end`, by sub-label; stops at the first line that
        is neither a name nor a sub-label."""
        walk = _Walk([], _Block(label.words, line, kind_of(label.words), [], [], []))
        index: int | None = start
        while index is not None and index < end:
            index = self._entry_step(walk, index, end, label)
        if walk.plain_run:
            self._plain_lines(walk.plain_run, walk.current)
        if walk.current.ticked or walk.current.unticked or walk.current.used:
            walk.blocks.append(walk.current)
        return [b for b in walk.blocks if b.ticked or b.unticked]

    def _entry_step(self, walk: _Walk, index: int, end: int, label: _Label) -> int | None:
        """Read the line at `index`; the index to read next, or None where the names end."""
        text = self.text(index)
        if not text.strip():
            return self._blank_step(walk, index, end, label)
        heading = MARKDOWN_HEADING.match(text.strip())
        sub = _sub_label(text, self.group) if not heading else None
        if heading or sub is not None:
            title = label_words(heading["title"]) if heading else sub.words if sub else ""
            return self._sub_step(walk, index, label, title, sub)
        if text.lstrip().startswith("|"):
            return self._table(index, end, walk.current)
        item = _ITEM.match(text)
        if item is None:
            if walk.bulleted:
                return None  # names were a list: a line of text after it is the minutes again
            walk.plain_run.append(index)
            return index + 1
        walk.bulleted = True
        if not self._flush_plain(walk) or not self._item(index, item["text"], walk.current):
            return None
        return index + 1

    def _flush_plain(self, walk: _Walk) -> bool:
        """Read the lines of names without bullets gathered so far; False if they are not."""
        read = not walk.plain_run or self._plain_lines(walk.plain_run, walk.current)
        walk.plain_run = []
        return read

    def _blank_step(self, walk: _Walk, index: int, end: int, label: _Label) -> int | None:
        if not self._flush_plain(walk):
            return None
        named = bool(walk.current.used) or len(walk.blocks) > 0
        if label.style == "line" and named and not self._more_names(index, end, label):
            return None
        return index + 1

    def _sub_step(
        self, walk: _Walk, index: int, label: _Label, title: str, sub: _Label | None
    ) -> int | None:
        if not self._flush_plain(walk):
            return None
        if walk.current.ticked or walk.current.unticked:
            walk.blocks.append(walk.current)
        # A class of members under the label ("### Project Representatives") takes its
        # kind; a label beside it ("Review Team:" after "Present:") its own.
        child = label.style == "heading" or (sub is not None and sub.depth > label.depth)
        kind = kind_of(title) or (kind_of(label.words) if child else None)
        number = self.lines[index].number
        walk.current = _Block(title, number, kind, [], [], [index])
        if sub is not None and sub.rest:
            found = entries_in(sub.rest, number, self.bodies)
            if found is None:
                return None
            walk.current.ticked.extend(found)
        return index + 1

    def _more_names(self, index: int, end: int, label: _Label) -> bool:
        """After a blank line below names under a "Present:" line: do names go on? A
        bullet or a line indented under the label goes on; "3. Minutes" is the agenda."""
        for after in range(index + 1, end):
            text = self.text(after)
            if text.strip():
                item = _ITEM.match(text)
                if item is not None:
                    return not item["marker"][:1].isdigit()
                indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())
                return indent > label.depth or _sub_label(text, self.group) is not None
        return False

    def _item(self, index: int, text: str, block: _Block) -> bool:
        line = self.lines[index].number
        box = _CHECKBOX.match(plain(text))
        body = box["text"] if box else text
        if nobody(body):
            block.used.append(index)
            return True
        entry = parse_entry(body, line, self.bodies)
        found = [entry] if entry is not None else (entries_in(body, line, self.bodies) or [])
        if (together := _colleagues(body, line, self.bodies)) is not None:
            found = together
        if not found:
            found = self._sentence_names(body, line) or []
        if not found:
            return False
        if box and box["mark"] == " ":
            block.unticked.extend(found)
        else:
            block.ticked.extend(found)
        block.used.append(index)
        return True

    def _plain_lines(self, indexes: list[int], block: _Block) -> bool:
        """Lines of names with no bullets: one a line, or a comma list wrapped over lines."""
        texts = [self.text(i).strip() for i in indexes]
        line = self.lines[indexes[0]].number
        wrapped = (
            len(texts) == 1
            or any(t.endswith(",") for t in texts[:-1])
            or all(t.count(",") >= 2 for t in texts[:-1])
        )
        if wrapped:
            found = entries_in(" ".join(texts), line, self.bodies)
            if found is None:
                return False
            block.ticked.extend(found)
        else:
            entries = [
                parse_entry(t, self.lines[i].number, self.bodies)
                for t, i in zip(texts, indexes, strict=True)
            ]
            if any(e is None for e in entries):
                return False
            block.ticked.extend(e for e in entries if e is not None)
        block.used.extend(indexes)
        return True

    def _table(self, index: int, end: int, block: _Block) -> int:
        texts = [line.text for line in self.lines]
        rows, rules, after = table_rows(texts, index, end)
        numbers = [line.number for line in self.lines]
        read = roll_call(rows, numbers, self.bodies)
        if read is None:
            return after
        block.ticked.extend(read.present)
        block.unticked.extend(read.absent)
        block.used.extend([*read.used, *rules])
        if read.apologies:
            apologies = AttendanceKind.APOLOGIES
            line = self.lines[index].number
            self._add(_Block(f"{block.label} (apologies)", line, apologies, read.apologies, [], []))
        return after

    def _label_table(self, index: int) -> int | None:
        """A table whose rows are attendance labels and names ("| Present | A, B |"), and
        nothing else (a title row aside); None if it is not one."""
        texts = [line.text for line in self.lines]
        rows, _, after = table_rows(texts, index, len(texts))
        blocks = []
        for row_index, cells in rows:
            filled = [plain(c) for c in cells if plain(c)]
            words = label_words(filled[0]) if filled else ""
            if len(filled) == 1 and words.casefold() in ATTENDANCE_HEADINGS:
                continue  # "| Attendance | |"
            kind = kind_of(words) if _is_label(words, self.group) else None
            entries = entries_in(", ".join(filled[1:]), self.lines[row_index].number, self.bodies)
            if kind is None or len(filled) < 2 or entries is None:
                return None
            blocks.append(_Block(words, self.lines[row_index].number, kind, entries, [], []))
        if not blocks:
            return None
        blocks[0].used.extend(range(index, after))
        for block in blocks:
            self._add(block)
        return after

    def _sentence_names(self, text: str, line: int) -> list[Entry] | None:
        sentence = plain(text)
        for pattern in _REGRETS_SENTENCES:
            found = pattern.match(sentence)
            if found:
                names = entries_in(found["names"], line, self.bodies)
                if names and all(looks_like_name(e.name) for e in names):
                    return names
        return None

    def _regrets_sentence(self, index: int) -> None:
        """ "Zach sends regrets", "Note: Luke is not able to join": apologies, and the
        sentence stays in the minutes."""
        item = _ITEM.match(self.text(index))
        text = item["text"] if item else self.text(index)
        names = self._sentence_names(text, self.lines[index].number)
        if names:
            line = self.lines[index].number
            apologies = AttendanceKind.APOLOGIES
            self.blocks.append(_Block("Apologies", line, apologies, names, [], [], said=True))

    def _add(self, block: _Block) -> None:
        self.blocks.append(block)
        self.used.update(block.used)


def read_attendance(lines: tuple[Line, ...], bodies: set[str], group: str) -> Attendance:
    """Every attendance section in `lines`."""
    reader = _Reader(lines, bodies, group)
    reader.read()
    if reader.blocks and not any(b.ticked for b in reader.blocks):
        # A roll call with no box ticked is a template nobody filled in, not everyone absent.
        return Attendance((), frozenset())
    sections = _sections(reader.blocks, reader.umbrella, group)
    return Attendance(tuple(_one_place_each(sections)), frozenset(reader.used))


def _block_kind(
    block: _Block, sections: list[Section], umbrella: bool, group: str
) -> tuple[AttendanceKind, bool] | None:
    """The kind of a block of names, and whether it is a guess; None if it is no attendance."""
    if block.kind is not None:
        return block.kind, False
    if group and group.casefold() in block.label.casefold():
        return AttendanceKind.PRESENT, False  # "Evidence Group:" lists the group's own members
    # Among attendance sections but naming no kind ("Review Team:"): after the members,
    # people in attendance; reported as a guess for the author to check.
    if not sections and not umbrella:
        return None
    if not all(e.is_body or e.role or " " in e.name for e in block.ticked):
        return None  # "Budget", "Staffing": not people
    return (AttendanceKind.IN_ATTENDANCE if sections else AttendanceKind.PRESENT), True


def _sections(blocks: list[_Block], umbrella: bool, group: str) -> list[Section]:
    sections: list[Section] = []
    for block in blocks:
        found = _block_kind(block, sections, umbrella, group)
        if found is None:
            continue
        kind, guessed = found
        there = [e for e in block.ticked if not e.struck]
        gone = [*block.unticked, *(e for e in block.ticked if e.struck)]
        if there:
            sections.append(
                Section(block.label, kind, tuple(there), block.line, guessed, block.said)
            )
        if gone:
            absent = AttendanceKind.ABSENT if kind.attended else kind
            label = f"{block.label} (absent)" if kind.attended else block.label
            sections.append(Section(label, absent, tuple(gone), block.line, guessed))
    return sections


def _one_place_each(sections: list[Section]) -> list[Section]:
    """A person listed twice (a roll call, then "Apologies") is where the minutes say most:
    a sentence sending their regrets over any list (a presence list made by a tool lists
    whoever dialled in), apologies over absent, attended over absent, the first attended
    section over later ones."""
    rank = {
        AttendanceKind.PRESENT: 3,
        AttendanceKind.IN_ATTENDANCE: 3,
        AttendanceKind.OBSERVER: 3,
        AttendanceKind.APOLOGIES: 2,
        AttendanceKind.ABSENT: 1,
    }
    best: dict[str, tuple[int, int]] = {}
    for number, section in enumerate(sections):
        for entry in section.entries:
            key = " ".join(entry.name.casefold().split())
            score = 4 if section.said else rank[section.kind]
            if key not in best or score > best[key][0]:
                best[key] = (score, number)
    kept = []
    for number, section in enumerate(sections):
        entries = tuple(
            e for e in section.entries if best[" ".join(e.name.casefold().split())][1] == number
        )
        if entries:
            kept.append(replace(section, entries=entries))
    return kept

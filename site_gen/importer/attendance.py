"""Attendance as minutes write it: labelled lists of people, or "Present: A, B (Chair), C"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.importer.document import Line
from site_gen.importer.text import list_item, plain, word_count
from site_gen.importer.words import (
    ATTENDANCE_HEADINGS,
    COLLECTIVE,
    KIND_WORDS,
    ROLE_WORDS,
)
from site_gen.vocabulary import AttendanceKind

_TITLES = {
    "cllr", "councillor", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir",
    "dame", "rev", "revd", "lord", "lady", "baroness", "baron",
}  # fmt: skip
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_PARENS_ALL = re.compile(r"\(([^()]*)\)")
_DASH_ROLE = re.compile(r"\s+[-\u2013\u2014]\s+")
_INLINE_LABEL = re.compile(r"^(?P<label>[^:]{2,60}):\s*(?P<rest>\S.*)$")
_MAX_NAME_WORDS = 7


@dataclass(frozen=True)
class Entry:
    name: str
    role: str
    is_body: bool
    initials: str  # as the minutes give them, "Jane Smith (JS)"; "" if not given
    line: int

    def written(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


@dataclass(frozen=True)
class Section:
    label: str
    kind: AttendanceKind
    entries: tuple[Entry, ...]
    line: int
    kind_guessed: bool = False  # the label names no kind: guessed from its place


def kind_of(label: str) -> AttendanceKind | None:
    words = label.casefold()
    for kind, pattern in KIND_WORDS:
        if pattern.search(words):
            return kind
    return None


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or any(c.isdigit() for c in text):
        return False
    if any(c in text for c in ":;!?"):
        return False
    first = words[1] if words[0].rstrip(".").casefold() in _TITLES and len(words) > 1 else words[0]
    return first[:1].isupper()


def _is_body(name: str, role: str, bodies: set[str]) -> bool:
    return name.casefold() in bodies or (not role and COLLECTIVE.search(name) is not None)


def parse_entry(text: str, line: int, bodies: set[str]) -> Entry | None:
    """ "Name, role", "Name (JS, Chair)", "Name - role", a team; None if it names no one."""
    text = plain(text).rstrip(".;,")
    name, role, initials = text, "", ""
    comma, paren = text.find(","), text.find("(")
    if paren >= 0 and (comma < 0 or paren < comma) and _PARENS_ALL.search(text):
        # "Jane Smith (JS) (Chair)", "Jane Smith (JS, Chair), Treasurer"
        name = text[:paren].strip()
        roles = []
        for inside in _PARENS_ALL.findall(text[paren:]):
            for part in (p.strip() for p in inside.split(",")):
                if _INITIALS.match(part) and not initials:
                    initials = part
                elif part:
                    roles.append(part)
        rest = _PARENS_ALL.sub("", text[paren:]).strip(" ,")
        role = ", ".join([*roles, rest] if rest else roles)
    elif "," in text:
        name, _, role = (part.strip() for part in text.partition(","))
    elif _DASH_ROLE.search(text):
        name, role = (part.strip() for part in _DASH_ROLE.split(text, maxsplit=1))
    if _is_body(name, role, bodies):
        return Entry(name, role, True, "", line)
    if not looks_like_name(name):
        return None
    return Entry(name, role, False, initials, line)


def _split_outside_parens(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def inline_entries(text: str, line: int, bodies: set[str]) -> list[Entry] | None:
    """ "A, B (Chair) and C" or "A, Chair; B, Treasurer": entries, or None if any is not one."""
    text = plain(text).rstrip(".")
    if ";" in text:
        parts = _split_outside_parens(text, ";")
    else:
        parts = []
        for part in _split_outside_parens(text, ","):
            parts.extend(p.strip() for p in re.split(r"\s+and\s+", part) if p.strip())
    entries: list[Entry] = []
    for part in parts:
        if ";" not in text and part.casefold() in ROLE_WORDS and entries:
            # "Jane Smith, Chair, Alan Brown": a role word follows the person it belongs to.
            last = entries.pop()
            role = f"{last.role}, {part}" if last.role else part
            entries.append(Entry(last.name, role, last.is_body, last.initials, line))
            continue
        entry = parse_entry(part, line, bodies)
        if entry is None:
            return None
        entries.append(entry)
    return entries or None


@dataclass(frozen=True)
class Attendance:
    sections: tuple[Section, ...]
    used: frozenset[int]  # indexes of the lines that were attendance


def _label(text: str) -> str | None:
    """ "Evidence Group members:" -> "Evidence Group members"; None if not a label line."""
    words = plain(text)
    if list_item(text) is not None or not words or word_count(words) > 8:
        return None
    if words.endswith(":"):
        return words[:-1].strip()
    if ":" not in words and kind_of(words) is not None and word_count(words) <= 4:
        return words  # "Present", "Apologies", "In attendance" with no colon
    return None


def _entries_after(
    lines: tuple[Line, ...], start: int, bodies: set[str]
) -> tuple[list[Entry], list[int]]:
    """The entries listed after a label: a list, or lines of names; their line indexes."""
    entries: list[Entry] = []
    used: list[int] = []
    index = start
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    bulleted = index < len(lines) and list_item(lines[index].text) is not None
    while index < len(lines):
        text = lines[index].text
        if not text.strip():
            following = index + 1
            while following < len(lines) and not lines[following].text.strip():
                following += 1
            if not bulleted or following >= len(lines):
                break
            if list_item(lines[following].text) is None:
                break
            index = following
            continue
        item = list_item(text)
        if bulleted != (item is not None) or _label(text) is not None:
            break
        entry = parse_entry(item if item is not None else text, lines[index].number, bodies)
        if entry is None:
            break
        entries.append(entry)
        used.append(index)
        index += 1
    return entries, used


def read_attendance(lines: tuple[Line, ...], bodies: set[str], group: str) -> Attendance:
    """Every attendance section among `lines` (the part of the minutes before the agenda)."""
    sections: list[Section] = []
    used: set[int] = set()
    under_heading = False  # an "Attendees" line was seen: labels after it are attendance
    index = 0
    while index < len(lines):
        text = lines[index].text
        label = _label(text)
        inline = _INLINE_LABEL.match(plain(text)) if label is None else None
        if inline and kind_of(inline["label"]) is not None and word_count(inline["label"]) <= 5:
            entries = inline_entries(inline["rest"], lines[index].number, bodies)
            kind = kind_of(inline["label"])
            if entries and kind is not None:
                sections.append(
                    Section(inline["label"].strip(), kind, tuple(entries), lines[index].number)
                )
                used.add(index)
                index += 1
                continue
        if label is None:
            index += 1
            continue
        entries, entry_lines = _entries_after(lines, index + 1, bodies)
        if not entries:
            if label.casefold() in ATTENDANCE_HEADINGS:
                used.add(index)  # "Attendees" over the sections that follow
                under_heading = True
            index += 1
            continue
        kind = kind_of(label)
        guessed = False
        if kind is None and group and group.casefold() in label.casefold():
            kind = AttendanceKind.PRESENT  # "Evidence Group:" lists the group's own members
        if kind is None:
            if not sections and not under_heading:
                index += 1
                continue  # a label nothing marks as attendance: leave it as text
            # Among attendance sections but naming no kind ("Review Team:"): after the
            # members, people in attendance; reported as a guess for the author to check.
            kind = AttendanceKind.IN_ATTENDANCE if sections else AttendanceKind.PRESENT
            guessed = True
        sections.append(Section(label, kind, tuple(entries), lines[index].number, guessed))
        used.update([index, *entry_lines])
        index = entry_lines[-1] + 1
    return Attendance(tuple(sections), frozenset(used))

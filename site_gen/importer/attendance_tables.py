"""Attendance written as a table: a roll call with a presence column, or label rows.

A roll call has a column of names (or of given and family names, as a membership register
exports them) and a column of marks: "x", "Present", "Absent", "LoA" (on leave of absence:
apologies). Rows that only name a class of members ("Voting Members") head the rows below.
Label rows put a kind of attendance in the first cell and the names in the next one
("| Present | Ann Lee (AL), Bob Ray |", "| Apologies | Cy Dee |"), as minutes laid out in
Word do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from site_gen.importer.attendance_entry import Entry, parse_entry
from site_gen.importer.text import plain

_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
# Any mark a clerk ticks a box with: "x", "+", a tick, "Y", "yes", "P".
PRESENT_CELL = {
    "x", "y", "yes", "present", "attended", "\u2713", "\u2714", "\u2705", "\u2611", "\u221a",
    "+", "+1", "p",
}  # fmt: skip
ABSENT_CELL = {"", "n", "no", "absent", "-", "\u2717", "\u2718", "a"}
# On leave of absence, excused, regrets: apologies sent.
APOLOGY_CELL = {"loa", "leave of absence", "on leave", "apologies", "apols", "regrets", "excused"}
_NAME_HEADER = re.compile(r"(?i)\bname|\bwho\b|\bmember|\bperson|\battendee")
_GIVEN_HEADER = re.compile(r"(?i)\b(?:given|first|fore)\s*names?\b|\bforename")
_FAMILY_HEADER = re.compile(r"(?i)\b(?:family|last|sur)\s*names?\b|\bsurname")
_PRESENCE_HEADER = re.compile(r"(?i)\bpresent|\battend|\bhere\b|^x$|\bpresence|\bin attendance")
# A roll call may give apologies and absences columns of their own, marked as presence is.
_APOLOGY_HEADER = re.compile(r"(?i)\bapolog|\bregrets?\b|\bexcused\b|^loa$")
_ABSENT_HEADER = re.compile(r"(?i)\babsen|\bnot present\b")
_INITIALS_HEADER = re.compile(r"(?i)^(?:init(?:ials?)?|abbr)\.?$")

Row = tuple[int, list[str]]  # the index of its line, and its cells


def table_rows(texts: Sequence[str], index: int, end: int) -> tuple[list[Row], list[int], int]:
    """The Markdown table from `index`: its rows, the indexes of its rule lines, and the
    index after it."""
    rows: list[Row] = []
    rules: list[int] = []
    while index < end and texts[index].lstrip().startswith("|"):
        if _TABLE_RULE.match(texts[index].strip()):
            rules.append(index)
        else:
            rows.append((index, [c.strip() for c in texts[index].strip().strip("|").split("|")]))
        index += 1
    return rows, rules, index


@dataclass
class RollCall:
    present: list[Entry] = field(default_factory=list)
    absent: list[Entry] = field(default_factory=list)
    apologies: list[Entry] = field(default_factory=list)
    used: list[int] = field(default_factory=list)

    def list_for(self, mark: str) -> list[Entry] | None:
        """Where a row with this mark goes; None for a mark that says nothing."""
        if mark in PRESENT_CELL:
            return self.present
        if mark in APOLOGY_CELL:
            return self.apologies
        return self.absent if mark in ABSENT_CELL else None


def _marks_only(rows: list[Row], column: int) -> bool:
    marks = [plain(cells[column]).casefold() for _, cells in rows if column < len(cells)]
    return any(m in PRESENT_CELL for m in marks) and all(
        m in PRESENT_CELL or m in ABSENT_CELL or m in APOLOGY_CELL for m in marks
    )


def _first(header: list[str], pattern: re.Pattern[str], but: int | None = None) -> int | None:
    return next((i for i, h in enumerate(header) if i != but and pattern.search(h)), None)


@dataclass(frozen=True)
class _Columns:
    name: int
    mark: int
    family: int | None = None  # given and family names in columns of their own
    initials: int | None = None  # "Init": the initials actions give owners by
    apologies: int | None = None  # a column of marks of its own for apologies
    absent: int | None = None  # and one for absences

    def name_of(self, cells: list[str]) -> str:
        name = cells[self.name]
        if self.family is not None and self.family < len(cells):
            name = f"{cells[self.name]} {cells[self.family]}".strip()
        initials = plain(cells[self.initials]) if self.initials is not None else ""
        if initials and initials.isalpha() and plain(name):
            return f"{name} ({initials})"
        return name

    def mark_of(self, cells: list[str]) -> str:
        """The row's presence mark, or, with it empty, what its own apologies or absence
        column says ("| Ann Lee | | + |" under "Present | Apologies": apologies)."""
        mark = plain(cells[self.mark]).casefold()
        if mark:
            return mark
        for column, said in ((self.apologies, "apologies"), (self.absent, "absent")):
            if column is not None and column < len(cells):
                other = plain(cells[column]).casefold()
                if other in PRESENT_CELL or other == said:
                    return said
        return mark


def _columns(rows: list[Row]) -> _Columns | None:
    header = [plain(c) for c in rows[0][1]]
    given = _first(header, _GIVEN_HEADER)
    family = _first(header, _FAMILY_HEADER) if given is not None else None
    name = given if given is not None else _first(header, _NAME_HEADER)
    mark = _first(header, _PRESENCE_HEADER, but=name)
    if mark is None:  # "mark an X if you are here": a column of marks, unheaded
        mark = next((i for i in range(len(header)) if i != name and _marks_only(rows[1:], i)), None)
    if name is None or mark is None or mark in (name, family):
        return None
    return _Columns(
        name, mark, family, _first(header, _INITIALS_HEADER),
        _first(header, _APOLOGY_HEADER, but=mark), _first(header, _ABSENT_HEADER, but=mark),
    )  # fmt: skip


def _header_first(rows: list[Row]) -> tuple[list[Row], list[int]]:
    """The rows from the first with anything in it: a table exported with an empty first
    row has its header in the second. Also the indexes of the empty rows skipped."""
    skipped = []
    while rows and not any(plain(c) for c in rows[0][1]):
        skipped.append(rows[0][0])
        rows = rows[1:]
    return rows, skipped


def roll_call(rows: list[Row], numbers: Sequence[int], bodies: set[str]) -> RollCall | None:
    """A table with a column of names and a column of presence marks; None if it is not
    one. `numbers`: the line number of each index."""
    rows, skipped = _header_first(rows)
    if len(rows) < 2 or (columns := _columns(rows)) is None:
        return None
    read = RollCall(used=[*skipped, rows[0][0]])
    for row_index, cells in rows[1:]:
        if max(columns.name, columns.mark) >= len(cells):
            continue
        others = [c for i, c in enumerate(cells) if i not in (columns.name, columns.family)]
        if len(cells) > 2 and not any(plain(c) for c in others):
            read.used.append(row_index)  # "| Voting Members | | |": a class of members
            continue
        if not plain(columns.name_of(cells)):
            read.used.append(row_index)  # a row's cells broken over a page: not a person
            continue
        entry = parse_entry(columns.name_of(cells), numbers[row_index], bodies)
        where = read.list_for(columns.mark_of(cells))
        if entry is not None and where is not None:
            where.append(entry)
            read.used.append(row_index)
    return read

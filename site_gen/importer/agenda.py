"""Where the agenda items are: "Agenda Item 1: ...", "Item 2 - ...", Markdown headings, or
numbered lines standing alone ("3. Finance")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.importer.attendance import kind_of
from site_gen.importer.document import Line
from site_gen.importer.text import MARKDOWN_HEADING, list_item, plain, word_count
from site_gen.importer.words import SUBHEADINGS

_AGENDA_ITEM = re.compile(r"^(?:agenda\s+)?item\s+\d+[a-z]?\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]?\s+(?P<title>\S.*)$")
_MAX_TITLE_WORDS = 14


@dataclass(frozen=True)
class Heading:
    index: int  # in the document's lines
    title: str
    level: int  # in the output: 2 for an agenda item, 3 and more below it
    agenda: bool


@dataclass(frozen=True)
class Headings:
    by_index: dict[int, Heading]
    title_index: int | None  # a Markdown title ("# Finance Committee"): header, not body

    @property
    def first_agenda(self) -> int | None:
        found = [h.index for h in self.by_index.values() if h.agenda]
        return min(found) if found else None


def _blank(lines: tuple[Line, ...], index: int) -> bool:
    return index < 0 or index >= len(lines) or not lines[index].text.strip()


def _markdown(lines: tuple[Line, ...]) -> dict[int, tuple[int, str]]:
    found = {}
    for index, line in enumerate(lines):
        match = MARKDOWN_HEADING.match(line.text.strip())
        if match:
            found[index] = (len(match["marks"]), plain(match["title"]))
    return found


def _is_subheading(title: str) -> bool:
    return SUBHEADINGS.fullmatch(title) is not None


def _numbered(lines: tuple[Line, ...]) -> dict[int, str]:
    """Standalone short numbered lines, numbered 1, 2, 3 ... in order: an agenda."""
    found: dict[int, str] = {}
    expected = 1
    for index, line in enumerate(lines):
        match = _NUMBERED.match(plain(line.text))
        if not match or line.text.startswith((" ", "\t")):
            continue
        title = plain(line.text)
        standalone = _blank(lines, index - 1) and (
            _blank(lines, index + 1) or list_item(lines[index + 1].text) is None
        )
        neighbours_numbered = any(
            0 <= i < len(lines) and _NUMBERED.match(plain(lines[i].text))
            for i in (index - 1, index + 1)
        )
        if (
            standalone
            and not neighbours_numbered
            and int(match["n"]) == expected
            and word_count(title) <= _MAX_TITLE_WORDS
            and not title.endswith(".")
            and title[len(match["n"]) :].lstrip(".) ")[:1].isupper()
        ):
            found[index] = title
            expected += 1
    return found if len(found) >= 2 else {}


def find_headings(lines: tuple[Line, ...], skip: frozenset[int] = frozenset()) -> Headings:
    """The headings of the minutes; lines in `skip` (attendance) are none of them."""
    markdown = {i: found for i, found in _markdown(lines).items() if i not in skip}
    items = {
        i: plain(line.text)
        for i, line in enumerate(lines)
        if i not in markdown
        and i not in skip
        and list_item(line.text) is None
        and _AGENDA_ITEM.match(plain(line.text))
        and word_count(plain(line.text)) <= _MAX_TITLE_WORDS + 4
    }
    for index, (_, title) in markdown.items():
        if _AGENDA_ITEM.match(title):
            items[index] = title
    title_index = _title(markdown)
    candidates = {
        i: (level, title)
        for i, (level, title) in markdown.items()
        if i != title_index
        and not _is_subheading(title)
        and not (kind_of(title) is not None and word_count(title) <= 4)
    }
    if items:
        agenda = items
    elif candidates:
        top = min(level for level, _ in candidates.values())
        agenda = {i: title for i, (level, title) in candidates.items() if level == top}
    else:
        agenda = {i: t for i, t in _numbered(lines).items() if i not in skip}
    top_level = min((markdown[i][0] for i in agenda if i in markdown), default=2)
    headings = {i: Heading(i, title, 2, True) for i, title in agenda.items()}
    for index, (level, title) in markdown.items():
        if index in agenda or index == title_index:
            continue
        headings[index] = Heading(index, title, min(max(3, level - top_level + 2), 6), False)
    return Headings(headings, title_index)


def _title(markdown: dict[int, tuple[int, str]]) -> int | None:
    """The document's title: its first heading, when no other heading is at that level."""
    if len(markdown) < 2:
        return None
    first = min(markdown)
    level = markdown[first][0]
    others = [i for i, (lv, _) in markdown.items() if i != first and lv <= level]
    return None if others else first

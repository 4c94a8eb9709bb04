"""A file that holds several meetings (one file a year, a heading a meeting, newest first)
split into one document a meeting, each keeping its lines' numbers in the file.

A meeting heading is a heading (Markdown, a line wholly in bold, or in plain text a short
line standing alone) whose words are a full date and little else: "## December 7, 2017",
"# **2024-11-26** *- Canceled*", "## Dec 13, 2021 [Private Meeting]". A file is split when
at least two such headings at one level give different dates, in order (newest or oldest
first), and none says "next" or "future". What comes before the first meeting heading (the
file's title, its notes) belongs to no meeting: it is not imported, and the report says
so with its lines; its title may still name the group. A heading that says "template" ends
the meeting before it in the same way.

A heading that says the meeting was cancelled ("Canceled", "no meeting", "postponed") is
noted and not written as a meeting. A privacy tag ("[Private Meeting]", "Closed Session",
"in camera") marks a meeting whose minutes are withheld (README: "Private meetings").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from site_gen.importer.dates import find_dates
from site_gen.importer.document import Document, Line, Part
from site_gen.importer.text import MARKDOWN_HEADING, plain, word_count

_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<title>.+?)(?:\*\*|__)\s*(?P<rest>.*)$")
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:from|since|until|till|before|after|by|to|than)\s*$", re.IGNORECASE
)
_NOT_A_MEETING = re.compile(r"\b(?:next|future|upcoming|deadline|due)\b", re.IGNORECASE)
_TEMPLATE = re.compile(r"\btemplate\b", re.IGNORECASE)
_CANCELLED = re.compile(
    r"\b(?:cancel+(?:ed|led)?|cancel+ation|postponed|no meeting|not held|did not meet)\b",
    re.IGNORECASE,
)
PRIVACY = re.compile(
    r"\b(?:(?:private|closed|confidential|restricted)(?:\s+\w+)?\s+(?:meeting|session)|"
    r"in[- ]camera|executive\s+session|part\s+(?:2|ii|b)\b)",
    re.IGNORECASE,
)
_MAX_OTHER_WORDS = 10  # words in a meeting heading besides its date
_MIN_SHARE = 1 / 3  # of the headings at their level: "### Update from 2025-07-08 ..." is a topic
_BOLD, _ALONE = 7, 8  # levels of a bold line and of a plain line standing alone
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PATH = re.compile(r"\S/\S")  # "minutes/1999/board_minutes_1999_06_01.txt" is no heading
_MIN_IN_ORDER = 0.75  # of the steps between meeting headings, in one direction


@dataclass(frozen=True)
class Split:
    parts: tuple[Document, ...]  # one meeting each; the document itself when not split
    left_out: tuple[Line, ...] = ()  # lines (first of each stretch) in no meeting, with why


@dataclass(frozen=True)
class _Heading:
    index: int
    level: int  # Markdown level, or _BOLD, or _ALONE
    text: str  # as written, without the heading marks


def _heading(lines: tuple[Line, ...], index: int, markdown: bool) -> _Heading | None:
    text = lines[index].text
    match = MARKDOWN_HEADING.match(text.strip())
    if match:
        return _Heading(index, len(match["marks"]), match["title"])
    bold = _BOLD_LINE.match(text)
    if bold and not text.startswith((" ", "\t")):
        return _Heading(index, _BOLD, text.strip())
    alone = (index == 0 or not lines[index - 1].text.strip()) and (
        index + 1 >= len(lines) or not lines[index + 1].text.strip()
    )
    if not markdown and alone and text.strip() and not text.lstrip().startswith(("-", "*")):
        return _Heading(index, _ALONE, text.strip())
    return None


def _meeting_heading(heading: _Heading) -> bool:
    words = plain(heading.text)
    found = find_dates(words)
    bare = _URL.sub(" ", words)
    if len(found) != 1 or _NOT_A_MEETING.search(words) or _PATH.search(bare):
        return False
    before = words[: found[0].start]
    rest = before + words[found[0].start + len(found[0].text) :]
    if _POINTS_ELSEWHERE.search(before):  # "Update from 2024-02-01 call": a topic
        return False
    return word_count(re.sub(r"[^\w\s]", " ", rest)) <= _MAX_OTHER_WORDS


def _in_order(days: list[date]) -> bool:
    steps = list(itertools.pairwise(days))
    if not steps:
        return False
    down = sum(1 for a, b in steps if a > b)
    up = sum(1 for a, b in steps if a < b)
    return max(down, up) >= _MIN_IN_ORDER * len(steps)


def privacy_tag(text: str) -> str:
    match = PRIVACY.search(plain(text))
    return match.group() if match else ""


def split_meetings(document: Document) -> Split:
    lines = document.lines
    markdown = any(MARKDOWN_HEADING.match(ln.text.strip()) for ln in lines)
    headings = [h for i in range(len(lines)) if (h := _heading(lines, i, markdown))]
    by_level: dict[int, list[_Heading]] = {}
    for heading in headings:
        if _meeting_heading(heading):
            by_level.setdefault(heading.level, []).append(heading)
    chosen: list[_Heading] = []
    for level in sorted(by_level, key=lambda lv: (-len(by_level[lv]), lv)):
        found = by_level[level]
        days = [find_dates(plain(h.text))[0].day for h in found]
        peers = [h for h in headings if h.level == level and plain(h.text)]
        if (
            len(set(days)) >= (3 if level == _ALONE else 2)
            and _in_order(days)
            and len(found) >= _MIN_SHARE * len(peers)
        ):
            chosen = found
            break
    if not chosen:
        return Split((document,))
    level = chosen[0].level
    enders = [
        h.index
        for h in headings
        if h.level <= level and _TEMPLATE.search(h.text) and not _meeting_heading(h)
    ]
    starts = [h.index for h in chosen]
    left_out: list[Line] = []
    before = [ln for ln in lines[: starts[0]] if ln.text.strip()]
    if before:
        left_out.append(
            Line(
                before[0].number,
                f"lines {before[0].number}-{before[-1].number}, before the first meeting's "
                "heading, belong to no meeting: not imported",
            )
        )
    context = tuple(ln for ln in before if MARKDOWN_HEADING.match(ln.text.strip()))[:1] or tuple(
        before[:1]
    )
    parts = []
    for number, heading in enumerate(chosen):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        stop = next((e for e in enders if heading.index < e < end), end)
        if stop < end:
            rest = [ln for ln in lines[stop:end] if ln.text.strip()]
            left_out.append(
                Line(
                    lines[stop].number,
                    f"lines {lines[stop].number}-{rest[-1].number} "
                    f"({plain(lines[stop].text)!r}): a template, in no meeting: not imported",
                )
            )
        text = heading.text
        part = Part(
            text,
            lines[heading.index].number,
            cancelled=_CANCELLED.search(plain(text)) is not None,
            private=privacy_tag(text),
        )
        parts.append(
            Document(
                document.path,
                lines[heading.index + 1 : stop],
                document.unit,
                document.notes,
                tuple(s for s in document.said if s.key != "date"),
                document.page_starts,
                context,
                part,
                tuple(
                    r
                    for r in document.remarks
                    if lines[heading.index].number <= r.number < _number_at(lines, stop)
                ),
            )
        )
    return Split(tuple(parts), tuple(left_out))


def _number_at(lines: tuple[Line, ...], index: int) -> int:
    return lines[index].number if index < len(lines) else lines[-1].number + 1

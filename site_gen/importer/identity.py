"""Which meeting a document is: its group and its date, and where each was read.

The date, by this rule (README, "Which date wins"): a meeting's own heading in a file that
holds several; else a `date:` in front matter; else a full date in the file's name, then in
its folders (the date the archive files it under); else the first date in the minutes'
heading lines; else `--date`. Any other of these that says another date is reported as a
thing to check, with its line, and so is a year in the path that disagrees.

The group: `--group`; else a group the content knows, named in the title lines; else a
title line that reads as a group's name ("AWSF TAC Meeting - 12 September 2018" gives
"AWSF TAC"); else the title of the file a meeting was split from, or its front matter or
HTML title; else the nearest folder's name, reported for checking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from site_gen.importer.dates import FoundDate, find_date, find_dates, path_date, path_years
from site_gen.importer.document import Document, Line
from site_gen.importer.findings import Finding, KnownGroup
from site_gen.importer.text import plain, word_count
from site_gen.slugs import slugify

_GROUP_FROM_MINUTES = re.compile(
    r"^(?:(?:draft|approved|unconfirmed)\s+)?minutes\s+of\s+(?:the\s+)?"
    r"(?:(?:\w+|\d+(?:st|nd|rd|th))\s+(?:meeting|session)\s+of\s+(?:the\s+)?)?"
    r"(?P<name>.+?)(?:\s+(?:meeting|session))?(?:\s+(?:held|on|at)\b.*|[,(].*)?$",
    re.IGNORECASE,
)
# What a title says after the group's name: "... Meeting Minutes", "... Weekly Telecon
# Transcript for", "... meeting =", "... team minutes,".
_TITLE_TAIL = re.compile(
    r"(?:[\s\-\u2013\u2014:,|=#*]+|\s+(?:for|of|on|held|dated?)"
    r"|\s+(?:(?:weekly|monthly|annual|special|regular|ordinary|extraordinary|general|"
    r"public|private|closed|open|draft|approved|sync)\b)"
    r"|\s+(?:meeting|minutes|agenda|notes|transcript|teleconference|telecon|call)s?\b)$",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.I
)
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_MAX_GROUP_WORDS = 8
_GROUP_NOUN = re.compile(
    r"\b(?:committee|sub-committee|board|group|panel|council|forum|commission|party|"
    r"assembly|cabinet|network|trustees|governors|steering|team|tac|tsc|cg|wg|sig)\b",
    re.IGNORECASE,
)
_NOT_A_NAME = {"minutes", "meeting", "agenda", "attendees", "attendance", "notes", "the"}
_AGENDA_TITLE = re.compile(r"\bagenda\b", re.IGNORECASE)


@dataclass
class Identity:
    group: KnownGroup | None = None
    group_is_new: bool = False
    day: date | None = None
    inferred: list[Finding] = field(default_factory=list)
    unsure: list[Finding] = field(default_factory=list)


# --- the group ---------------------------------------------------------------------------------


def group_name(text: str) -> str | None:
    """ "Minutes of the Finance Committee meeting held on ...", "AWSF TAC Meeting - 12 Sep
    2018", or a line that is only a name; None if the line names no group."""
    words = plain(text).strip(" :-")
    match = _GROUP_FROM_MINUTES.match(words)
    if match:
        name = match["name"]
    else:
        for found in sorted(find_dates(words), key=lambda f: f.start, reverse=True):
            words = words[: found.start] + " " + words[found.start + len(found.text) :]
        words = _BRACKETED.sub(" ", _WEEKDAY.sub(" ", _YEAR.sub(" ", _TIME.sub(" ", words))))
        name = " ".join(words.split())
        while True:
            shorter = _TITLE_TAIL.sub("", name)
            if shorter == name:
                break
            name = shorter
    name = name.strip(" .,:-=*#\u2013\u2014")
    if name.isupper() and len(name.split()) > 2:
        name = _title_case(name)  # "ASHFORD PARISH COUNCIL", set in capitals as a heading
    numbers = any(w.strip(".,:;()#").isdigit() for w in name.split())  # "W3C" is a name
    if not name or not 1 <= word_count(name) <= _MAX_GROUP_WORDS or numbers:
        return None
    if name.casefold() in _NOT_A_NAME or not name[0].isupper() or any(c in name for c in ".;!?"):
        return None
    return name


def _title_case(name: str) -> str:
    small = {"and", "of", "the", "for", "on", "in", "to", "a"}
    words = name.lower().split()
    return " ".join(
        w if i and w in small else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        for i, w in enumerate(words)
    )


def _folder_group(path: str) -> str | None:
    """The nearest folder whose name is not a date or a year: "finance-committee/2024/x.md"."""
    for folder in reversed(PurePath(path).parent.parts):
        words = " ".join(re.split(r"[-_\s]+", folder)).strip()
        if not words or words in (".", "..") or folder.startswith(".") or find_date(words):
            continue
        if _YEAR.fullmatch(words) or not any(c.isalpha() for c in words):
            continue
        return words if any(c.isupper() for c in words) else words.title()
    return None


def find_group(
    title_lines: list[Line],
    document: Document,
    groups: tuple[KnownGroup, ...],
    forced: str | None,
    identity: Identity,
) -> None:
    if forced:
        for group in groups:
            if forced in (group.slug, group.name) or forced.casefold() == group.name.casefold():
                identity.group = group
                identity.inferred.append(Finding(None, f"group: {group.name} (--group)"))
                return
        identity.group = KnownGroup(slugify(forced), forced)
        identity.group_is_new = True
        identity.inferred.append(Finding(None, f"group: {forced} (--group), a new group"))
        return
    said = [Line(s.line, s.value) for s in document.said if s.key == "title"]
    lines = [*title_lines, *document.context, *said]
    by_length = sorted(groups, key=lambda g: len(g.name), reverse=True)
    for line in lines:
        words = plain(line.text).casefold()
        for group in by_length:
            if group.name.casefold() in words:
                identity.group = group
                identity.inferred.append(Finding(line.number, f"group: {group.name}"))
                return
    candidates = [(line, name) for line in lines if (name := group_name(line.text))]
    how = ""
    if not candidates and (folder := _folder_group(document.path)):
        candidates = [(Line(0, folder), folder)]
        how = " (the folder's name: check it, or give --group)"
    if not candidates:
        identity.unsure.append(
            Finding(None, "no group found in the heading of the minutes: give one with --group")
        )
        return
    # "Riverside Trust" then "Finance Committee": the one that names a kind of group.
    line, name = next(((ln, n) for ln, n in candidates if _GROUP_NOUN.search(n)), candidates[0])
    slug = slugify(name)
    existing = next((g for g in groups if g.slug == slug), None)
    identity.group = existing or KnownGroup(slug, name)
    identity.group_is_new = existing is None
    new = f", a new group (groups/{slug}.yaml)" if existing is None else ""
    identity.inferred.append(Finding(line.number or None, f"group: {name}{new}{how}"))
    for other, other_name in candidates:
        if other_name != name and other.number in {t.number for t in title_lines}:
            identity.unsure.append(
                Finding(other.number, f"{other_name!r} could also be the group's name")
            )
    for title in title_lines[:3]:
        if _AGENDA_TITLE.search(plain(title.text)):
            identity.inferred.append(
                Finding(title.number, "the title says 'Agenda': read as minutes, check they are")
            )
            break


# --- the date ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    day: date
    what: str  # "the meeting's heading", "front matter", "the file's name" ...
    line: int | None
    text: str = ""  # as written, for the report
    note: str = ""


def _first_in(lines: list[Line] | tuple[Line, ...], month_first: bool) -> tuple[Line, FoundDate]:
    for line in lines:
        found = find_date(plain(line.text), month_first)
        if found is not None:
            return line, found
    raise LookupError


def find_meeting_date(
    header: list[Line],
    lines: tuple[Line, ...],
    document: Document,
    month_first: bool,
    forced: date | None,
    identity: Identity,
) -> None:
    sources: list[_Source] = []
    if document.part is not None:
        found = find_date(plain(document.part.heading), month_first)
        if found is not None:
            sources.append(
                _Source(found.day, "the meeting's heading", document.part.line, found.text)
            )
    said = document.said_value("date")
    if said is not None and (found := find_date(said.value, month_first)) is not None:
        sources.append(_Source(found.day, "the front matter's date", said.line, found.text))
    in_path = path_date(document.path, month_first) if document.part is None else None
    if in_path is not None:
        sources.append(_Source(in_path.day, in_path.where, None))
    body: list[Line] = [
        *header,
        *(Line(s.line, s.value) for s in document.said if s.key == "title"),
    ]
    for lines_to_search in (body, list(lines[:40])):
        try:
            line, found = _first_in(lines_to_search, month_first)
        except LookupError:
            continue
        sources.append(_Source(found.day, "the minutes", line.number, found.text, found.note))
        break
    if forced is not None:
        sources.append(_Source(forced, "--date", None))
    if not sources:
        identity.unsure.append(
            Finding(None, "no date found: the meeting cannot be filed without one")
        )
        return
    chosen = sources[0]
    identity.day = chosen.day
    # The line that says it, if the minutes do: that line has given the date.
    shown = next((s for s in sources if s.day == chosen.day and s.line is not None), chosen)
    written = f" ({shown.text!r})" if shown.text else f" ({shown.what})"
    identity.inferred.append(Finding(shown.line, f"date: {chosen.day.isoformat()}{written}"))
    if chosen.note:
        identity.unsure.append(Finding(chosen.line, chosen.note))
    body_days = {f.day for ln in header for f in find_dates(plain(ln.text), month_first)}
    for other in sources[1:]:
        if other.day == chosen.day or (other.what == "the minutes" and chosen.day in body_days):
            continue
        said_as = f" ({other.text!r})" if other.text else ""
        identity.unsure.append(
            Finding(
                other.line or chosen.line,
                f"the date in {other.what}, {other.day.isoformat()}{said_as}, is not the date "
                f"in {chosen.what}, {chosen.day.isoformat()}, which is used: check which is "
                "right (README: which date wins)",
            )
        )
    for year, where in path_years(document.path):
        if year != chosen.day.year:
            identity.unsure.append(
                Finding(
                    chosen.line,
                    f"{where} says {year}, but the meeting's date is {chosen.day.isoformat()}: "
                    "check the date, or that the file is filed in the right place",
                )
            )


def preview_date(document: Document, month_first: bool, forced: date | None) -> date | None:
    """The date by the same rule, from the document's first lines: enough to put an
    archive in order before it is read in full."""
    header = [line for line in document.lines[:60] if plain(line.text)][:15]
    identity = Identity()
    find_meeting_date(header, document.lines, document, month_first, forced, identity)
    return identity.day

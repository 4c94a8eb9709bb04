"""Dates as minutes and their file names write them.

"30th July 2021", "Tuesday, 4 March 2025", "March 4, 2025", "Dec 13, 2021", "29 June, 2022",
"2025-03-04", "2024 08 30", "20200721", "board_minutes_1999_06_22", "30/07/2021" ...
and in file names only, a two-digit year after dashes: "29-4-24-minutes".
A numeric date such as 04/03/2025 reads day first or month first: the archive decides when
any of its dates settles the order (31/01/2025 can only be day first), else the site's
language (en-US reads month first). Dates inside web addresses are not the meeting's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_PATTERNS = (
    # 2025-03-04, 2025/03/04, 2025.03.04, and (two-digit parts only) 2025 03 04, 2025_03_04
    re.compile(
        r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?:(?P<sep>[-/.])(?P<mm>\d{1,2})(?P=sep)(?P<dd>\d{1,2})"
        r"|(?P<sep2>[ _])(?P<mm2>\d{2})(?P=sep2)(?P<dd2>\d{2}))(?![\d])"
    ),
    # 20250304
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<mm3>\d{2})(?P<dd3>\d{2})(?![\d])"),
    # 4 March 2025, 4th of March, 2025, 4-Mar-2025
    re.compile(rf"(?<![\d.]){_DAY}(?:\s+of)?(?:\s+|-){_MONTH}(?:,?\s+|-){_YEAR}", re.IGNORECASE),
    # March 4, 2025; Dec 13th 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    # 04/03/2025, 04.03.2025, 04-03-2025, 4/3/25
    re.compile(
        r"(?<![\d./-])(?P<a>\d{1,2})(?P<nsep>[/.-])(?P<b>\d{1,2})(?P=nsep)"
        r"(?P<nyear>(?:19|20)\d{2}|(?<=/)\d{2})(?![\d/])"
    ),
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\]\([^)\s]*\)", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    day: date
    text: str  # as written
    note: str = ""  # how an ambiguous form was read
    start: int = 0  # where in the text
    numeric_order: str = ""  # "day" or "month" when the form itself settles it


def find_dates(text: str, month_first: bool = False) -> list[FoundDate]:
    """Every date written in `text`, in order, leaving out those inside web addresses."""
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            parsed = _parse(match, month_first)
            if parsed is not None:
                found.append(parsed)
                taken.append(match.span())
    return sorted(found, key=lambda f: f.start)


def find_date(text: str, month_first: bool = False) -> FoundDate | None:
    """The first date written in `text`, or None. Numeric dates are day first unless told."""
    found = find_dates(text, month_first)
    return found[0] if found else None


def _parse(match: re.Match[str], month_first: bool) -> FoundDate | None:
    groups = match.groupdict()
    if groups.get("a"):
        return _numeric(match, month_first)
    year = int(groups["year"])
    for m, d in (("mm", "dd"), ("mm2", "dd2"), ("mm3", "dd3")):
        if groups.get(m):
            month, day = int(groups[m]), int(groups[d])
            break
    else:
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
    try:
        return FoundDate(date(year, month, day), match.group(), start=match.start())
    except ValueError:
        return None


def _numeric(match: re.Match[str], month_first: bool) -> FoundDate | None:
    """ "04/03/2025": the reading the archive or the site's language prefers, if both are dates."""
    first, second = int(match["a"]), int(match["b"])
    year = int(match["nyear"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    orders = (
        ((second, first), (first, second)) if month_first else ((first, second), (second, first))
    )
    readings = []
    for day, month in orders:
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    note, settled = "", ""
    if len(set(readings)) > 1:
        note = f"read {match.group()!r} as {'month/day' if month_first else 'day/month'}/year"
    elif first != second:
        settled = "day" if readings[0].day == first else "month"
    return FoundDate(readings[0], match.group(), note, match.start(), settled)


def numeric_order(texts: Iterable[str]) -> bool | None:
    """Evidence in an archive for month-first numeric dates: True (month first), False (day
    first), or None when no date settles it or its dates disagree."""
    orders = set()
    for text in texts:
        for found in find_dates(text):
            if found.numeric_order:
                orders.add(found.numeric_order)
    if len(orders) != 1:
        return None
    return orders == {"month"}


# --- dates in a file's path ----------------------------------------------------------------------


@dataclass(frozen=True)
class PathDate:
    day: date
    where: str  # "the file's name", "the folder '2024-01-09'"
    in_name: bool  # from the file's own name (not a folder)


# Only in a file's or folder's name: a two-digit year after dashes, dots or spaces
# ("29-4-24-meeting-minutes", "07.05.24 notes"), where in prose "4-3-25" may be anything.
_NAME_SHORT_YEAR = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})(?P<nsep>[-. ])(?P<b>\d{1,2})(?P=nsep)(?P<nyear>\d{2})(?![\d])"
)


def name_date(name: str, month_first: bool = False) -> FoundDate | None:
    """The first date a file's or folder's name gives, in any form a name may write it."""
    text = name.replace("_", " ")
    found = find_date(text, month_first)
    if found is not None:
        return found
    for match in _NAME_SHORT_YEAR.finditer(text):
        if (short := _numeric(match, month_first)) is not None:
            return short
    return None


def path_date(path: str, month_first: bool = False) -> PathDate | None:
    """The full date nearest the file in its path: its name, then its folders."""
    pure = PurePath(path)
    names = [(pure.stem, "the file's name", True)] + [
        (folder, f"the folder {folder!r}", False) for folder in reversed(pure.parent.parts)
    ]
    for name, where, in_name in names:
        found = name_date(name, month_first)
        if found is not None and not found.note:
            return PathDate(found.day, where, in_name)
    return None


def path_years(path: str) -> list[tuple[int, str]]:
    """Years alone in the path ("2024.md", "minutes/2025/..."): (year, where), nearest first.
    A name that holds a full date is left to `path_date`."""
    pure = PurePath(path)
    names = [(pure.stem, "the file's name")] + [
        (folder, f"the folder {folder!r}") for folder in reversed(pure.parent.parts)
    ]
    found = []
    for name, where in names:
        years = _YEAR_ONLY.findall(name)
        if len(years) == 1 and name_date(name) is None:
            found.append((int(years[0]), where))
    return found

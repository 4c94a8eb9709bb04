"""Dates as minutes write them: "30th July 2021", "Tuesday 4 March 2025", "30/07/2021" ..."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mm>\d{2})-(?P<dd>\d{2})\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b"),
)


@dataclass(frozen=True)
class FoundDate:
    day: date
    text: str  # as written
    note: str = ""  # how an ambiguous form was read


def find_date(text: str, month_first: bool = False) -> FoundDate | None:
    """The first date written in `text`, or None. Numeric dates are day first unless told."""
    found: list[tuple[int, FoundDate]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _parse(match, month_first)
            if parsed is not None:
                found.append((match.start(), parsed))
    return min(found, key=lambda f: f[0])[1] if found else None


def _parse(match: re.Match[str], month_first: bool) -> FoundDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("a"):
        return _numeric(match, year, int(groups["a"]), int(groups["b"]), month_first)
    if groups.get("mm"):
        month, day = int(groups["mm"]), int(groups["dd"])
    else:
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
    try:
        return FoundDate(date(year, month, day), match.group())
    except ValueError:
        return None


def _numeric(
    match: re.Match[str], year: int, first: int, second: int, month_first: bool
) -> FoundDate | None:
    """ "04/03/2025": the reading the site's language prefers, if both are dates."""
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
    note = ""
    if len(set(readings)) > 1:
        note = f"read {match.group()!r} as {'month/day' if month_first else 'day/month'}/year"
    return FoundDate(readings[0], match.group(), note)

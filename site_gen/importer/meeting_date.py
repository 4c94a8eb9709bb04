"""The day of the meeting, from its header or its first lines."""

from __future__ import annotations

from site_gen.importer.dates import find_date
from site_gen.importer.document import Line
from site_gen.importer.minutes import Finding, Known, Minutes
from site_gen.importer.text import plain


def find_meeting_date(
    header: list[Line], everything: tuple[Line, ...], known: Known, minutes: Minutes
) -> None:
    for lines in (header, everything[:40]):
        for line in lines:
            found = find_date(plain(line.text), known.month_first)
            if found:
                minutes.day = found.day
                minutes.inferred.append(
                    Finding(line.number, f"date: {found.day.isoformat()} ({found.text!r})")
                )
                if found.note:
                    minutes.unsure.append(Finding(line.number, found.note))
                return
    minutes.unsure.append(Finding(None, "no date found: the meeting cannot be filed without one"))


def header_end(before: tuple[Line, ...]) -> int:
    """Without agenda or attendance: the header ends after the first date line."""
    for index, line in enumerate(before[:15]):
        if find_date(plain(line.text)):
            return index + 1
    return 0

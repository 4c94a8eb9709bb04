"""Owners written as initials ("JS/AB to circulate the budget"), read as the attendees they are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.importer.attendance import Entry
from site_gen.importer.text import start_id

_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_OWNER_SPLIT = re.compile(r"\sto\s")
_JOINERS = re.compile(r"(\s*(?:,|&|/|\band\b)\s*)")
_TITLES = re.compile(
    r"^(?:cllr|councillor|dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame|rev|revd)\.?$", re.I
)
_MAX_OWNER_WORDS = 12


@dataclass(frozen=True)
class InitialsMap:
    """Initials to attendees: those the minutes give, else those that fit one attendee only."""

    given: dict[str, str]
    worked_out: dict[str, str]

    def name(self, initials: str) -> tuple[str | None, str]:
        """The attendee, and how we know: "given" or "worked out"; (None, why not) if unknown."""
        if initials in self.given:
            return self.given[initials], "initials given in the attendance"
        if initials in self.worked_out:
            name = self.worked_out[initials]
            if name:
                return name, "the only attendee with these initials"
            return None, "the initials of more than one attendee"
        return None, "the initials of no attendee"


def _initials_of(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s]+", name) if w and not _TITLES.match(w)]
    if not words:
        return set()
    parts = [p for w in words for p in w.split("-") if p]
    every = "".join(p[0] for p in parts).upper()
    first_last = (parts[0][0] + parts[-1][0]).upper()
    return {every, first_last}


def initials_map(entries: list[Entry]) -> InitialsMap:
    given = {e.initials: e.name for e in entries if e.initials and not e.is_body}
    worked: dict[str, str] = {}
    for entry in entries:
        if entry.is_body:
            continue
        for initials in _initials_of(entry.name):
            if worked.get(initials, entry.name) != entry.name:
                worked[initials] = ""  # two attendees: initials that name no one
            else:
                worked[initials] = entry.name
    return InitialsMap(given, worked)


@dataclass(frozen=True)
class OwnerReading:
    text: str  # the action's text with initials written out
    read: tuple[tuple[str, str, str], ...]  # (initials, name, how)
    unknown: tuple[tuple[str, str], ...]  # (initials, why not)


def write_out_initials(action: str, initials: InitialsMap) -> OwnerReading:
    """ "4.1 JS/AB to circulate" -> "4.1 Jane Smith/Alan Brown to circulate"."""
    _, rest = start_id(action)
    prefix = action[: len(action) - len(rest)]
    split = _OWNER_SPLIT.search(rest)
    if not split or len(rest[: split.start()].split()) > _MAX_OWNER_WORDS:
        return OwnerReading(action, (), ())
    owner = rest[: split.start()]
    read, unknown, parts = [], [], []
    for part in _JOINERS.split(owner):
        if _INITIALS.match(part.strip()):
            name, how = initials.name(part.strip())
            if name:
                read.append((part.strip(), name, how))
                part = part.replace(part.strip(), name)
            else:
                unknown.append((part.strip(), how))
        parts.append(part)
    return OwnerReading(
        prefix + "".join(parts) + rest[split.start() :], tuple(read), tuple(unknown)
    )

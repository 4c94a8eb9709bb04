"""Short ways minutes name people: initials, handles, surnames, "PhilO", "Tim H".

Attendance may give them ("Jane Smith (JS)", "Ben Elder (@bentheelder)"); otherwise a short
form names a person only when exactly one of those it is matched against fits it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TITLES = re.compile(
    r"^(?:cllr|councillor|dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame|rev|revd|lord|lady)\.?$",
    re.IGNORECASE,
)
INITIALS = re.compile(r"^[A-Z]{2,4}$")
_HANDLE = re.compile(r"^@?(?P<handle>[A-Za-z0-9][\w.-]{0,38})$")
# "PhilO", "TimSt", "KimW": a first name, then the start of the surname.
_FIRST_AND_SURNAME_START = re.compile(r"^(?P<first>[A-Z][a-z]+)\s?(?P<last>[A-Z][a-z]?)\.?$")
# What attendance writes after a name, in brackets: initials or a handle.
_GIVEN = re.compile(r"^(?P<name>.*?\S)\s*\(\s*(?P<short>@[\w.-]+|[A-Z]{2,4})\s*\)?\s*$")
_MIN_PREFIX = 3
_MIN_HANDLE_PREFIX = 4


def name_words(name: str) -> list[str]:
    """The words of a name without titles: "Cllr Jane Smith" -> ["Jane", "Smith"]."""
    return list(_name_words(name))


# The link matches each owner against the same few names, meeting after meeting.
@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.replace(".", ". ").split() if w and not _TITLES.match(w))


def initials_of(name: str) -> set[str]:
    """ "Jane Smith" -> {"JS"}; "Jean-Francois Panisset" -> {"JFP", "JP"}."""
    words = [w for w in name_words(name) if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    parts = [p for w in words for p in w.split("-") if p]
    every = "".join(p[0] for p in parts).upper()
    first_last = (words[0][0] + words[-1][0]).upper()
    return {every, first_last}


def split_given(text: str) -> tuple[str, str, str]:
    """ "Jane Smith (JS)" -> ("Jane Smith", "JS", ""); "Ben Elder (@bentheelder)" ->
    ("Ben Elder", "", "@bentheelder"); brackets that are neither stay in the name.

    Initials count only when they could be the name's: "Bob Martin (MITRE)" keeps its
    brackets, as an affiliation.
    """
    found = _GIVEN.match(text.strip())
    if found is None:
        return text.strip(), "", ""
    name, short = found["name"].strip(), found["short"]
    if short.startswith("@"):
        return name, "", short
    words = name_words(name)
    if len(words) >= 2 and short[0] == words[0][0].upper() and short[-1] in _capitals(words):
        return name, short, ""
    return text.strip(), "", ""


def _capitals(words: list[str]) -> set[str]:
    return {p[0].upper() for w in words for p in re.split(r"[-'\u2019]", w) if p}


def surname_of(name: str) -> str:
    words = name_words(name)
    return words[-1].casefold() if len(words) >= 2 else ""


def first_name_of(name: str) -> str:
    words = name_words(name)
    return words[0].casefold() if words else ""


def fits(short: str, name: str) -> bool:
    """Does a short form written for an owner fit this full name? Initials ("JS"), a surname
    ("Philips"), a first name and the start of the surname ("PhilO", "Tim H"), or the start
    of a first name ("Phil" for Phillip); never a bare first name (matched before this)."""
    short = short.strip()
    words = name_words(name)
    if len(words) < 2:
        return False
    if INITIALS.match(short):
        return short in initials_of(name)
    folded = short.casefold()
    if " " not in folded and folded == words[-1].casefold():
        return True
    if found := _FIRST_AND_SURNAME_START.match(short):
        first, last = found["first"].casefold(), found["last"].casefold()
        return words[0].casefold().startswith(first) and any(
            w.casefold().startswith(last) for w in words[1:]
        )
    return (
        " " not in folded
        and len(folded) >= _MIN_PREFIX
        and short[:1].isupper()
        and words[0].casefold().startswith(folded)
        and words[0].casefold() != folded
    )


def handle_fits(written: str, name: str) -> bool:
    """Does a handle fit a full name: "@joeandrieu" Joe Andrieu, "@dmitriz" Dmitri
    Zagidulin, "@jsmith" Jane Smith, "@burn" Dan Burnett (the start of the surname)?"""
    found = _HANDLE.match(written)
    words = [re.sub(r"[^a-z]", "", w.casefold()) for w in name_words(name)]
    words = [w for w in words if w]
    if found is None or len(words) < 2:
        return False
    text = re.sub(r"[^a-z]", "", found["handle"].casefold())
    first, last = words[0], words[-1]
    if len(text) < _MIN_PREFIX:
        return False
    if text in (first + last, last + first, first[0] + last, last, first + last[0]):
        return True
    if text.startswith(first) and len(text) > len(first) and last.startswith(text[len(first) :]):
        return True  # a first name and the start of the surname
    return len(text) >= _MIN_HANDLE_PREFIX and last.startswith(text)


def handle(text: str) -> str | None:
    """ "@joesepi" -> "@joesepi" (a handle written as one); None for anything else."""
    return text if text.startswith("@") and _HANDLE.match(text) else None

"""Owners as clerks write them when the meeting's attendance says who they are: initials
("JS" for the one attendee who is Jane Smith), and names that look like organisations.

The import work has a fuller set of short forms (site_gen.conventions.short_names on the
main line); when it is merged here, `initials_fit` gives way to its `fits`.
"""

from __future__ import annotations

import re

INITIALS = re.compile(r"^[A-Z]{2,4}$")
_TITLES = {"cllr", "councillor", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"}
# Words that name an organisation, not a person: "NICE", "Review Team", "Department for ...".
_BODY_WORDS = re.compile(
    r"(?i)\b(?:team|council|department|dept|ministry|committee|board|office|agency|service|"
    r"services|trust|authority|association|institute|university|college|commission|"
    r"foundation|ltd|limited|inc|plc|unit|partnership|network|secretariat|panel|centre|center)\b"
)


def initials_of(name: str) -> set[str]:
    """ "Jane Smith" -> {"JS"}; "Jean-Luc de Vries" -> {"JLDV", "JDV", "JV", "JLV"}."""
    words = [w for w in name.replace(".", " ").split() if w.casefold() not in _TITLES]
    words = [w for w in words if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    parts = [p for w in words for p in w.split("-") if p]
    first, last = words[0].split("-"), words[-1]
    found = {
        "".join(p[0] for p in parts),
        words[0][0] + last[0],
        "".join(w[0] for w in words),
        "".join(p[0] for p in first) + last[0],
    }
    return {f.upper() for f in found}


def initials_fit(written: str, name: str) -> bool:
    """Are `written` ("JS") the initials of `name`?"""
    return bool(INITIALS.match(written)) and written in initials_of(name)


def looks_like_body(text: str) -> bool:
    """An acronym ("NICE", "DfE") or a name with an organisation's word in it."""
    letters = text.replace(" ", "")
    capitals = sum(c.isupper() for c in letters)
    # Two or three capitals alone are more likely someone's initials ("JS").
    acronym = letters.isalpha() and capitals >= 2 and (len(letters) >= 4 or capitals < len(letters))
    return acronym or bool(_BODY_WORDS.search(text))

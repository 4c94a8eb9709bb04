"""The meeting's sequence number: from its heading, or from the ids of the actions it raised."""

from __future__ import annotations

import re

from site_gen.importer.document import Line
from site_gen.importer.findings import Finding
from site_gen.importer.minutes import Minutes
from site_gen.importer.text import plain

_NUMBER_PATTERNS = (
    re.compile(r"\bmeeting\s+(?:no\.?\s*|number\s+|#\s*)?(?P<n>\d{1,4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>\d{1,4})(?:st|nd|rd|th)\s+meeting\b", re.IGNORECASE),
)
_ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ],
        start=1,
    )
}
_ORDINAL_MEETING = re.compile(r"\b(?P<word>" + "|".join(_ORDINALS) + r")\s+meeting\b", re.I)


def find_number(header: list[Line], minutes: Minutes) -> None:
    for line in header:
        text = plain(line.text)
        for pattern in _NUMBER_PATTERNS:
            match = pattern.search(text)
            if match:
                minutes.number = int(match["n"])
                minutes.inferred.append(Finding(line.number, f"number: {minutes.number}"))
                return
        ordinal = _ORDINAL_MEETING.search(text)
        if ordinal:
            minutes.number = _ORDINALS[ordinal["word"].lower()]
            minutes.inferred.append(Finding(line.number, f"number: {minutes.number}"))
            return


def number_from_actions(minutes: Minutes) -> None:
    prefixes = {a.action_id.split(".")[0] for a in minutes.actions if a.action_id}
    ids = [a.action_id for a in minutes.actions if a.action_id]
    if minutes.number is not None:
        if len(prefixes) == 1 and prefixes != {str(minutes.number)}:
            minutes.unsure.append(
                Finding(
                    None,
                    f"the meeting is number {minutes.number}, but its actions are "
                    f"numbered {', '.join(i for i in ids if i)}",
                )
            )
        return
    if len(prefixes) == 1:
        minutes.number = int(prefixes.pop())
        minutes.inferred.append(
            Finding(
                None,
                f"number: {minutes.number} (the ids of the actions raised: "
                f"{', '.join(i for i in ids if i)})",
            )
        )
    elif len(prefixes) > 1:
        minutes.unsure.append(
            Finding(
                None,
                f"no number: the actions raised have ids of several meetings "
                f"({', '.join(i for i in ids if i)})",
            )
        )
    else:
        minutes.unsure.append(Finding(None, "no meeting number found: add 'number:' if it has one"))

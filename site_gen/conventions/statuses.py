"""Where an earlier action stands, in the words minutes use, and where they write them.

A status is read only where minutes put one: at the end of the item ("... - Closed",
"... (done)", "... _Done_", "... DONE", "... Status: still not done"), or on a "Status:"
line of its own. A status word inside a sentence ("we need to get this done") is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.vocabulary import ActionStatus

STATUS_WORDS: dict[str, ActionStatus] = {
    "open": ActionStatus.OPEN,
    "still open": ActionStatus.OPEN,
    "outstanding": ActionStatus.OPEN,
    "still outstanding": ActionStatus.OPEN,
    "pending": ActionStatus.OPEN,
    "still pending": ActionStatus.OPEN,
    "not started": ActionStatus.OPEN,
    "not done": ActionStatus.OPEN,
    "not yet done": ActionStatus.OPEN,
    "still not done": ActionStatus.OPEN,
    "not complete": ActionStatus.OPEN,
    "not completed": ActionStatus.OPEN,
    "not yet complete": ActionStatus.OPEN,
    "incomplete": ActionStatus.OPEN,
    "carried forward": ActionStatus.OPEN,
    "carry forward": ActionStatus.OPEN,
    "carried over": ActionStatus.OPEN,
    "carry over": ActionStatus.OPEN,
    "to do": ActionStatus.OPEN,
    "todo": ActionStatus.OPEN,
    "deferred": ActionStatus.OPEN,
    "in progress": ActionStatus.IN_PROGRESS,
    "in process": ActionStatus.IN_PROGRESS,
    "in hand": ActionStatus.IN_PROGRESS,
    "ongoing": ActionStatus.IN_PROGRESS,
    "on-going": ActionStatus.IN_PROGRESS,
    "still ongoing": ActionStatus.IN_PROGRESS,
    "underway": ActionStatus.IN_PROGRESS,
    "under way": ActionStatus.IN_PROGRESS,
    "partly done": ActionStatus.IN_PROGRESS,
    "partially done": ActionStatus.IN_PROGRESS,
    "wip": ActionStatus.IN_PROGRESS,
    "closed": ActionStatus.CLOSED,
    "complete": ActionStatus.CLOSED,
    "completed": ActionStatus.CLOSED,
    "done": ActionStatus.CLOSED,
    "discharged": ActionStatus.CLOSED,
    "resolved": ActionStatus.CLOSED,
    "finished": ActionStatus.CLOSED,
    "achieved": ActionStatus.CLOSED,
    "actioned": ActionStatus.CLOSED,
    "dropped": ActionStatus.DROPPED,
    "withdrawn": ActionStatus.DROPPED,
    "cancelled": ActionStatus.DROPPED,
    "canceled": ActionStatus.DROPPED,
    "abandoned": ActionStatus.DROPPED,
    "superseded": ActionStatus.DROPPED,
    "no longer required": ActionStatus.DROPPED,
    "no longer needed": ActionStatus.DROPPED,
    "not needed": ActionStatus.DROPPED,
}


def _alternatives(words: list[str]) -> str:
    # Longest first, so "not done" is never read as "done"; spaces match any run of spaces.
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


STATUS = rf"(?P<status>(?i:{_alternatives(list(STATUS_WORDS))}))"
_STATUS_ONLY = re.compile(STATUS)
# Words with no separator before them that still end an item as a status ("... carry forward").
_UNMISTAKABLE = [w for w in STATUS_WORDS if " " in w and w not in ("to do", "in hand")]
_UNMISTAKABLE += ["ongoing"]

_EMPHASIS = r"(?:\*\*|__|\*|_)"
_END = r"[.!]?\s*$"
# "... (done)", "... [Closed]."
_BRACKETED = re.compile(rf"\s*[(\[]\s*{_EMPHASIS}?{STATUS}{_EMPHASIS}?\s*[)\]]{_END}")
# "... _Done_", "... - **Closed**"
_EMPHASISED = re.compile(
    rf"\s*(?:[-\u2013\u2014:|]\s*)?(?P<mark>{_EMPHASIS}){STATUS}[.!]?(?P=mark){_END}"
)
# "... - Closed", "...: in progress; two quotes received", "... . Done." "... -- Done"
_SEPARATED = re.compile(
    rf"(?:\s*(?:-{{1,2}}|[\u2013\u2014|:])\s*|(?<=[.;!])\s+|\s+(?=[A-Z]))(?P<mark>{_EMPHASIS})?"
    rf"{STATUS}(?P=mark)?(?:\s*[.;:,!]\s*(?P<note>\S.*?))?{_END}",
    re.DOTALL,
)
# "... DONE", "... IN PROCESS": capitals, so no sentence ends like this by chance.
_CAPITALS = re.compile(rf"\s+{STATUS}{_END}")
_PLAIN_END = re.compile(rf"\s+(?P<status>(?i:{_alternatives(_UNMISTAKABLE)})){_END}")
# "Status: still not done", on its own line or after the task.
STATUS_LABEL = re.compile(
    rf"(?:^|\n\s*|(?<=[.;,])\s*|\s+[-\u2013\u2014]\s+){_EMPHASIS}?(?i:status){_EMPHASIS}?\s*:"
    rf"\s*{_EMPHASIS}?(?P<said>.*)$",
    re.DOTALL,
)
# Words a "Status:" line uses for where an action stands, beside the status words: "report
# received", "PMC pinged", "still to reach out", "all good".
_SAID: dict[str, ActionStatus] = {
    "received": ActionStatus.CLOSED,
    "all good": ActionStatus.CLOSED,
    "confirmed": ActionStatus.CLOSED,
    "pinged": ActionStatus.IN_PROGRESS,
    "started": ActionStatus.IN_PROGRESS,
    "in review": ActionStatus.IN_PROGRESS,
    "still to": ActionStatus.OPEN,
    "not yet": ActionStatus.OPEN,
    "no progress": ActionStatus.OPEN,
    "will do": ActionStatus.OPEN,
}
# A status word that a modal turns into a plan: "will be done".
_STATEMENT = re.compile(
    rf"(?P<before>\b(?i:will|to|should|must|would|could|might|shall)\s+be\s+)?"
    rf"\b(?:{STATUS}|(?P<said>(?i:{_alternatives(list(_SAID))})))\b"
)


@dataclass(frozen=True)
class Trailing:
    """A status written at the end of an item: the item without it, the status, a note."""

    rest: str
    status: ActionStatus | None  # None: an empty "Status:" (no update was recorded)
    note: str = ""
    labelled: bool = False  # written after "Status:"


def status_of(phrase: str) -> ActionStatus | None:
    """The status a whole phrase names: "Done", "IN PROCESS", "carried forward"."""
    return STATUS_WORDS.get(" ".join(phrase.casefold().split()))


def status_statement(said: str) -> tuple[ActionStatus, str] | None:
    """What a "Status:" line says: its first status phrase, and the text as a note.

    "still not done" is open, "Done. Progress is slow" closed; "will be done" names none;
    "report received" names none either (a note without a status).
    """
    text = " ".join(said.split()).strip(" .")
    for found in _STATEMENT.finditer(text):
        if found["before"]:
            continue
        word = found["status"] or found["said"]
        status = status_of(word) or _SAID.get(" ".join(word.casefold().split()))
        if status is not None:
            if found["said"]:
                return status, text  # "report received": the words are the note
            return status, _note(text, *found.span("status"))
    return None


def _note(text: str, start: int, end: int) -> str:
    """The text of a status line without the status itself when it leads: "Done. Slow" -> "Slow"."""
    if start == 0:
        return text[end:].strip(" .,;:-\u2013\u2014")
    return text


def trailing_status(text: str) -> Trailing | None:
    """A status at the end of an action's text, or on a "Status:" line below it."""
    labelled = STATUS_LABEL.search(text)
    if labelled is not None:
        rest = text[: labelled.start()].rstrip()
        said = labelled["said"].strip().strip("*_").strip()
        reading = status_statement(said) if said else None
        if reading is None:
            return Trailing(rest, None, " ".join(said.split()), labelled=True)
        return Trailing(rest, reading[0], reading[1], labelled=True)
    for pattern in (_BRACKETED, _EMPHASISED):
        found = pattern.search(text)
        if found:
            return _trailing(text, found)
    found = _SEPARATED.search(text)
    if found and found.start() > 0:
        return _trailing(text, found, found["note"] or "")
    found = _CAPITALS.search(text)
    if found and found["status"].isupper() and found.start() > 0:
        return _trailing(text, found)
    found = _PLAIN_END.search(text)
    if found and found.start() > 0:
        return _trailing(text, found)
    return None


def _trailing(text: str, found: re.Match[str], note: str = "") -> Trailing | None:
    status = status_of(found["status"])
    rest = text[: found.start()].rstrip(" \n-\u2013\u2014:|")
    if status is None or not rest.strip():
        return None
    return Trailing(rest, status, " ".join(note.split()).strip(" ."))


def whole_status(text: str) -> ActionStatus | None:
    """A text that is only a status, as a table cell or a sub-bullet: "Done", "_Closed_."."""
    words = text.strip().strip("*_ .()[]")
    found = _STATUS_ONLY.fullmatch(words)
    return status_of(found["status"]) if found else None

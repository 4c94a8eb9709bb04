"""Where earlier actions stand, when the minutes say so explicitly.

Two forms count: a "Review of previous actions" section whose items give an id and a status
("4.1 Circulate the budget - closed", a table row "| 4.2 | ... | In progress |"), and prose
that says it in one clause ("actions 1.5, 1.8, 2.3 and 2.5 are all open"). A clause that
names actions without a status ("will be covered later") is a mention, not an update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.conventions.statuses import STATUS, STATUS_WORDS
from site_gen.importer.text import ID, REF_PHRASE, start_id
from site_gen.vocabulary import ActionStatus

_CLAUSES = re.compile(r";|(?<=[.!?])\s+(?=[A-Z\"“(])")
_STATUS_CLAUSE = re.compile(
    r"\b(?:(?:is|are|was|were|remains?|remained|has been|have been|had been)"
    rf"(?:\s+(?:now|all|still|both|also))*|now)\s+{STATUS}\b",
    re.IGNORECASE,
)
_TASK = re.compile(
    rf"\bactions?\s+(?P<id>{ID.pattern})\s*,?\s+to\s+(?P<task>.+?)\s+"
    r"(?:is|was|has been|remains?)\b",
    re.IGNORECASE,
)
# "... - closed", "...: in progress. Circulated on 3 March", "... Status: done", "... (closed)"
_REVIEW_STATUS = re.compile(
    rf"(?:\s*[-\u2013\u2014:|]\s*|\s+status:?\s*|\s*\(\s*){STATUS}\b\)?[.;:]?(?P<note>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Update:
    action_id: str
    status: ActionStatus
    line: int
    how: str  # "review" or "prose"
    note: str = ""
    task: str = ""


def _status(word: str) -> ActionStatus:
    return STATUS_WORDS[" ".join(word.lower().split())]


def prose_updates(text: str, line: int) -> tuple[list[Update], list[str]]:
    """Updates stated in one clause of prose; and the clauses that were not clear."""
    updates, unclear = [], []
    for clause in _CLAUSES.split(text):
        ids = [
            i.group() for phrase in REF_PHRASE.finditer(clause) for i in ID.finditer(phrase.group())
        ]
        if not ids:
            continue
        statuses = {_status(m["status"]) for m in _STATUS_CLAUSE.finditer(clause)}
        if len(statuses) > 1:
            unclear.append(clause.strip())
            continue
        if not statuses:
            continue
        (status,) = statuses
        task = _TASK.search(clause)
        for action_id in ids:
            found = task["task"].strip() if task and len(ids) == 1 else ""
            updates.append(Update(action_id, status, line, "prose", task=found))
    return updates, unclear


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def review_update(text: str, line: int) -> Update | None:
    """One item (or table row) of a review of earlier actions, if it gives id and status."""
    if text.strip().startswith("|"):
        return _table_update(_cells(text), line)
    action_id, rest = start_id(text.strip())
    if action_id is None:
        return None
    found = _REVIEW_STATUS.search(rest)
    if found is None:
        return None
    task = rest[: found.start()].strip().rstrip(".")
    note = found["note"].strip(" .-\u2013\u2014:")
    return Update(action_id, _status(found["status"]), line, "review", note, task)


def _table_update(cells: list[str], line: int) -> Update | None:
    ids = [c for c in cells if ID.fullmatch(c)]
    statuses = [(i, c) for i, c in enumerate(cells) if re.fullmatch(STATUS + r"\.?", c, re.I)]
    if len(ids) != 1 or len(statuses) != 1:
        return None
    texts = [c for c in cells if c not in ids and c != statuses[0][1] and len(c.split()) > 2]
    task = texts[0] if texts else ""
    return Update(ids[0], _status(statuses[0][1].rstrip(".")), line, "review", task=task)

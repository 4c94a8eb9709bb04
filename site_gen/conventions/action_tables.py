"""Actions kept in a table, as Word minutes and action logs do:

    | No. | Action                        | Owner | Due    | Status      |
    | 3.1 | Connect the review team ...   | Dez   | 1 Sept | Open        |

A table is one of actions when its header names a column of what is to be done ("Action",
"Task", "Description") and one of who does it or its number ("Owner", "Who", "Lead",
"Res(ponsible)", "Assigned to", "No.", "Ref", "Item"). Each row is then one action: its id,
owner, task and, if the table says, status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.conventions.action_text import ACTION_ID, ActionText, split_id
from site_gen.conventions.statuses import status_statement, whole_status

_ID_HEADER = re.compile(
    r"(?i)^(?:no\.?|nos?|#|ref\.?|reference|id|item|number|action\s*(?:no\.?|#|ref\.?|id|number))$"
)
_TASK_HEADER = re.compile(r"(?i)\b(?:actions?|tasks?|description|what|action\s+required)\b")
_OWNER_HEADER = re.compile(
    r"(?i)\b(?:owners?|who|by\s+whom|res(?:p\.?|ponsible|ponsibility)?|leads?|assigned(?:\s+to)?"
    r"|assignees?|person|actionee|action(?:ed)?\s+by)\b"
)
_STATUS_HEADER = re.compile(r"(?i)\b(?:status|progress|update|outcome|state|done)\b")
_WORDS = re.compile(r"[^\W_]")
_NO_OWNER = re.compile(r"(?i)^(?:|-+|\.+|\u2013|\u2014|n/?a|tbc|tbd|\?+|none)$")
_ID_CELL = re.compile(rf"^\(?(?P<id>{ACTION_ID})\)?\.?$")


@dataclass(frozen=True)
class Columns:
    task: int
    action_id: int | None = None
    owner: int | None = None
    status: int | None = None


def action_columns(headers: list[str]) -> Columns | None:
    """Which column is which, if the header is one of a table of actions."""
    plain = [" ".join(h.split()) for h in headers]
    found_id = next((i for i, h in enumerate(plain) if _ID_HEADER.match(h)), None)
    owner = next((i for i, h in enumerate(plain) if _OWNER_HEADER.search(h)), None)
    status = next(
        (i for i, h in enumerate(plain) if _STATUS_HEADER.search(h) and i not in (owner,)), None
    )
    task = next(
        (
            i
            for i, h in enumerate(plain)
            if _TASK_HEADER.search(h) and i not in (found_id, owner, status)
        ),
        None,
    )
    if task is None or (owner is None and found_id is None):
        return None
    return Columns(task, found_id, owner, status)


def action_row(columns: Columns, cells: list[str]) -> ActionText | None:
    """One row of a table of actions, read; None for a row with no task."""

    def cell(index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    task = cell(columns.task)
    if not _WORDS.search(task):
        return None  # "| 4.08 | .. | .. |": a row kept empty (dots, dashes) is no action
    action_id = None
    if found := _ID_CELL.match(cell(columns.action_id)):
        action_id = found["id"]
    else:
        action_id, task = split_id(task)
    owner = cell(columns.owner)
    said = cell(columns.status)
    status = whole_status(said) if said else None
    note = ""
    if said and status is None and (reading := status_statement(said)) is not None:
        status, note = reading
    return ActionText(
        action_id=action_id,
        owner=None if _NO_OWNER.match(owner) else owner,
        task=task.strip(),
        status=status,
        status_written=status is not None,
        note=note,
    )

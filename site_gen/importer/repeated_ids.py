"""An action id raised again: what import foresees, so the archive it writes builds.

The same id listed again with the same task is the action carried forward, and the build
records it so (an update, not a second raise). The same id for another task (ids that start
again each year, a slip of the pen) would stop the build: the import writes that id as code
(`3.1`), so the minutes keep it where it was and the build reads it as no id, and says so.
"""

from __future__ import annotations

import re

from site_gen.conventions.same_action import same_task
from site_gen.importer.findings import Finding
from site_gen.importer.minutes import Known, Minutes


def raised_ids(minutes: Minutes) -> list[tuple[str, str, str]]:
    """(group, id, task) of the actions these minutes raise."""
    if minutes.group is None:
        return []
    return [(minutes.group.slug, a.action_id, a.task) for a in minutes.actions if a.action_id]


def settle_repeated_ids(minutes: Minutes, known: Known) -> bool:
    """Write each id raised before for another task as code; True if the body changed."""
    if minutes.group is None:
        return False
    tasks: dict[str, list[str]] = {}
    for group, action_id, task in known.raised:
        if group == minutes.group.slug:
            tasks.setdefault(action_id, []).append(task)
    lines = minutes.body.split("\n")
    changed = False
    for action in minutes.actions:
        if not action.action_id:
            continue
        earlier = tasks.setdefault(action.action_id, [])
        if not earlier or any(same_task(task, action.task) for task in earlier):
            earlier.append(action.task)
            continue
        if _as_code(lines, action.line, action.action_id):
            changed = True
            minutes.unsure.append(
                Finding(
                    minutes.source_line(action.line),
                    f"action {action.action_id} was raised before for another task "
                    f"({earlier[0][:60]!r}): its id is written as code, so this one is "
                    "an action without an id; give it its own id if it has one",
                )
            )
    if changed:
        minutes.body = "\n".join(lines)
    return changed


def _as_code(lines: list[str], line: int, action_id: str) -> bool:
    """The id in the item that starts at `line` (1-based), written `as code`."""
    written = re.compile(rf"(?<![\w.`]){re.escape(action_id)}(?![\w`]|\.\d)")
    for index in range(line - 1, len(lines)):
        if index > line - 1 and not lines[index].strip():
            return False
        if written.search(lines[index]):
            lines[index] = written.sub(f"`{action_id}`", lines[index], count=1)
            return True
    return False

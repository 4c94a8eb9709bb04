"""What a built site published about each meeting, read from its open data.

Attendance, actions, owners and updates come from `data/meetings.json` and
`data/actions.json` as README's "Open data" defines them. Decisions are not in the open
data; they are counted from the decision pages the site publishes (each says which
meeting took it), the public output nearest to data.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.import_recall.labels import ATTENDED, AWAY, GROUP_OWNER
from benchmarks.import_recall.names import name_key

_TAKEN = re.compile(r"<dt>Taken</dt>\s*<dd>at the meeting of <a href=\"([^\"#]+)")


@dataclass(frozen=True)
class RecoveredAction:
    number: str | None
    owners: tuple[str, ...]  # name keys, or GROUP_OWNER


@dataclass(frozen=True)
class RecoveredUpdate:
    number: str | None
    owners: tuple[str, ...]
    status: str


@dataclass
class RecoveredMeeting:
    meeting_id: str
    day: str
    attended: set[str] = field(default_factory=set)  # name keys, any kind that was there
    away: set[str] = field(default_factory=set)  # apologies and absent
    raised: list[RecoveredAction] = field(default_factory=list)
    updates: list[RecoveredUpdate] = field(default_factory=list)
    decisions: int = 0


def _owner_keys(action: dict[str, Any]) -> tuple[str, ...]:
    keys = []
    for owner in action.get("owners") or []:
        key = GROUP_OWNER if owner.get("kind") == "group" else name_key(owner.get("name") or "")
        if key:
            keys.append(key)
    return tuple(keys)


def _decisions(site: Path) -> Counter[str]:
    """Meeting id -> decisions its published pages record."""
    taken: Counter[str] = Counter()
    for page in sorted((site / "groups").glob("*/decisions/*.html")):
        if page.name == "index.html":
            continue
        found = _TAKEN.search(page.read_text(encoding="utf-8"))
        if found:
            own = page.relative_to(site).parent.as_posix()
            target = posixpath.normpath(posixpath.join(own, found.group(1)))
            parts = target.removesuffix(".html").split("/")
            if len(parts) == 3 and parts[0] == "groups":
                taken[f"{parts[1]}/{parts[2]}"] += 1
    return taken


def read_site(site: Path) -> list[RecoveredMeeting]:
    data = site / "data"
    meetings = json.loads((data / "meetings.json").read_text(encoding="utf-8"))["meetings"]
    actions = json.loads((data / "actions.json").read_text(encoding="utf-8"))["actions"]
    by_id: dict[str, RecoveredMeeting] = {}
    for m in meetings:
        found = by_id[m["id"]] = RecoveredMeeting(m["id"], m["date"])
        for section in m.get("attendance") or []:
            kind = section.get("kind")
            target = found.attended if kind in ATTENDED else found.away if kind in AWAY else None
            for person in section.get("attendees") or []:
                key = name_key(person.get("name") or "")
                if target is not None and key and not person.get("body_id"):
                    target.add(key)
    for a in actions:
        owners = _owner_keys(a)
        if a.get("raised_in") in by_id:
            by_id[a["raised_in"]].raised.append(RecoveredAction(a.get("number"), owners))
        for event in a.get("history") or []:
            if event.get("event") == "updated" and event.get("meeting_id") in by_id:
                update = RecoveredUpdate(a.get("number"), owners, str(event.get("status")))
                by_id[event["meeting_id"]].updates.append(update)
    for meeting_id, count in _decisions(site).items():
        if meeting_id in by_id:
            by_id[meeting_id].decisions = count
    return list(by_id.values())

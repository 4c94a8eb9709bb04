"""Hand labels of real minutes: what a careful clerk would record, as counts, ids and name keys.

The file's own header defines every field and the labelling rules; this module reads it and
checks it against its rules, so a labeller's slip is a problem report, not a wrong figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from benchmarks.import_recall.names import KEY_LENGTH

ATTENDED = ("present", "in_attendance", "observer")  # every kind that was there
AWAY = ("apologies", "absent")  # sent apologies or simply did not come
KINDS = ATTENDED + AWAY
STATUSES = ("open", "in_progress", "closed", "dropped")
GROUP_OWNER = "group"  # the whole group owns it ("All", "SC members")

_KEY = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")


@dataclass(frozen=True)
class Attendance:
    names: Mapping[str, tuple[str, ...]]  # kind -> name keys, for names written down
    headcount: int | None = None  # "Attendance: 19", when written

    @property
    def has_names(self) -> bool:
        return any(self.names.values())

    def keys(self, kinds: Sequence[str]) -> set[str]:
        return {key for kind in kinds for key in self.names.get(kind, ())}


@dataclass(frozen=True)
class Action:
    action_id: str | None  # "3.1" as written; None when unnumbered
    owners: tuple[str, ...]  # name keys, or GROUP_OWNER; empty when no owner is written


@dataclass(frozen=True)
class Update:
    action_id: str | None  # the earlier action's id; None when it was unnumbered ...
    owners: tuple[str, ...]  # ... and then its owners say which it is
    status: str


@dataclass(frozen=True)
class Meeting:
    file: str  # path inside the corpus, "group/..."
    meeting: date | None  # for a file of several meetings, the date heading of this one
    day: date
    other_days: tuple[date, ...]  # dates a careful reader might also give it
    held: bool  # False for a cancelled-meeting stub: nothing to recover
    attendance: Attendance | None  # None when the minutes record no attendance at all
    actions: tuple[Action, ...]
    updates: tuple[Update, ...]
    decisions: int
    notes: str

    @property
    def group(self) -> str:
        return self.file.split("/", 1)[0]


class LabelError(ValueError):
    """The labels file cannot be read or breaks its own rules."""


def _day(value: object, where: str, problems: list[str]) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: {value!r} is not a YYYY-MM-DD date")
        return date.min


def _keys(value: object, where: str, problems: list[str], owners: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list):
        problems.append(f"{where}: expected a list of name keys")
        return ()
    keys = tuple(str(v) for v in value)
    for key in keys:
        if not _KEY.fullmatch(key) and not (owners and key == GROUP_OWNER):
            problems.append(f"{where}: {key!r} is not a {KEY_LENGTH}-digit name key")
    return keys


def _attendance(raw: object, where: str, problems: list[str]) -> Attendance | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(f"{where}: attendance must be a mapping")
        return None
    unknown = set(raw) - {*KINDS, "headcount", "counts"}
    if unknown:
        problems.append(f"{where}: unknown attendance fields {sorted(unknown)}")
    names = {kind: _keys(raw[kind], f"{where}.{kind}", problems) for kind in KINDS if kind in raw}
    for kind, keys in names.items():
        if len(set(keys)) != len(keys):
            problems.append(f"{where}.{kind}: a name key is listed twice")
    seen: dict[str, str] = {}
    for kind, keys in names.items():
        for key in keys:
            if key in seen:
                problems.append(f"{where}: {key} is both {seen[key]} and {kind}")
            seen[key] = kind
    counts = raw.get("counts", {})
    stated = {kind: n for kind, n in counts.items()} if isinstance(counts, dict) else {}
    actual = {kind: len(keys) for kind, keys in names.items() if keys}
    if stated != actual:
        problems.append(f"{where}: counts {stated} do not match the names {actual}")
    headcount = raw.get("headcount")
    if headcount is not None and not isinstance(headcount, int):
        problems.append(f"{where}: headcount must be a whole number")
        headcount = None
    if not actual and headcount is None:
        problems.append(f"{where}: attendance with no names and no headcount: write null")
    return Attendance(names, headcount)


def _meeting(raw: Mapping[str, Any], where: str, problems: list[str]) -> Meeting:
    unknown = set(raw) - {
        "file", "meeting", "date", "other_dates", "held", "attendance",
        "actions", "updates", "decisions", "notes",
    }  # fmt: skip
    if unknown:
        problems.append(f"{where}: unknown fields {sorted(unknown)}")
    file = str(raw.get("file", ""))
    if "/" not in file:
        problems.append(f"{where}: file must be a path inside the corpus, group folder first")
    held = raw.get("held", True) is not False
    actions = tuple(
        Action(
            None if a.get("id") is None else str(a["id"]),
            _keys(a.get("owners", []), f"{where}.actions[{i}].owners", problems, owners=True),
        )
        for i, a in enumerate(raw.get("actions") or [])
    )
    updates = []
    for i, u in enumerate(raw.get("updates") or []):
        at = f"{where}.updates[{i}]"
        status = str(u.get("status"))
        if status not in STATUSES:
            problems.append(f"{at}: status {status!r} is not one of {', '.join(STATUSES)}")
        action_id = None if u.get("id") is None else str(u["id"])
        owners = _keys(u.get("owners", []), f"{at}.owners", problems, owners=True)
        if action_id is None and not owners:
            problems.append(f"{at}: an update needs the earlier action's id or its owners")
        updates.append(Update(action_id, owners, status))
    numbered = [a.action_id for a in actions if a.action_id]
    if len(set(numbered)) != len(numbered):
        problems.append(f"{where}: an action id is raised twice")
    decisions = raw.get("decisions", 0)
    if not isinstance(decisions, int) or decisions < 0:
        problems.append(f"{where}: decisions must be a count")
        decisions = 0
    attendance = _attendance(raw.get("attendance"), f"{where}.attendance", problems)
    if not held and (attendance or actions or updates or decisions):
        problems.append(f"{where}: a meeting not held has nothing to recover")
    return Meeting(
        file=file,
        meeting=None if raw.get("meeting") is None else _day(raw["meeting"], where, problems),
        day=_day(raw.get("date"), where, problems),
        other_days=tuple(_day(d, where, problems) for d in raw.get("other_dates") or []),
        held=held,
        attendance=attendance,
        actions=actions,
        updates=tuple(updates),
        decisions=decisions,
        notes=str(raw.get("notes") or ""),
    )


def read_labels(path: Path) -> tuple[list[Meeting], list[str]]:
    """The labelled meetings, and every way the file breaks its rules (empty when none)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read the labels: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise LabelError(f"{path}: expected a mapping with a 'meetings' list")
    problems: list[str] = []
    meetings = [
        _meeting(raw, f"meetings[{i}] ({raw.get('file')})", problems)
        for i, raw in enumerate(data["meetings"])
        if isinstance(raw, dict)
    ]
    by_file: dict[str, list[Meeting]] = {}
    for m in meetings:
        by_file.setdefault(m.file, []).append(m)
    for file, ms in by_file.items():
        if len(ms) > 1 and any(m.meeting is None for m in ms):
            problems.append(f"{file}: several meetings of one file each need 'meeting'")
        days = [m.meeting or m.day for m in ms]
        if len(set(days)) != len(days):
            problems.append(f"{file}: the same meeting is labelled twice")
    return meetings, problems

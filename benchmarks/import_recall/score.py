"""Match labelled meetings to the meetings a site published, and count what was recovered.

A labelled meeting is the published meeting of its group's site on its date (or, failing
that, on one of its other dates); when several share the day, the one whose attendance
overlaps the labels most. Every figure is found/total, summed over meetings, so a meeting
not found counts all its labelled items as missed.

- people present / apologies: labelled name keys of the kinds that attended / stayed away,
  recovered in a section of the same side (kinds within a side may differ). Meetings whose
  attendance has no names (headcount only, or none) are left out.
- attendee precision: names the site recovered for the meeting, attended or away, that the
  labels also list; every meeting found counts, so names invented where none were written
  count against it.
- numbered actions: labelled ids raised there; a raised id not labelled is a false raise.
- unnumbered actions: counts, the recovered count capped at the labelled one (no text is
  labelled to tell two apart); the surplus is reported as extra.
- owners: labelled owners of actions raised there that the site names for them: by id for
  numbered actions, pooled over the meeting's unnumbered ones.
- updates: labelled updates recorded there with the same status class, by the earlier
  action's id, or for an unnumbered action by a shared owner.
- decisions: the recovered count capped at the labelled one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from benchmarks.import_recall.labels import ATTENDED, AWAY, Meeting, Update
from benchmarks.import_recall.opendata import RecoveredMeeting, RecoveredUpdate


@dataclass
class Ratio:
    found: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.found + other.found, self.total + other.total)


@dataclass
class Tally:
    meetings: Ratio = field(default_factory=Ratio)
    other_day: int = 0  # meetings found only on one of their other dates
    drafts: int = 0  # meetings not found because the import wrote them as drafts
    present: Ratio = field(default_factory=Ratio)
    apologies: Ratio = field(default_factory=Ratio)
    precision: Ratio = field(default_factory=Ratio)
    numbered: Ratio = field(default_factory=Ratio)
    false_raises: int = 0
    unnumbered: Ratio = field(default_factory=Ratio)
    extra_unnumbered: int = 0
    owners: Ratio = field(default_factory=Ratio)
    updates: Ratio = field(default_factory=Ratio)
    decisions: Ratio = field(default_factory=Ratio)
    extra_decisions: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def total(tallies: Iterable[Tally]) -> Tally:
    result = Tally()
    for tally in tallies:
        result = result + tally
    return result


def match(
    labels: Sequence[Meeting], recovered: Sequence[RecoveredMeeting]
) -> list[tuple[RecoveredMeeting | None, bool]]:
    """For each label: its published meeting (or None), and whether found on another date.
    Exact dates are matched before other dates, so a guess never takes another's meeting."""
    taken: set[str] = set()
    result: list[tuple[RecoveredMeeting | None, bool]] = [(None, False)] * len(labels)
    for other in (False, True):
        for i, label in enumerate(labels):
            if result[i][0] is not None or not label.held:
                continue
            days = {d.isoformat() for d in (label.other_days if other else (label.day,))}
            named = label.attendance.keys(ATTENDED + AWAY) if label.attendance else set()
            candidates = [r for r in recovered if r.day in days and r.meeting_id not in taken]
            if candidates:
                best = max(candidates, key=lambda r: (len(named & (r.attended | r.away)), r.day))
                taken.add(best.meeting_id)
                result[i] = (best, other)
    return result


def _update_matches(label: Update, found: RecoveredUpdate) -> bool:
    if found.status != label.status:
        return False
    if label.action_id is not None:
        return found.number == label.action_id
    return found.number is None and bool(set(label.owners) & set(found.owners))


def score(
    label: Meeting, found: RecoveredMeeting | None, other_day: bool = False, draft: bool = False
) -> Tally:
    """`draft`: the meeting was not found and the import wrote a draft on its day."""
    tally = Tally(meetings=Ratio(int(found is not None), int(label.held)))
    tally.other_day = int(found is not None and other_day)
    tally.drafts = int(found is None and label.held and draft)
    rec = found or RecoveredMeeting("", "")
    attendance = label.attendance
    attended = attendance.keys(ATTENDED) if attendance else set()
    away = attendance.keys(AWAY) if attendance else set()
    if attendance is not None and attendance.has_names:
        tally.present = Ratio(len(attended & rec.attended), len(attended))
        tally.apologies = Ratio(len(away & rec.away), len(away))
    names = rec.attended | rec.away
    tally.precision = Ratio(len(names & (attended | away)), len(names))

    ids = {a.action_id for a in label.actions if a.action_id}
    raised = {a.number: a for a in rec.raised if a.number}
    tally.numbered = Ratio(len(ids & raised.keys()), len(ids))
    tally.false_raises = len(raised.keys() - ids)
    labelled = sum(1 for a in label.actions if not a.action_id)
    recovered = sum(1 for a in rec.raised if not a.number)
    tally.unnumbered = Ratio(min(labelled, recovered), labelled)
    tally.extra_unnumbered = max(0, recovered - labelled)

    right = 0
    for action in label.actions:
        if action.action_id and action.action_id in raised:
            named = Counter(raised[action.action_id].owners)
            right += sum((Counter(action.owners) & named).values())
    pooled = Counter(o for a in label.actions if not a.action_id for o in a.owners)
    named_owners = Counter(o for a in rec.raised if not a.number for o in a.owners)
    right += sum((pooled & named_owners).values())
    tally.owners = Ratio(right, sum(len(a.owners) for a in label.actions))

    left = list(rec.updates)
    matched = 0
    for update in label.updates:
        hit = next((u for u in left if _update_matches(update, u)), None)
        if hit is not None:
            left.remove(hit)
            matched += 1
    tally.updates = Ratio(matched, len(label.updates))
    tally.decisions = Ratio(min(label.decisions, rec.decisions), label.decisions)
    tally.extra_decisions = max(0, rec.decisions - label.decisions)
    return tally

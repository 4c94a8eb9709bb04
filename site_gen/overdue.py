"""Which open actions are overdue: still open after N later meetings of their group.

N is `overdue_after` in site.yaml (default 3). An action raised at a published meeting is
counted against the group's later published meetings. An action raised before the published
record has no meeting to count from, so its age comes from its number: action 1.5 was raised
at meeting 1, and the group's latest numbered meeting says how many have been held since.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from site_gen.model import Action, Site


@dataclass
class GroupMeetings:
    """The meetings a group has held, as the counts need them."""

    dates: list[date] = field(default_factory=list)  # sorted
    latest_number: int | None = None


def meetings_since(action: Action, site: Site, held: GroupMeetings) -> int | None:
    """How many meetings of the action's group were held after the one that raised it."""
    if action.raised_in:
        raised = site.meeting_by_key[action.raised_in]
        return len(held.dates) - bisect_right(held.dates, raised.date)
    prefix = (action.action_id or "").split(".")[0]
    if not prefix.isdigit() or held.latest_number is None:
        return None
    return max(0, held.latest_number - int(prefix))


def overdue_actions(site: Site) -> frozenset[str]:
    """The urls of every open action that has stayed open for `overdue_after` later meetings."""
    by_group: dict[str, GroupMeetings] = defaultdict(GroupMeetings)
    for meeting in site.meetings:
        if meeting.has_minutes:  # held: a scheduled meeting has not happened yet
            held = by_group[meeting.group]
            held.dates.append(meeting.date)
            if meeting.number is not None and (
                held.latest_number is None or meeting.number > held.latest_number
            ):
                held.latest_number = meeting.number
    for held in by_group.values():
        held.dates.sort()  # counted by bisection: one action at a time would be quadratic
    after = site.config.overdue_after
    overdue = set()
    for action in site.actions:
        if not action.status.is_open:
            continue
        since = meetings_since(action, site, by_group[action.group])
        if since is not None and since >= after:
            overdue.add(action.url)
    return frozenset(overdue)

"""Which open actions are overdue: still open after N later meetings of their group.

N is `overdue_after` in site.yaml (default 3). An action raised at a published meeting is
counted against the group's later published meetings. An action raised before the published
record has no meeting to count from, so its age comes from its number: action 1.5 was raised
at meeting 1, and the group's latest numbered meeting says how many have been held since.
"""

from __future__ import annotations

from collections import defaultdict

from site_gen.model import Action, Meeting, Site


def meetings_since(action: Action, site: Site, group_meetings: list[Meeting]) -> int | None:
    """How many meetings of the action's group were held after the one that raised it."""
    if action.raised_in:
        raised = site.meeting_by_key[action.raised_in]
        return sum(1 for m in group_meetings if m.date > raised.date)
    prefix = (action.action_id or "").split(".")[0]
    numbers = [m.number for m in group_meetings if m.number is not None]
    if not prefix.isdigit() or not numbers:
        return None
    return max(0, max(numbers) - int(prefix))


def overdue_actions(site: Site) -> frozenset[str]:
    """The urls of every open action that has stayed open for `overdue_after` later meetings."""
    by_group: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in site.meetings:
        if meeting.has_minutes:  # held: a scheduled meeting has not happened yet
            by_group[meeting.group].append(meeting)
    after = site.config.overdue_after
    overdue = set()
    for action in site.actions:
        if not action.status.is_open:
            continue
        since = meetings_since(action, site, by_group[action.group])
        if since is not None and since >= after:
            overdue.add(action.url)
    return frozenset(overdue)

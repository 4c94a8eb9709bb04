"""A group's record over the years, and what changed recently across the site.

Everything is dated by the record itself: meetings by their date, an action's status by the
meetings that raised and updated it, members by the dates in the group file. "Now" is the
latest date in the record, never the day of the build, so the same content builds the
same site on any day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from site_gen import urls
from site_gen.model import Action, EventKind, Group, Meeting, Site
from site_gen.views.common import (
    ActionRow,
    Link,
    MeetingRow,
    action_row,
    long_date,
    meeting_row,
)
from site_gen.views.decisions import DecisionIndex, DecisionRow
from site_gen.vocabulary import ActionStatus

RECENT_MONTHS = 3  # the home page's "recently": the three months to the latest meeting


@dataclass(frozen=True)
class MemberChange:
    person: Link
    group: Link
    date: str
    iso_date: str


@dataclass(frozen=True)
class YearRow:
    year: int
    meetings: int
    decisions: int
    raised: int  # actions raised at the year's meetings
    closed: int  # actions closed or dropped at the year's meetings
    open_at_end: int  # actions open after the year's last meeting
    joined: tuple[MemberChange, ...]
    left: tuple[MemberChange, ...]


@dataclass(frozen=True)
class ClosedAction:
    action: ActionRow
    closed_at: Link  # the meeting that closed it
    iso_date: str


@dataclass(frozen=True)
class RecentChanges:
    since: str  # long dates of the window, which ends at the latest meeting
    until: str
    until_iso: str
    meetings: tuple[MeetingRow, ...]
    decisions: tuple[DecisionRow, ...]
    closed: tuple[ClosedAction, ...]
    joined: tuple[MemberChange, ...]
    left: tuple[MemberChange, ...]


def latest_held(site: Site) -> date | None:
    """The latest date in the record: the last meeting that has minutes."""
    return max((m.date for m in site.meetings if m.has_minutes), default=None)


def status_changes(action: Action, site: Site) -> list[tuple[date, ActionStatus, str]]:
    """(day, status from then on, meeting key) for each raise and update, in meeting order."""
    changes = []
    for event in action.events:
        day = site.meeting_by_key[event.meeting].date
        if event.kind is EventKind.RAISED:
            changes.append((day, ActionStatus.OPEN, event.meeting))
        elif event.kind is EventKind.UPDATED and event.status is not None:
            changes.append((day, event.status, event.meeting))
    return changes


def _closings(action: Action, site: Site) -> list[tuple[date, str]]:
    """When the action went from open (or unknown) to closed or dropped: (day, meeting key)."""
    found, was_done = [], False
    for day, status, meeting in status_changes(action, site):
        done = status in (ActionStatus.CLOSED, ActionStatus.DROPPED)
        if done and not was_done:
            found.append((day, meeting))
        was_done = done
    return found


def _runs(group: Group) -> dict[str, list[tuple[date | None, date | None]]]:
    """Each member's continuous spells in the group: a role change is not leaving and joining."""
    terms: dict[str, list[tuple[date | None, date | None]]] = defaultdict(list)
    for m in group.memberships:
        terms[m.person_id].append((m.start, m.end))
    runs: dict[str, list[tuple[date | None, date | None]]] = {}
    for person_id, spells in terms.items():
        merged: list[tuple[date | None, date | None]] = []
        for start, end in sorted(spells, key=lambda t: t[0] or date.min):
            if merged:
                last_start, last_end = merged[-1]
                if last_end is None or start is None or start <= last_end + timedelta(days=1):
                    later_end = None if last_end is None or end is None else max(last_end, end)
                    merged[-1] = (last_start, later_end)
                    continue
            merged.append((start, end))
        runs[person_id] = merged
    return runs


def member_changes(
    group: Group, site: Site, as_of: date | None
) -> tuple[list[MemberChange], list[MemberChange]]:
    """Who joined and who left the group, up to `as_of`, oldest first."""
    joined, left = [], []
    group_link = Link(group.name, group.url)
    for person_id, runs in _runs(group).items():
        person = site.person_by_id[person_id]
        link = Link(person.name, urls.person_page(person_id))
        for start, end in runs:
            if start and (as_of is None or start <= as_of):
                joined.append(MemberChange(link, group_link, long_date(start), start.isoformat()))
            # A member whose term ends on the latest date is still a member on that date.
            if end and (as_of is None or end < as_of):
                left.append(MemberChange(link, group_link, long_date(end), end.isoformat()))
    return sorted(joined, key=_oldest_first), sorted(left, key=_oldest_first)


def _oldest_first(change: MemberChange) -> tuple[str, str, str]:
    return (change.iso_date, change.group.text, change.person.text)


def group_history(
    group: Group,
    site: Site,
    decisions: DecisionIndex,
    as_of: date | None,
    of_group: Sequence[Meeting],
    actions: Sequence[Action],
) -> list[YearRow]:
    """A row per year from the group's first dated event to its last, newest first, from
    the group's own meetings and actions (`of_group`, `actions`): never the whole archive."""
    meetings = [m for m in of_group if m.has_minutes]
    joined, left = member_changes(group, site, as_of)
    years = {m.date.year for m in meetings} | {int(c.iso_date[:4]) for c in (*joined, *left)}
    if not years:
        return []
    counts = _YearCounts(site)
    counts.add("meetings", (m.date for m in meetings))
    counts.add("decisions", counts.dates(d.taken_in for d in decisions.of_group[group.slug]))
    counts.add("raised", counts.dates(a.raised_in for a in actions))
    for action in actions:  # each year an action was closed in, once
        counts.add("closed", {date(day.year, 1, 1) for day, _ in _closings(action, site)})
    open_at_end = _open_at_year_ends(actions, site, max(years))
    return [
        YearRow(
            year=year,
            meetings=counts.of("meetings", year),
            decisions=counts.of("decisions", year),
            raised=counts.of("raised", year),
            closed=counts.of("closed", year),
            open_at_end=open_at_end[year],
            joined=_in_year(joined, year),
            left=_in_year(left, year),
        )
        for year in range(max(years), min(years) - 1, -1)
    ]


def _in_year(changes: list[MemberChange], year: int) -> tuple[MemberChange, ...]:
    return tuple(c for c in changes if c.iso_date.startswith(f"{year}-"))


class _YearCounts:
    """How many things of each kind happened in each year."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.counts: dict[tuple[str, int], int] = defaultdict(int)

    def dates(self, meeting_keys: Iterable[str | None]) -> Iterator[date]:
        """The dates of the meetings `meeting_keys` names (None: before the record)."""
        return (self.site.meeting_by_key[key].date for key in meeting_keys if key)

    def add(self, kind: str, days: Iterable[date]) -> None:
        for day in days:
            self.counts[(kind, day.year)] += 1

    def of(self, kind: str, year: int) -> int:
        return self.counts[(kind, year)]


def _open_at_year_ends(actions: Sequence[Action], site: Site, last: int) -> dict[int, int]:
    """How many of `actions` were open at the end of each year up to `last`: each action's
    status changes once (one pass over its events), not once a year."""
    starts: dict[int, int] = defaultdict(int)  # +1 where an open spell starts, -1 where it ends
    for action in actions:
        was_open = False
        for day, status, _ in status_changes(action, site):
            if status.is_open != was_open:  # the status at a year's end is its last change's
                starts[day.year] += 1 if status.is_open else -1
                was_open = status.is_open
    found: dict[int, int] = defaultdict(int)
    running = 0
    for year in range(min(starts, default=last), last + 1):
        running += starts[year]
        found[year] = running
    return found


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last_day in (day.day, 30, 29, 28):  # 31 May minus 3 months is 28 (or 29) February
        try:
            return date(year, month + 1, last_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def recent_changes(site: Site, decisions: DecisionIndex) -> RecentChanges | None:
    """What changed in the months up to the latest meeting; None before any meeting."""
    until = latest_held(site)
    if until is None:
        return None
    since = _months_before(until, RECENT_MONTHS)

    def recent(day: date) -> bool:
        return since < day <= until

    held = [m for m in site.meetings if m.has_minutes and recent(m.date)]
    held.sort(key=lambda m: (m.date, m.group), reverse=True)
    taken = [
        d
        for d in site.decisions
        if d.taken_in and not d.withheld and recent(site.meeting_by_key[d.taken_in].date)
    ]
    taken.sort(key=lambda d: site.meeting_by_key[d.taken_in or ""].date, reverse=True)
    joined, left = _recent_members(site, until, recent)
    return RecentChanges(
        since=long_date(since + timedelta(days=1)),
        until=long_date(until),
        until_iso=until.isoformat(),
        meetings=tuple(meeting_row(m, site) for m in held),
        decisions=tuple(decisions.row(d) for d in taken),
        closed=tuple(_recently_closed(site, recent)),
        joined=tuple(sorted(joined, key=_oldest_first, reverse=True)),
        left=tuple(sorted(left, key=_oldest_first, reverse=True)),
    )


def _recently_closed(site: Site, recent: Callable[[date], bool]) -> list[ClosedAction]:
    """Actions closed on a recent day, the latest first (in action order within a day)."""
    closed = []
    for action in site.actions:
        for day, meeting_key in _closings(action, site):
            if recent(day):
                meeting = site.meeting_by_key[meeting_key]
                link = Link(long_date(day), meeting.url)
                closed.append(ClosedAction(action_row(action, site), link, day.isoformat()))
    closed.sort(key=lambda c: c.iso_date, reverse=True)  # stable: action order within a day
    return closed


def _recent_members(
    site: Site, until: date, recent: Callable[[date], bool]
) -> tuple[list[MemberChange], list[MemberChange]]:
    joined, left = [], []
    for group in site.groups:
        group_joined, group_left = member_changes(group, site, until)
        joined += [c for c in group_joined if recent(date.fromisoformat(c.iso_date))]
        left += [c for c in group_left if recent(date.fromisoformat(c.iso_date))]
    return joined, left

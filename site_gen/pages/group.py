"""A group's page: its latest meeting first, a jump to each year of its meetings, members past
and present, attendance, open actions, latest decisions and its record over the years."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from site_gen import urls
from site_gen.model import Group, Membership
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.attendance import Mark, Tally
from site_gen.views.common import ActionRow, Link, MeetingRow, long_date, meeting_row, term
from site_gen.views.decisions import DecisionRow
from site_gen.views.follow import group_calendar, group_feeds
from site_gen.views.history import YearRow, group_history
from site_gen.views.page import Page, PageSource

LATEST_DECISIONS = 10  # newest first; the group's decisions index has them all
# The latest open actions (the group's action index has them all, open first): without a
# bound, a group that leaves actions open makes a page that grows with its archive.
LATEST_OPEN_ACTIONS = 50
# The latest meetings shown as columns (the rate counts every meeting): eight fit a desktop
# column and a printed page; a phone shows the latest PHONE_MEETINGS (style.css).
TABLE_MEETINGS = 8
PHONE_MEETINGS = 3
_MARK_SYMBOLS = {
    Mark.ATTENDED: "✓",
    Mark.APOLOGIES: "A",
    Mark.ABSENT: "✗",
    Mark.SUBSTITUTE: "S",
    Mark.NOT_RECORDED: "?",
    Mark.NOT_MEMBER: "",
}


@dataclass(frozen=True)
class GroupDetails:
    name: str
    description: str


@dataclass(frozen=True)
class MemberView:
    person: Link
    role: str
    term: str


@dataclass(frozen=True)
class AttendanceCell:
    symbol: str
    mark: str
    note: str


@dataclass(frozen=True)
class AttendanceLine:
    person: Link
    cells: list[AttendanceCell]
    tally: Tally


@dataclass(frozen=True)
class ColumnMeeting:
    """A meeting as an attendance column's heading: '12 Mar' over '2024'."""

    url: str
    iso_date: str
    day_month: str
    year: int
    date: str  # the long date, for screen readers
    on_phone: bool  # among the latest PHONE_MEETINGS


@dataclass(frozen=True)
class AttendanceTable:
    meetings: list[ColumnMeeting]  # newest first
    rows: list[AttendanceLine]
    shown: int
    phone_shown: int
    total: int
    symbols: list[tuple[str, str]]


@dataclass(frozen=True)
class GroupView:
    group: GroupDetails
    latest: MeetingRow | None  # the latest meeting with minutes
    members: list[MemberView]
    former_members: list[MemberView]
    attendance: AttendanceTable
    years: list[tuple[int, list[MeetingRow]]]
    upcoming: list[MeetingRow]
    open_actions: list[ActionRow]  # the latest LATEST_OPEN_ACTIONS, oldest first
    open_total: int  # how many are open in all
    actions_url: str
    decisions: list[DecisionRow]
    decisions_url: str
    history: list[YearRow]


def page(group: Group, lookups: Lookups) -> Page:
    site = lookups.site
    by_year: dict[int, list[MeetingRow]] = defaultdict(list)
    upcoming: list[MeetingRow] = []
    for meeting in sorted(lookups.meetings_of[group.slug], key=lambda m: m.date, reverse=True):
        if meeting.has_minutes:
            by_year[meeting.date.year].append(meeting_row(meeting, site))
        else:
            upcoming.insert(0, meeting_row(meeting, site))  # soonest first
    current, former = _members(group, lookups)
    open_rows = lookups.open_rows(lookups.actions_of_group[group.slug])
    latest = max(
        (m for m in lookups.meetings_of[group.slug] if m.has_minutes),
        key=lambda m: m.date,
        default=None,
    )
    view = GroupView(
        group=GroupDetails(group.name, group.description),
        latest=meeting_row(latest, site) if latest else None,
        members=current,
        former_members=former,
        attendance=_attendance_table(group, lookups),
        years=sorted(by_year.items(), reverse=True),
        upcoming=upcoming,
        open_actions=open_rows[-LATEST_OPEN_ACTIONS:],  # raised in meeting order
        open_total=len(open_rows),
        actions_url=urls.group_actions_page(group.slug),
        decisions=lookups.decisions.latest_rows(group.slug, LATEST_DECISIONS),
        decisions_url=urls.group_decisions_page(group.slug),
        history=group_history(
            group,
            site,
            lookups.decisions,
            lookups.as_of,
            lookups.meetings_of[group.slug],
            lookups.actions_of_group[group.slug],
        ),
    )
    return Page(
        group.url,
        "group.html",
        group.name,
        view,
        description=descriptions.group(group, len(lookups.meetings_of[group.slug])),
        feeds=group_feeds(group),
        calendar=group_calendar(group),
        search_filters=(("kind", "Group"), ("group", group.name)),
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    for group in lookups.site.groups:
        yield PageSource(group.url, partial(page, group, lookups))


def _members(group: Group, lookups: Lookups) -> tuple[list[MemberView], list[MemberView]]:
    """Members as of the latest date in the record, and former members, A to Z."""
    site, as_of = lookups.site, lookups.as_of
    current: list[MemberView] = []
    former: list[MemberView] = []
    by_person: dict[str, list[Membership]] = defaultdict(list)
    for membership in group.memberships:
        by_person[membership.person_id].append(membership)
    for person_id in sorted(by_person, key=lambda p: site.person_by_id[p].sort_key):
        terms = by_person[person_id]
        link = Link(site.person_by_id[person_id].name, urls.person_page(person_id))
        ongoing = [m for m in terms if m.end is None or as_of is None or m.end >= as_of]
        if ongoing:
            current.append(_current_member(link, ongoing, as_of))
        else:
            former.append(_former_member(link, terms, as_of))
    return current, former


def _current_member(link: Link, ongoing: list[Membership], as_of: date | None) -> MemberView:
    roles = ", ".join(dict.fromkeys(m.role for m in ongoing))
    starts = [m.start for m in ongoing if m.start]
    first = min(starts) if starts else None
    # A term that begins after the latest meeting is an incoming member's.
    since = "from" if first and as_of and first > as_of else "since"
    return MemberView(link, roles, f"{since} {long_date(first)}" if first else "")


def _former_member(link: Link, terms: list[Membership], as_of: date | None) -> MemberView:
    last = max(terms, key=lambda m: m.end or as_of or m.start or date.min)
    first = min((m.start for m in terms if m.start), default=None)
    return MemberView(link, last.role, term(first, last.end))


def _attendance_table(group: Group, lookups: Lookups) -> AttendanceTable:
    record = lookups.attendance[group.slug]
    meetings = record.meetings[-TABLE_MEETINGS:][::-1]  # newest first, beside the rate
    site = lookups.site
    rows = []
    for person_id in sorted(record.members, key=lambda p: site.person_by_id[p].sort_key):
        cells = []
        for meeting in meetings:
            cell = record.cells[(person_id, meeting.key)]
            cells.append(AttendanceCell(_MARK_SYMBOLS[cell.mark], cell.mark.value, cell.note))
        if all(c.mark == Mark.NOT_MEMBER.value for c in cells):
            continue  # not a member at any meeting shown: their rate is on their own page
        person = site.person_by_id[person_id]
        rows.append(AttendanceLine(Link(person.name, person.url), cells, record.tallies[person_id]))
    return AttendanceTable(
        meetings=[
            ColumnMeeting(
                m.url,
                m.date.isoformat(),
                f"{m.date.day} {long_date(m.date).split()[1][:3]}",
                m.date.year,
                long_date(m.date),
                n < PHONE_MEETINGS,
            )
            for n, m in enumerate(meetings)
        ],
        rows=rows,
        shown=len(meetings),
        phone_shown=min(len(meetings), PHONE_MEETINGS),
        total=len(record.meetings),
        symbols=[(symbol, mark.value) for mark, symbol in _MARK_SYMBOLS.items() if symbol],
    )

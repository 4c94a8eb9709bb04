"""A person's page: a summary first (roles current and former, attendance rates, open and
overdue actions), then the actions they own, then the meetings they attended, year by year:
the latest LATEST_MEETINGS one by one, and when there are more, every year's count by group,
linked to that year on the group's page (someone at every meeting of a big archive would
otherwise have a page that grows with the archive)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.model import Group, Person
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.attendance import Tally, attendance_note
from site_gen.views.common import ActionRow, Link, MembershipView, long_date
from site_gen.views.page import Page, PageSource
from site_gen.vocabulary import AttendanceKind

LATEST_MEETINGS = 100  # listed one by one, newest first; beyond them, counts by year


@dataclass(frozen=True)
class PersonDetails:
    name: str
    affiliation: str


@dataclass(frozen=True)
class AttendanceRow:
    meeting: Link
    group: Link
    section: str
    kind: str
    note: str  # "for John Smith; arrived during item 2"
    year: int


@dataclass(frozen=True)
class YearCount:
    """The meetings a person is listed at in one year: how many, how many of them the page
    lists, and each group's count, linked to that year on the group's page."""

    year: int
    meetings: int
    listed: int
    groups: list[tuple[Link, int]]


@dataclass(frozen=True)
class AttendanceRate:
    group: Link
    tally: Tally
    member: bool  # False: attended as a guest, so no rate


@dataclass(frozen=True)
class ActionCounts:
    owned: int
    open: int
    overdue: int


@dataclass(frozen=True)
class PersonView:
    person: PersonDetails
    roles: list[MembershipView]  # current ones first (MembershipView.former)
    # The latest, by year, newest first: (year, its rows listed, its meetings in all).
    attendance: list[tuple[int, list[AttendanceRow], int]]
    meetings_listed: int  # all of them
    years: list[YearCount]  # every year, newest first, when `attendance` is not all of them
    rates: list[AttendanceRate]
    actions: list[ActionRow]
    counts: ActionCounts


def page(person: Person, lookups: Lookups) -> Page:
    rows = _attended(person, lookups)
    roles = lookups.roles.get(person.id, [])
    actions = lookups.actions_of_person[person.id]
    ordered = [a for a in actions if a.status.is_open] + [
        a for a in actions if not a.status.is_open
    ]
    action_rows = [lookups.row(a) for a in ordered]
    view = PersonView(
        person=PersonDetails(person.name, person.affiliation),
        roles=roles,
        attendance=_by_year(rows),
        meetings_listed=len(rows),
        years=_years(rows, lookups) if len(rows) > LATEST_MEETINGS else [],
        rates=_rates(person, lookups),
        actions=action_rows,
        counts=ActionCounts(
            owned=len(action_rows),
            open=sum(r.is_open for r in action_rows),
            overdue=sum(r.overdue for r in action_rows),
        ),
    )
    groups = {("group", r.group.text) for r in rows} | {("group", m.group.text) for m in roles}
    feed = Link(f"Actions of {person.name} (Atom)", urls.person_actions_feed(person.id))
    return Page(
        person.url,
        "person.html",
        person.name,
        view,
        description=descriptions.person(person, len(rows), len(actions)),
        feeds=(feed,) if actions else (),
        search_filters=(("kind", "Person"), *sorted(groups)),
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    for person in lookups.site.people:
        yield PageSource(person.url, partial(page, person, lookups))


def _by_year(rows: list[AttendanceRow]) -> list[tuple[int, list[AttendanceRow], int]]:
    """The latest LATEST_MEETINGS of `rows` (newest first) grouped by year, newest year first,
    each with the year's count of all `rows`."""
    years: dict[int, list[AttendanceRow]] = {}
    held: dict[int, int] = {}
    for number, row in enumerate(rows):
        if number < LATEST_MEETINGS:
            years.setdefault(row.year, []).append(row)
        held[row.year] = held.get(row.year, 0) + 1
    return [(year, listed, held[year]) for year, listed in years.items()]


def _years(rows: list[AttendanceRow], lookups: Lookups) -> list[YearCount]:
    """Each year of `rows` (newest first): its count, how many are listed, and by group."""
    counts: dict[int, dict[str, int]] = {}
    listed: dict[int, int] = {}
    for number, row in enumerate(rows):
        by_group = counts.setdefault(row.year, {})
        by_group[row.group.url] = by_group.get(row.group.url, 0) + 1
        listed[row.year] = listed.get(row.year, 0) + (number < LATEST_MEETINGS)
    order = {group.url: n for n, group in enumerate(lookups.site.groups)}
    names = {group.url: group.name for group in lookups.site.groups}
    return [
        YearCount(
            year,
            sum(by_group.values()),
            listed[year],
            [
                (Link(names[url], f"{url}#year-{year}"), by_group[url])
                for url in sorted(by_group, key=order.__getitem__)
            ],
        )
        for year, by_group in counts.items()
    ]


def _attended(person: Person, lookups: Lookups) -> list[AttendanceRow]:
    """The meetings the person is listed at, newest first, each once."""
    site = lookups.site
    rows: list[AttendanceRow] = []
    seen: set[str] = set()
    by_date = sorted(
        lookups.attended_by[person.id], key=lambda p: (p[0].date, p[0].group), reverse=True
    )
    for meeting, section, attendee in by_date:
        if meeting.key in seen:  # listed twice in one meeting: the first section counts
            continue
        seen.add(meeting.key)
        group = site.group_by_slug[meeting.group]
        rows.append(
            AttendanceRow(
                Link(long_date(meeting.date), meeting.url),
                Link(group.name, group.url),
                section.label,
                section.kind.label,
                attendance_note(attendee, site),
                meeting.date.year,
            )
        )
    return rows


def _rates(person: Person, lookups: Lookups) -> list[AttendanceRate]:
    """Attendance in each group: a member's rate, or how often they came as a guest."""
    rates = []
    for group in lookups.site.groups:
        record = lookups.attendance[group.slug]
        link = Link(group.name, group.url)
        if person.id in record.tallies:
            rates.append(AttendanceRate(link, record.tallies[person.id], True))
        elif (tally := _not_a_member(person, group, lookups)) is not None:
            rates.append(AttendanceRate(link, tally, False))
    return rates


def _not_a_member(person: Person, group: Group, lookups: Lookups) -> Tally | None:
    """The meetings of `group` that someone who is not a member came to as a guest, or sent
    apologies to, or was listed absent from; None if none lists them."""
    kinds = {
        m.key: s.kind
        for m, s, _ in reversed(lookups.attended_by[person.id])
        if m.group == group.slug
    }
    if not kinds:
        return None
    return Tally(
        apologies=sum(1 for k in kinds.values() if k is AttendanceKind.APOLOGIES),
        absent=sum(1 for k in kinds.values() if k is AttendanceKind.ABSENT),
        as_guest=sum(1 for k in kinds.values() if k.attended),
    )

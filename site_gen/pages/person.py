"""A person's page: their roles, the meetings they attended, their attendance rate in each
group, and the actions they own."""

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


@dataclass(frozen=True)
class AttendanceRate:
    group: Link
    tally: Tally
    member: bool  # False: attended as a guest, so no rate


@dataclass(frozen=True)
class PersonView:
    person: PersonDetails
    roles: list[MembershipView]
    attendance: list[AttendanceRow]
    rates: list[AttendanceRate]
    actions: list[ActionRow]


def page(person: Person, lookups: Lookups) -> Page:
    rows = _attended(person, lookups)
    roles = lookups.roles.get(person.id, [])
    actions = lookups.actions_of_person[person.id]
    ordered = [a for a in actions if a.status.is_open] + [
        a for a in actions if not a.status.is_open
    ]
    view = PersonView(
        person=PersonDetails(person.name, person.affiliation),
        roles=roles,
        attendance=rows,
        rates=_rates(person, lookups),
        actions=[lookups.row(a) for a in ordered],
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

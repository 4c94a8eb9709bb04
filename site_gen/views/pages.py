"""Every page of the site as (output path, template, context), built from the model."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, partial
from typing import Any

from site_gen import urls
from site_gen.model import (
    Action,
    AgendaItem,
    AttendanceSection,
    Attendee,
    EventKind,
    Group,
    Meeting,
    Membership,
    Person,
    Site,
)
from site_gen.overdue import overdue_actions
from site_gen.views import descriptions
from site_gen.views.attendance import (
    GroupAttendance,
    Mark,
    Tally,
    attendance_by_group,
    attendance_note,
)
from site_gen.views.common import (
    ActionRow,
    Link,
    MeetingRow,
    action_row,
    long_date,
    meeting_row,
    meeting_title,
)
from site_gen.views.decisions import DecisionIndex
from site_gen.views.history import group_history, recent_changes
from site_gen.views.papers import paper_views
from site_gen.vocabulary import ActionStatus, AttendanceKind, MeetingStatus


@dataclass(frozen=True)
class Page:
    path: str  # output path, e.g. "groups/evidence-group/2021-07-30.html"
    template: str
    title: str
    context: dict[str, Any]
    noindex: bool = False  # draft minutes: shown when asked for, never for search engines
    description: str = ""  # <meta name="description"> and previews
    feeds: tuple[Link, ...] = ()  # Atom feeds about this page, for <link rel="alternate">
    calendar: Link | None = None  # an iCalendar file of this page's meetings
    # Pagefind filters, e.g. (("kind", "Meeting"), ("group", "Evidence Group")); a page
    # without them is not indexed for search.
    search_filters: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GroupView:
    name: str
    description: str


@dataclass(frozen=True)
class PersonView:
    name: str
    affiliation: str


@dataclass(frozen=True)
class MeetingView:
    """What a meeting page shows of the meeting itself (its lists come separately)."""

    iso_date: str
    number: int | None
    time: str
    location: str
    has_minutes: bool
    agenda: tuple[AgendaItem, ...]
    body_html: str  # rendered at parse time from the minutes, escaped and withheld as needed
    withheld_actions: int
    withheld_decisions: int


@dataclass(frozen=True)
class AttendeeView:
    name: str
    role: str
    url: str | None
    note: str  # "for John Smith; arrived during item 2"


@dataclass(frozen=True)
class SectionView:
    label: str
    kind: str
    kind_label: str
    attendees: tuple[AttendeeView, ...]


@dataclass(frozen=True)
class LifecycleView:
    status: str
    approval: Link | None  # the approving meeting; url "" when it is not published
    corrections: tuple[tuple[str, str, str], ...]  # (long date, ISO date, note)


@dataclass(frozen=True)
class FollowUpView:
    """An earlier action as it stood at this meeting: updated or mentioned."""

    action: ActionRow
    what: str  # "updated" or "mentioned"
    status_label: str
    note: str


@dataclass(frozen=True)
class EventView:
    kind: str
    meeting: Link
    status_label: str
    note: str


@dataclass(frozen=True)
class MembershipView:
    group: Link
    role: str
    term: str


@dataclass(frozen=True)
class MemberView:
    person: Link
    role: str
    term: str


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


def _term(start: Any, end: Any) -> str:
    if start and end:
        return f"{long_date(start)} to {long_date(end)}"
    if start:
        return f"from {long_date(start)}"
    return f"until {long_date(end)}" if end else ""


@dataclass(frozen=True)
class _ActionLookups:
    of_group: dict[str, list[Action]]
    of_person: dict[str, list[Action]]  # the actions each person owns
    raised_at: dict[str, list[Action]]  # by the key of the meeting that raised them
    follow_ups: dict[str, list[tuple[Action, int]]]  # (action, event number) by meeting key


class _Index:
    """Lookups across the model that several pages need, each computed once, when a page
    first asks for it: a rebuild that makes one meeting's page needs only a few."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._rows: dict[tuple[str, str], ActionRow] = {}

    @cached_property
    def overdue(self) -> frozenset[str]:
        return overdue_actions(self.site)

    @cached_property
    def meetings_of(self) -> dict[str, list[Meeting]]:
        meetings_of: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.site.meetings:
            meetings_of[meeting.group].append(meeting)
        return meetings_of

    @cached_property
    def attended_by(self) -> dict[str, list[tuple[Meeting, AttendanceSection, Attendee]]]:
        attended_by: dict[str, list[tuple[Meeting, AttendanceSection, Attendee]]] = defaultdict(
            list
        )
        for meeting in self.site.meetings:
            if not meeting.has_minutes:
                continue  # an agenda's expected attendance is not attendance
            for section in meeting.sections:
                for attendee in section.attendees:
                    if attendee.person_id:
                        attended_by[attendee.person_id].append((meeting, section, attendee))
        return attended_by

    @cached_property
    def attendance(self) -> dict[str, GroupAttendance]:
        return attendance_by_group(self.site, self.meetings_of)

    @cached_property
    def as_of(self) -> date | None:
        # "Current" members are those of the latest date in the record, not of the build day:
        # the same content must build the same site whatever day it is built.
        return max((m.date for m in self.site.meetings), default=None)

    @cached_property
    def decisions(self) -> DecisionIndex:
        return DecisionIndex(self.site)

    @cached_property
    def _actions_by(self) -> _ActionLookups:
        found = _ActionLookups(
            defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
        )
        for action in self.site.actions:
            found.of_group[action.group].append(action)
            for person_id in dict.fromkeys(o.person_id for o in action.owners if o.person_id):
                found.of_person[person_id].append(action)
            if action.raised_in:
                found.raised_at[action.raised_in].append(action)
            for n, event in enumerate(action.events):
                if event.kind is not EventKind.RAISED:
                    found.follow_ups[event.meeting].append((action, n))
        return found

    @property
    def actions_of_group(self) -> dict[str, list[Action]]:
        return self._actions_by.of_group

    @property
    def actions_of_person(self) -> dict[str, list[Action]]:
        return self._actions_by.of_person

    @property
    def raised_at(self) -> dict[str, list[Action]]:
        return self._actions_by.raised_at

    @property
    def follow_ups(self) -> dict[str, list[tuple[Action, int]]]:
        return self._actions_by.follow_ups

    def row(self, action: Action) -> ActionRow:
        """An action's row, made once however many pages list it."""
        key = (action.group, action.key)
        if key not in self._rows:
            row = action_row(action, self.site)
            self._rows[key] = replace(row, overdue=action.url in self.overdue)
        return self._rows[key]

    def open_rows(self, actions: list[Action]) -> list[ActionRow]:
        return [self.row(a) for a in actions if a.status.is_open]


def _home(index: _Index) -> Page:
    site = index.site
    groups = [
        {
            "link": Link(g.name, g.url),
            "description": g.description,
            "meetings": len(index.meetings_of[g.slug]),
            "open_actions": sum(a.status.is_open for a in index.actions_of_group[g.slug]),
        }
        for g in site.groups
    ]
    held = [m for m in site.meetings if m.has_minutes]
    latest = sorted(held, key=lambda m: (m.date, m.group), reverse=True)[:10]
    upcoming = sorted(
        (m for m in site.meetings if not m.has_minutes), key=lambda m: (m.date, m.group)
    )
    return Page(
        urls.HOME,
        "home.html",
        site.config.title,
        {
            "groups": groups,
            "latest": [meeting_row(m, site) for m in latest],
            "upcoming": [meeting_row(m, site) for m in upcoming[:5]],
            "open_actions": sum(1 for a in site.actions if a.status.is_open),
            "recent": recent_changes(site, index.decisions),
        },
        description=descriptions.home(site),
        feeds=_site_feeds(),
        calendar=Link("All meetings (iCalendar)", urls.CALENDAR),
    )


def _group(group: Group, index: _Index) -> Page:
    site = index.site
    by_year: dict[int, list[Any]] = defaultdict(list)
    upcoming: list[MeetingRow] = []
    for meeting in sorted(index.meetings_of[group.slug], key=lambda m: m.date, reverse=True):
        if meeting.has_minutes:
            by_year[meeting.date.year].append(meeting_row(meeting, site))
        else:
            upcoming.insert(0, meeting_row(meeting, site))  # soonest first
    current, former = _members(group, index)
    return Page(
        group.url,
        "group.html",
        group.name,
        {
            "group": GroupView(group.name, group.description),
            "members": current,
            "former_members": former,
            "attendance": _attendance_table(group, index),
            "years": sorted(by_year.items(), reverse=True),
            "upcoming": upcoming,
            "open_actions": index.open_rows(index.actions_of_group[group.slug]),
            "actions_url": urls.group_actions_page(group.slug),
            "decisions": index.decisions.latest_rows(group.slug, GROUP_PAGE_DECISIONS),
            "decisions_url": urls.group_decisions_page(group.slug),
            "history": group_history(group, site, index.decisions, index.as_of),
        },
        description=descriptions.group(group, len(index.meetings_of[group.slug])),
        feeds=_group_feeds(group),
        calendar=Link(f"Meetings of the {group.name} (iCalendar)", urls.group_calendar(group.slug)),
        search_filters=(("kind", "Group"), ("group", group.name)),
    )


GROUP_PAGE_DECISIONS = 10  # the latest, newest first; the group's decisions index has them all


def _members(group: Group, index: _Index) -> tuple[list[MemberView], list[MemberView]]:
    """Members as of the latest date in the record, and former members, A to Z."""
    site, as_of = index.site, index.as_of
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
            roles = ", ".join(dict.fromkeys(m.role for m in ongoing))
            starts = [m.start for m in ongoing if m.start]
            first = min(starts) if starts else None
            # A term that begins after the latest meeting is an incoming member's.
            since = "from" if first and as_of and first > as_of else "since"
            current.append(MemberView(link, roles, f"{since} {long_date(first)}" if first else ""))
        else:
            last = max(terms, key=lambda m: m.end or as_of or m.start or date.min)
            former.append(
                MemberView(
                    link,
                    last.role,
                    _term(min((m.start for m in terms if m.start), default=None), last.end),
                )
            )
    return current, former


_MARK_SYMBOLS = {
    Mark.ATTENDED: "✓",
    Mark.APOLOGIES: "A",
    Mark.ABSENT: "✗",
    Mark.SUBSTITUTE: "S",
    Mark.NOT_RECORDED: "?",
    Mark.NOT_MEMBER: "",
}
TABLE_MEETINGS = 12  # the latest meetings shown as columns; totals count every meeting


def _attendance_table(group: Group, index: _Index) -> dict[str, Any]:
    record = index.attendance[group.slug]
    meetings = record.meetings[-TABLE_MEETINGS:]
    site = index.site
    rows = []
    for person_id in sorted(record.members, key=lambda p: site.person_by_id[p].sort_key):
        cells = []
        for meeting in meetings:
            cell = record.cells[(person_id, meeting.key)]
            cells.append(
                {"symbol": _MARK_SYMBOLS[cell.mark], "mark": cell.mark.value, "note": cell.note}
            )
        person = site.person_by_id[person_id]
        rows.append(
            {
                "person": Link(person.name, person.url),
                "cells": cells,
                "tally": record.tallies[person_id],
            }
        )
    return {
        "meetings": [meeting_row(m, site) for m in meetings],
        "rows": rows,
        "shown": len(meetings),
        "total": len(record.meetings),
        "symbols": [(symbol, mark.value) for mark, symbol in _MARK_SYMBOLS.items() if symbol],
    }


def _attendee_view(attendee: Attendee, site: Site) -> AttendeeView:
    url = urls.person_page(attendee.person_id) if attendee.person_id else None
    return AttendeeView(attendee.name, attendee.role, url, attendance_note(attendee, site))


def _meeting(meeting: Meeting, index: _Index, neighbours: tuple[Meeting | None, ...]) -> Page:
    site = index.site
    group = site.group_by_slug[meeting.group]
    sections = [
        SectionView(
            s.label,
            s.kind.value,
            s.kind.label,
            tuple(_attendee_view(a, site) for a in s.attendees),
        )
        for s in meeting.sections
    ]
    follow_ups = []
    for action, n in index.follow_ups[meeting.key]:  # in the site's action order: 1.5 before 1.10
        event = action.events[n]
        follow_ups.append(
            FollowUpView(
                index.row(action),
                event.kind.value,
                event.status.label if event.status else "",
                event.note,
            )
        )
    previous, following = neighbours
    title = meeting_title(meeting, site)
    approved_by = site.meeting_by_key.get(meeting.approved_by or "")
    return Page(
        meeting.url,
        "meeting.html",
        f"{title}, {long_date(meeting.date)}",
        {
            "meeting": MeetingView(
                iso_date=meeting.date.isoformat(),
                number=meeting.number,
                time=meeting.time,
                location=meeting.location,
                has_minutes=meeting.has_minutes,
                agenda=meeting.agenda,
                body_html=meeting.body_html,
                withheld_actions=meeting.withheld_actions,
                withheld_decisions=meeting.withheld_decisions,
            ),
            "title": title,
            "date": long_date(meeting.date),
            "group": Link(group.name, group.url),
            "lifecycle": _lifecycle(meeting, approved_by),
            "approves": [meeting_row(site.meeting_by_key[k], site) for k in meeting.approves],
            "sections": sections,
            "raised": [index.row(a) for a in index.raised_at[meeting.key] if not a.withheld],
            "follow_ups": follow_ups,
            "previous": meeting_row(previous, site) if previous else None,
            "next": meeting_row(following, site) if following else None,
            "decisions": index.decisions.taken_rows(meeting),
            "decisions_mentioned": index.decisions.mentioned_rows(meeting),
            "papers": paper_views(meeting),
        },
        noindex=meeting.status is MeetingStatus.DRAFT,
        description=descriptions.meeting(meeting, site, len(index.raised_at[meeting.key])),
        feeds=_group_feeds(group),
        calendar=Link(f"Meetings of the {group.name} (iCalendar)", urls.group_calendar(group.slug)),
        # Draft minutes, shown only in a --drafts preview, are never indexed for search.
        search_filters=()
        if meeting.status is MeetingStatus.DRAFT
        else (("kind", "Meeting"), ("group", group.name), ("year", str(meeting.date.year))),
    )


def _lifecycle(meeting: Meeting, approved_by: Meeting | None) -> LifecycleView:
    approval = None
    if meeting.approved_at:
        text = f"the meeting of {long_date(meeting.approved_at)}"
        approval = Link(text, approved_by.url if approved_by else "")
    return LifecycleView(
        status=meeting.status.value,
        approval=approval,
        corrections=tuple(
            (long_date(c.date), c.date.isoformat(), c.note) for c in meeting.corrections
        ),
    )


def _people(index: _Index, roles: dict[str, list[MembershipView]]) -> Page:
    letters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for person in index.site.people:
        letter = (person.sort_key[0][:1] or "#").upper()
        letters[letter if letter.isalpha() else "#"].append(
            {
                "link": Link(person.name, person.url),
                "roles": roles.get(person.id, []),
                "affiliation": person.affiliation,
            }
        )
    return Page(
        urls.PEOPLE,
        "people.html",
        "People",
        {"letters": sorted(letters.items())},
        description=f"Everyone named in the published minutes of {index.site.config.title}, "
        "A to Z by surname, with their groups and roles.",
    )


def _attendance(person: Person, index: _Index) -> tuple[list[AttendanceRow], list[AttendanceRate]]:
    site = index.site
    rows: list[AttendanceRow] = []
    seen: set[str] = set()
    by_date = sorted(
        index.attended_by[person.id], key=lambda p: (p[0].date, p[0].group), reverse=True
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
    rates = []
    for group in site.groups:
        record = index.attendance[group.slug]
        if person.id in record.tallies:
            rates.append(
                AttendanceRate(Link(group.name, group.url), record.tallies[person.id], True)
            )
        else:  # not a member: the meetings they came to as a guest, or sent apologies to
            kinds = {
                m.key: s.kind
                for m, s, _ in reversed(index.attended_by[person.id])
                if m.group == group.slug
            }
            tally = Tally(
                apologies=sum(1 for k in kinds.values() if k is AttendanceKind.APOLOGIES),
                absent=sum(1 for k in kinds.values() if k is AttendanceKind.ABSENT),
                as_guest=sum(1 for k in kinds.values() if k.attended),
            )
            if kinds:
                rates.append(AttendanceRate(Link(group.name, group.url), tally, False))
    return rows, rates


def _person(person: Person, index: _Index, roles: list[MembershipView]) -> Page:
    rows, rates = _attendance(person, index)
    actions = index.actions_of_person[person.id]
    ordered = [a for a in actions if a.status.is_open] + [
        a for a in actions if not a.status.is_open
    ]
    return Page(
        person.url,
        "person.html",
        person.name,
        {
            "person": PersonView(person.name, person.affiliation),
            "roles": roles,
            "attendance": rows,
            "rates": rates,
            "actions": [index.row(a) for a in ordered],
        },
        description=descriptions.person(person, len(rows), len(actions)),
        feeds=(
            (Link(f"Actions of {person.name} (Atom)", urls.person_actions_feed(person.id)),)
            if actions
            else ()
        ),
        search_filters=(
            ("kind", "Person"),
            *sorted(
                {("group", r.group.text) for r in rows} | {("group", m.group.text) for m in roles}
            ),
        ),
    )


def _owner_filters(index: _Index) -> list[Link]:
    """People who own actions, linked to the actions on their page, A to Z by surname."""
    site = index.site
    return [
        Link(p.name, f"{p.url}#actions-heading")
        for p in site.people
        if index.actions_of_person[p.id]
    ]


def _action_list_pages(index: _Index) -> Iterator[Page]:
    site = index.site
    filters = [Link("All", urls.ACTIONS)] + [
        Link(s.label.capitalize(), urls.actions_by_status_page(s.value)) for s in ActionStatus
    ]
    group_filters = [Link(g.name, urls.group_actions_page(g.slug)) for g in site.groups]
    everything = [index.row(a) for a in site.actions]
    years = sorted({r.raised_year for r in everything if r.raised_year}, reverse=True)
    year_filters = [Link(str(y), urls.actions_by_year_page(y)) for y in years]
    common = {
        "status_filters": filters,
        "group_filters": group_filters,
        "year_filters": year_filters,
        "owner_filters": _owner_filters(index),
        "overdue_after": site.config.overdue_after,
    }
    about = f"of {site.config.title}, with owners, where each was raised, and its status."
    yield Page(
        urls.ACTIONS,
        "actions.html",
        "Actions",
        {**common, "rows": everything, "scope": "All actions"},
        description=f"Every action {about}",
        feeds=_site_feeds()[1:],
    )
    for status in ActionStatus:
        rows = [r for r in everything if r.status == status.value]
        label = f"{status.label.capitalize()} actions"
        yield Page(
            urls.actions_by_status_page(status.value),
            "actions.html",
            label,
            {**common, "rows": rows, "scope": label},
            description=f"{label} {about}",
            feeds=_site_feeds()[1:],
        )
    for year in years:
        rows = [r for r in everything if r.raised_year == year]
        label = f"Actions raised in {year}"
        yield Page(
            urls.actions_by_year_page(year),
            "actions.html",
            label,
            {**common, "rows": rows, "scope": label},
            description=f"{label}, {about}",
            feeds=_site_feeds()[1:],
        )
    for group in site.groups:
        rows = [index.row(a) for a in index.actions_of_group[group.slug]]
        yield Page(
            urls.group_actions_page(group.slug),
            "actions.html",
            f"{group.name} actions",
            {**common, "rows": rows, "scope": f"Actions of the {group.name}"},
            description=f"Every action of the {group.name}, with owners, where each was raised, "
            "and its status.",
            feeds=_group_feeds(group)[1:],
        )


def _action(action: Action, index: _Index) -> Page:
    site = index.site
    events = []
    for event in action.events:
        meeting = site.meeting_by_key[event.meeting]
        url = f"{meeting.url}#{event.anchor}" if event.anchor else meeting.url
        events.append(
            EventView(
                event.kind.value,
                Link(f"{meeting_title(meeting, site)}, {long_date(meeting.date)}", url),
                event.status.label if event.status else "",
                event.note,
            )
        )
    row = index.row(action)
    shown = " and ".join(o.text for o in row.owners)
    return Page(
        action.url,
        "action.html",
        f"{row.label}: {row.task}" if row.task else f"{row.label} ({row.group.text})",
        {
            "action": row,
            "written_as": action.owner_text if action.owner_text != shown else "",
            "events": events,
            "group_actions_url": urls.group_actions_page(action.group),
            "overdue_after": site.config.overdue_after,
            "decisions": index.decisions.action_rows(action),
        },
        description=descriptions.action(action, site),
        feeds=(_group_feeds(site.group_by_slug[action.group])[1],),
        search_filters=()
        if _raised_in_draft(action, site)
        else (
            ("kind", "Action"),
            ("group", row.group.text),
            *((("year", str(row.raised_year)),) if row.raised_year else ()),
        ),
    )


PageMaker = Callable[[], Page]


def site_pages(site: Site) -> Iterator[tuple[str, PageMaker]]:
    """Every page's address and what makes its view, in a fixed order.

    The many pages (one per meeting, person and action) are made only when asked for: a
    rebuild holds one at a time while it works out which changed, and a build's workers
    make their own share, instead of one process making and holding them all.
    """
    index = _Index(site)
    yield _ready(_home(index))
    for group in site.groups:
        yield _ready(_group(group, index))
        yield from _meeting_pages(index, group)
    roles: dict[str, list[MembershipView]] = defaultdict(list)
    for group in site.groups:
        for m in group.memberships:
            roles[m.person_id].append(
                MembershipView(Link(group.name, group.url), m.role, _term(m.start, m.end))
            )
    yield _ready(_people(index, roles))
    for person in site.people:
        yield person.url, partial(_person, person, index, roles.get(person.id, []))
    yield from map(_ready, _action_list_pages(index))
    for action in site.actions:
        yield action.url, partial(_action, action, index)
    yield from (_ready(Page(**spec)) for spec in index.decisions.pages())
    yield _ready(_search(site))
    yield _ready(_data_index(site))
    yield _ready(Page(urls.NOT_FOUND, "404.html", "Page not found", {}))


def meeting_pages(site: Site, wanted: Collection[str]) -> Iterator[tuple[str, PageMaker]]:
    """The pages of the meetings at the addresses `wanted`, just as site_pages makes them."""
    index = _Index(site)
    for group in site.groups:
        yield from ((path, make) for path, make in _meeting_pages(index, group) if path in wanted)


def _meeting_pages(index: _Index, group: Group) -> Iterator[tuple[str, PageMaker]]:
    meetings = index.meetings_of[group.slug]
    for n, meeting in enumerate(meetings):
        previous = meetings[n - 1] if n > 0 else None
        following = meetings[n + 1] if n + 1 < len(meetings) else None
        yield meeting.url, partial(_meeting, meeting, index, (previous, following))


def _ready(page: Page) -> tuple[str, PageMaker]:
    """A page made already, as its address and what gives it."""
    return page.path, partial(_same, page)


def _same(page: Page) -> Page:
    return page


def _raised_in_draft(action: Action, site: Site) -> bool:
    raised = site.meeting_by_key.get(action.raised_in or "")
    return raised is not None and raised.status is MeetingStatus.DRAFT


def _site_feeds() -> tuple[Link, ...]:
    return (
        Link("New minutes (Atom)", urls.MINUTES_FEED),
        Link("Action updates (Atom)", urls.ACTIONS_FEED),
    )


def _group_feeds(group: Group) -> tuple[Link, Link]:
    return (
        Link(f"New minutes of the {group.name} (Atom)", urls.group_minutes_feed(group.slug)),
        Link(f"Action updates of the {group.name} (Atom)", urls.group_actions_feed(group.slug)),
    )


DATA_FILES = (
    ("groups", "Groups: name, description"),
    ("people", "People: name, affiliation"),
    ("memberships", "Who belongs to which group, in which role, from when to when"),
    ("meetings", "Meetings: date, number, status, agenda items, attendance, actions raised"),
    ("actions", "Actions: task, owners, status, whether overdue, where raised, history"),
)


def _data_index(site: Site) -> Page:
    """Where readers' tools find the site: feeds, calendars and the open data files."""
    data = [
        {
            "link": Link(f"{name}.json", f"data/{name}.json"),
            "schema": Link(f"{name}.schema.json", f"data/schema/{name}.schema.json"),
            "about": about,
        }
        for name, about in DATA_FILES
    ]
    return Page(
        urls.DATA_INDEX,
        "data.html",
        "Feeds, calendars and open data",
        {
            "site_feeds": _site_feeds(),
            "groups": [
                {
                    "name": g.name,
                    "feeds": _group_feeds(g),
                    "calendar": Link("Meetings (iCalendar)", urls.group_calendar(g.slug)),
                }
                for g in site.groups
            ],
            "calendar": Link("All meetings (iCalendar)", urls.CALENDAR),
            "data": data,
            "csv": Link("actions.csv", "data/actions.csv"),
        },
        description=f"Atom feeds, iCalendar files and open data (JSON, CSV) of "
        f"{site.config.title}.",
        feeds=_site_feeds(),
        calendar=Link("All meetings (iCalendar)", urls.CALENDAR),
    )


def _search(site: Site) -> Page:
    """The search page: its form works from the query string, its results need JavaScript."""
    years = sorted({m.date.year for m in site.meetings}, reverse=True)
    return Page(
        urls.SEARCH,
        "search.html",
        "Search",
        {
            "kinds": ["Meeting", "Action", "Decision", "Person", "Group"],
            "groups": [g.name for g in site.groups],
            "years": [str(y) for y in years],
        },
        description=f"Search the minutes, people and actions of {site.config.title}.",
    )

"""Small view types shared by several pages, and the lookups that build them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from site_gen.model import Action, Meeting, Owner, Site

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: date) -> str:
    """'30 July 2021', the same on every machine whatever its locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Link:
    text: str
    url: str  # an output path; templates make it relative with rel()


@dataclass(frozen=True)
class OwnerView:
    text: str
    url: str | None  # a person's page; None for bodies, groups and unresolved names
    kind: str  # person, body, group or unresolved


@dataclass(frozen=True)
class MeetingRow:
    title: str
    url: str
    date: str
    iso_date: str
    group: Link
    number: int | None
    status: str


@dataclass(frozen=True)
class ActionRow:
    label: str
    action_id: str | None
    short_name: str
    url: str
    task: str
    owners: tuple[OwnerView, ...]
    status: str
    status_label: str
    is_open: bool
    group: Link
    raised: Link | None  # None: raised before the published record
    withheld: bool  # raised in an item that is not published
    raised_year: int | None = None  # for filtering by year; None before the published record
    overdue: bool = False  # open after `overdue_after` later meetings (see site_gen.overdue)


def meeting_title(meeting: Meeting, site: Site) -> str:
    group = site.group_by_slug[meeting.group].name
    if meeting.details.title:
        return meeting.details.title
    number = f" {meeting.number}" if meeting.number is not None else ""
    return f"{group} meeting{number}"


def meeting_row(meeting: Meeting, site: Site) -> MeetingRow:
    group = site.group_by_slug[meeting.group]
    return MeetingRow(
        title=meeting_title(meeting, site),
        url=meeting.url,
        date=long_date(meeting.date),
        iso_date=meeting.date.isoformat(),
        group=Link(group.name, group.url),
        number=meeting.number,
        status=meeting.status.value,
    )


def owner_view(owner: Owner, site: Site) -> OwnerView:
    if owner.person_id:
        person = site.person_by_id[owner.person_id]
        return OwnerView(person.name, person.url, "person")
    if owner.body_id:
        return OwnerView(site.body_by_id[owner.body_id].name, None, "body")
    if owner.group:
        return OwnerView(f"The {site.group_by_slug[owner.group].name}", None, "group")
    return OwnerView(owner.text, None, "unresolved")


def action_row(action: Action, site: Site) -> ActionRow:
    group = site.group_by_slug[action.group]
    raised = None
    if action.raised_in:
        meeting = site.meeting_by_key[action.raised_in]
        anchor = "" if action.withheld else f"#{action.anchor}"
        raised = Link(long_date(meeting.date), f"{meeting.url}{anchor}")
    return ActionRow(
        label=action.label,
        action_id=action.action_id,
        short_name=action.short_name,
        url=action.url,
        task=action.task,  # empty for actions raised before the published record
        owners=tuple(owner_view(o, site) for o in action.owners),
        status=action.status.value,
        status_label=action.status.label,
        is_open=action.status.is_open,
        group=Link(group.name, group.url),
        raised=raised,
        withheld=action.withheld,
        raised_year=site.meeting_by_key[action.raised_in].date.year if action.raised_in else None,
    )


@dataclass(frozen=True)
class MembershipView:
    group: Link
    role: str
    term: str
    former: bool = False  # ended before the latest meeting of the record


def term(start: date | None, end: date | None) -> str:
    """'1 May 2020 to 30 April 2024', 'from 1 May 2020', 'until 30 April 2024' or ''."""
    if start and end:
        return f"{long_date(start)} to {long_date(end)}"
    if start:
        return f"from {long_date(start)}"
    return f"until {long_date(end)}" if end else ""


def meeting_link(meeting: Meeting, site: Site, anchor: str = "") -> Link:
    """'Evidence Group meeting 12, 30 July 2021', to the meeting's page (at `anchor`, if any)."""
    url = f"{meeting.url}#{anchor}" if anchor else meeting.url
    return Link(f"{meeting_title(meeting, site)}, {long_date(meeting.date)}", url)

"""A meeting's page: its minutes, who attended, the actions raised and followed up, the
decisions taken, its papers, and where the minutes stand (draft, approved, corrected)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, fields
from datetime import date
from functools import partial

from site_gen import urls
from site_gen.meeting_details import MeetingDetails
from site_gen.model import AgendaItem, AttendanceSection, Attendee, Meeting, Minutes, Site
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.attendance import attendance_note
from site_gen.views.common import (
    ActionRow,
    Link,
    MeetingRow,
    long_date,
    meeting_row,
    meeting_title,
)
from site_gen.views.decisions import DecisionRow
from site_gen.views.follow import group_calendar, group_feeds
from site_gen.views.page import Page, PageSource
from site_gen.views.papers import PaperView, paper_views
from site_gen.vocabulary import MeetingStatus


@dataclass(frozen=True, kw_only=True)
class MeetingSummary(MeetingDetails):
    """What a meeting page shows of the meeting itself (its lists come separately): every
    detail its front matter gives (meeting_details.py), and these."""

    iso_date: str
    number: int | None
    has_minutes: bool
    agenda: tuple[AgendaItem, ...]
    body_html: Minutes  # rendered at parse time, escaped and withheld as needed
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
class MeetingView:
    meeting: MeetingSummary
    title: str
    heading: str  # the H1: says which group and which day
    date: str
    group: Link
    lifecycle: LifecycleView
    approves: list[MeetingRow]
    sections: list[SectionView]
    raised: list[ActionRow]
    follow_ups: list[FollowUpView]
    previous: MeetingRow | None
    next: MeetingRow | None
    decisions: list[DecisionRow]
    decisions_mentioned: list[DecisionRow]
    papers: list[PaperView]


Neighbours = tuple[Meeting | None, Meeting | None]  # the group's meetings before and after


def page(meeting: Meeting, lookups: Lookups, neighbours: Neighbours) -> Page:
    site = lookups.site
    group = site.group_by_slug[meeting.group]
    title = meeting_title(meeting, site)
    previous, following = neighbours
    view = MeetingView(
        meeting=_summary(meeting),
        title=title,
        heading=meeting_heading(title, group.name, meeting.date),
        date=long_date(meeting.date),
        group=Link(group.name, group.url),
        lifecycle=_lifecycle(meeting, site),
        approves=[meeting_row(site.meeting_by_key[k], site) for k in meeting.approves],
        sections=[_section(s, site) for s in meeting.sections],
        raised=[lookups.row(a) for a in lookups.raised_at[meeting.key] if not a.withheld],
        follow_ups=_follow_ups(meeting, lookups),
        previous=meeting_row(previous, site) if previous else None,
        next=meeting_row(following, site) if following else None,
        decisions=lookups.decisions.taken_rows(meeting),
        decisions_mentioned=lookups.decisions.mentioned_rows(meeting),
        papers=paper_views(meeting),
    )
    draft = meeting.status is MeetingStatus.DRAFT
    return Page(
        meeting.url,
        "meeting.html",
        view.heading,
        view,
        noindex=draft,
        description=descriptions.meeting(meeting, site, len(lookups.raised_at[meeting.key])),
        feeds=group_feeds(group),
        calendar=group_calendar(group),
        # Draft minutes, shown only in a --drafts preview, are never indexed for search.
        search_filters=()
        if draft
        else (("kind", "Meeting"), ("group", group.name), ("year", str(meeting.date.year))),
    )


def meeting_heading(title: str, group: str, day: date) -> str:
    """'Planning Board meeting 40, 12 March 2024': the title, with the group's name when a
    title of its own leaves it out, and the date."""
    named = title if group.casefold() in title.casefold() else f"{group}: {title}"
    return f"{named}, {long_date(day)}"


def pages(lookups: Lookups) -> Iterator[PageSource]:
    return pages_at(lookups, None)


def pages_at(lookups: Lookups, paths: Collection[str] | None) -> Iterator[PageSource]:
    """The meeting pages at `paths` (None: all), in the site's order."""
    for group in lookups.site.groups:
        meetings = lookups.meetings_of[group.slug]
        for n, meeting in enumerate(meetings):
            if paths is not None and meeting.url not in paths:
                continue
            previous = meetings[n - 1] if n > 0 else None
            following = meetings[n + 1] if n + 1 < len(meetings) else None
            yield PageSource(meeting.url, partial(page, meeting, lookups, (previous, following)))


def _summary(meeting: Meeting) -> MeetingSummary:
    details = meeting.details
    return MeetingSummary(
        **{f.name: getattr(details, f.name) for f in fields(details)},
        iso_date=meeting.date.isoformat(),
        number=meeting.number,
        has_minutes=meeting.has_minutes,
        agenda=meeting.agenda,
        body_html=meeting.body_html,
        withheld_actions=meeting.withheld_actions,
        withheld_decisions=meeting.withheld_decisions,
    )


def _section(section: AttendanceSection, site: Site) -> SectionView:
    attendees = tuple(_attendee(a, site) for a in section.attendees)
    return SectionView(section.label, section.kind.value, section.kind.label, attendees)


def _attendee(attendee: Attendee, site: Site) -> AttendeeView:
    url = urls.person_page(attendee.person_id) if attendee.person_id else None
    return AttendeeView(attendee.name, attendee.role, url, attendance_note(attendee, site))


def _follow_ups(meeting: Meeting, lookups: Lookups) -> list[FollowUpView]:
    """Earlier actions updated or mentioned here, in the site's action order (1.5 before 1.10)."""
    found = []
    for action, n in lookups.follow_ups[meeting.key]:
        event = action.events[n]
        status = event.status.label if event.status else ""
        found.append(FollowUpView(lookups.row(action), event.kind.value, status, event.note))
    return found


def _lifecycle(meeting: Meeting, site: Site) -> LifecycleView:
    approval = None
    if meeting.approved_at:
        approved_by = site.meeting_by_key.get(meeting.approved_by or "")
        text = f"the meeting of {long_date(meeting.approved_at)}"
        approval = Link(text, approved_by.url if approved_by else "")
    return LifecycleView(
        status=meeting.status.value,
        approval=approval,
        corrections=tuple(
            (long_date(c.date), c.date.isoformat(), c.note) for c in meeting.corrections
        ),
    )

"""iCalendar files (RFC 5545) with every meeting, held or scheduled: calendars/all.ics and
one per group.

Made with the icalendar library, which handles escaping, line folding and CRLF endings.
Meetings carry a date, and their time only as written ("10:00 to 12:00"), so each is an
all-day event with its time in the description and its location, if any, as LOCATION.
UIDs are stable across builds (common.stable_id), and DTSTAMP, which RFC 5545 requires, is
the day the record last changed rather than the build's clock, so the same content gives the
same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from site_gen import __version__, urls
from site_gen.model import Meeting, Site
from site_gen.outputs.common import meeting_updated, public_meetings, stable_id
from site_gen.views.common import meeting_title

PRODID = f"-//site_gen//site_gen {__version__}//EN"


def meeting_event(meeting: Meeting, site: Site) -> Event:
    group = site.group_by_slug[meeting.group]
    event = Event()
    event.add("uid", stable_id(site, "meeting", meeting.key))
    changed = meeting_updated(meeting)
    event.add("dtstamp", datetime(changed.year, changed.month, changed.day, tzinfo=UTC))
    event.add("dtstart", meeting.date)
    event.add("dtend", meeting.date + timedelta(days=1))  # all day: DTEND is the next day
    event.add("summary", meeting_title(meeting, site))
    event.add("categories", [group.name])
    lines = [f"Time: {meeting.time}"] if meeting.time else []
    lines += [f"- {item.title}" for item in meeting.agenda]
    description = "\n".join(lines)
    if meeting.location:
        event.add("location", meeting.location)
    if site.config.base_url:
        # URL must be absolute (a URI): only when the site knows its address.
        page = site.config.base_url + meeting.url
        event.add("url", page)
        description = f"Minutes: {page}\n{description}" if description else f"Minutes: {page}"
    if description:
        event.add("description", description)
    # A meeting to come is a plan; one with minutes took place.
    event.add("status", "CONFIRMED" if meeting.has_minutes else "TENTATIVE")
    event.add("transp", "TRANSPARENT")  # a record of a meeting, not a claim on readers' time
    return event


def render_calendar(site: Site, name: str, meetings: list[Meeting]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # the same, for clients that predate RFC 7986
    for meeting in sorted(meetings, key=lambda m: (m.date, m.group)):
        calendar.add_component(meeting_event(meeting, site))
    return bytes(calendar.to_ical())


def files(site: Site) -> Iterator[tuple[str, bytes]]:
    meetings = public_meetings(site)  # a draft's agenda is not published, even in a preview
    yield urls.CALENDAR, render_calendar(site, f"Meetings: {site.config.title}", meetings)
    for group in site.groups:
        of_group = [m for m in meetings if m.group == group.slug]
        name = f"Meetings of the {group.name}"
        yield urls.group_calendar(group.slug), render_calendar(site, name, of_group)

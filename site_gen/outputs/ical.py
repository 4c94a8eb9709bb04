"""iCalendar files (RFC 5545) with every meeting, held or scheduled: calendars/all.ics and
one per group.

Meetings carry a date, and their time only as written ("10:00 to 12:00"), so each is an
all-day event with its time in the description and its location, if any, as LOCATION.
UIDs are stable across builds (common.stable_id), and DTSTAMP, which RFC 5545 requires, is
the day the record last changed rather than the build's clock, so the same content gives the
same bytes.

Made with the icalendar library, which handles escaping, line folding and CRLF endings.
Each meeting's event is made once for the whole site: a meeting is in the site's calendar
and in its group's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vText

from site_gen import __version__, urls
from site_gen.model import Meeting, Site
from site_gen.outputs.common import OutputContext, meeting_updated, public_meetings, stable_id
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
    lines = [f"Time: {meeting.details.time}"] if meeting.details.time else []
    lines += [f"- {item.title}" for item in meeting.agenda]
    description = "\n".join(lines)
    if meeting.details.location:
        event.add("location", meeting.details.location)
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


def render_calendar(name: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # RFC 7986's NAME is TEXT: given as such, or icalendar (which knows neither of these two
    # properties) would write a comma in a group's name unescaped and fail on a line break.
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))  # the same, for clients that predate RFC 7986
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def calendars(site: Site) -> Iterator[tuple[str, str, list[Meeting]]]:
    """Each calendar: its output path, its name and its meetings in order."""
    # A draft's agenda is not published, even in a preview.
    meetings = sorted(public_meetings(site), key=lambda m: (m.date, m.group))
    yield urls.CALENDAR, f"Meetings: {site.config.title}", meetings
    of_group: dict[str, list[Meeting]] = {g.slug: [] for g in site.groups}
    for meeting in meetings:
        of_group[meeting.group].append(meeting)
    for group in site.groups:
        yield urls.group_calendar(group.slug), f"Meetings of the {group.name}", of_group[group.slug]


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    site = context.site
    events = {m.key: meeting_event(m, site) for m in public_meetings(site)}
    for path, name, meetings in calendars(site):
        yield path, render_calendar(name, (events[m.key] for m in meetings))

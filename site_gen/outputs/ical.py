"""iCalendar files (RFC 5545) with every meeting, held or scheduled: calendars/all.ics and
one per group.

Meetings carry a date, and their time only as written ("10:00 to 12:00"), so each is an
all-day event with its time in the description and its location, if any, as LOCATION.
UIDs are stable across builds (common.stable_id), and DTSTAMP, which RFC 5545 requires, is
the day the record last changed rather than the build's clock, so the same content gives the
same bytes.

Written as text, each event once for the whole site (a meeting is in the site's calendar and
in its group's). The bytes are those the icalendar library writes for the same calendar
(property order, escaping, folding, CRLF endings; the tests compare them, on the fixtures and
on any text), and no longer change with the version of it installed. Through the library, an
archive's events took most of a second to build and write on every build; as text, a few
hundredths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from site_gen import __version__, urls
from site_gen.model import Meeting, Site
from site_gen.outputs.common import meeting_updated, public_meetings, stable_id
from site_gen.views.common import meeting_title

PRODID = f"-//site_gen//site_gen {__version__}//EN"
FOLD_AT = 75  # octets: a longer content line is folded (RFC 5545, 3.1)
CRLF = b"\r\n"


@dataclass(frozen=True)
class MeetingEvent:
    """What a calendar says of one meeting; empty strings are properties left out."""

    uid: str
    changed: date  # DTSTAMP: the day the record last changed
    day: date  # DTSTART; DTEND is the next day, as for any all-day event
    summary: str
    category: str
    location: str
    url: str  # absolute, so only with a base_url
    description: str
    status: str


def meeting_event(meeting: Meeting, site: Site) -> MeetingEvent:
    lines = [f"Time: {meeting.time}"] if meeting.time else []
    lines += [f"- {item.title}" for item in meeting.agenda]
    description = "\n".join(lines)
    page = ""
    if site.config.base_url:
        # URL must be absolute (a URI): only when the site knows its address.
        page = site.config.base_url + meeting.url
        description = f"Minutes: {page}\n{description}" if description else f"Minutes: {page}"
    return MeetingEvent(
        uid=stable_id(site, "meeting", meeting.key),
        changed=meeting_updated(meeting),
        day=meeting.date,
        summary=meeting_title(meeting, site),
        category=site.group_by_slug[meeting.group].name,
        location=meeting.location,
        url=page,
        description=description,
        # A meeting to come is a plan; one with minutes took place.
        status="CONFIRMED" if meeting.has_minutes else "TENTATIVE",
    )


def text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11), escaped as icalendar escapes it: a written \\N is
    taken for the RFC's own line break, and every line break is written \\n."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """A content line in UTF-8, folded into pieces of at most FOLD_AT - 1 octets, never
    inside a character and, like icalendar, never between a backslash or caret and the
    character it escapes (some clients unfold badly)."""
    raw = line.encode("utf-8")
    if len(raw) < FOLD_AT:
        return raw
    pieces = []
    start = 0
    while len(raw) - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while raw[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            end -= 1
        if raw[end - 1] in b"\\^":
            end -= 1
        pieces.append(raw[start:end])
        start = end
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces)


def _day(day: date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def event_lines(event: MeetingEvent) -> bytes:
    """One VEVENT, properties in icalendar's order (its canonical ones, then by name)."""
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(event.summary)}",
        f"DTSTART;VALUE=DATE:{_day(event.day)}",
        f"DTEND;VALUE=DATE:{_day(event.day + timedelta(days=1))}",
        f"DTSTAMP:{_day(event.changed)}T000000Z",  # the day's start in UTC
        f"UID:{text(event.uid)}",
        f"CATEGORIES:{text(event.category)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{text(event.location)}")
    lines.append(f"STATUS:{event.status}")
    lines.append("TRANSP:TRANSPARENT")  # a record of a meeting, not a claim on readers' time
    if event.url:
        lines.append(f"URL:{event.url}")  # a URI: not escaped as TEXT
    lines.append("END:VEVENT")
    return b"".join(fold(line) + CRLF for line in lines)


def render_calendar(name: str, events: Iterable[bytes]) -> bytes:
    """A VCALENDAR of events already written."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        # RFC 7986's NAME is TEXT, escaped as such (icalendar knows neither of these two
        # properties and would write a comma in a group's name unescaped).
        f"NAME:{text(name)}",
        f"X-WR-CALNAME:{text(name)}",  # the same, for clients that predate RFC 7986
    ]
    return b"".join([*(fold(line) + CRLF for line in head), *events, b"END:VCALENDAR\r\n"])


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


def files(site: Site) -> Iterator[tuple[str, bytes]]:
    events = {m.key: event_lines(meeting_event(m, site)) for m in public_meetings(site)}
    for path, name, meetings in calendars(site):
        yield path, render_calendar(name, (events[m.key] for m in meetings))

"""Calendars: parsed back by the icalendar library, checked against RFC 5545's required
properties, with UIDs that survive new meetings and no draft in them; and byte for byte the
calendars icalendar itself writes for the same events, on the fixtures and on any text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import SampleBuild
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vText
from later_meetings import BASE_URL, DRAFT_SENTINEL, build_later, content_with_later_meetings

from site_gen.model import Site
from site_gen.outputs import ical
from site_gen.pipeline import BuildOptions, build

RECORD_CONTENT = Path(__file__).parent / "fixtures" / "record-site" / "content"


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_later(tmp_path_factory.mktemp("ical"), drafts=True, base_url=BASE_URL)


def calendars(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.ics"))}


def events(path: Path) -> list[Calendar]:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_calendars_follow_rfc_5545(sample_site: Path, later: Path) -> None:
    for out in (sample_site, later):
        found = calendars(out)
        assert {"calendars/all.ics", "calendars/groups/evidence-group.ics"} <= set(found)
        assert len(found) == 1 + len(list((out / "groups").glob("*/index.html")))
        for name, path in found.items():
            raw = path.read_bytes()
            assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
            assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded"
            calendar = Calendar.from_ical(raw)
            assert calendar.get("VERSION") == "2.0" and calendar.get("PRODID"), name
            for event in calendar.walk("VEVENT"):
                for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                    assert event.get(required) is not None, (name, required)
                start, end = event.decoded("DTSTART"), event.decoded("DTEND")
                assert type(start) is date and (end - start).days == 1, "an all-day event"
                assert event.decoded("DTSTAMP").tzinfo is not None, "DTSTAMP is in UTC"


def test_every_published_or_scheduled_meeting_is_an_event(later: Path) -> None:
    found = events(later / "calendars/all.ics")
    assert [(str(e.get("SUMMARY")), e.decoded("DTSTART")) for e in found] == [
        ("Evidence Group meeting 3", date(2021, 7, 30)),
        ("Evidence Group meeting 4", date(2021, 9, 10)),
        ("Evidence Group meeting 5", date(2021, 10, 8)),
        ("Evidence Group meeting 6", date(2021, 11, 12)),
        ("Evidence Group meeting", date(2022, 1, 14)),
    ]
    scheduled = found[-1]
    assert (
        str(scheduled.get("STATUS")) == "TENTATIVE" and str(found[0].get("STATUS")) == "CONFIRMED"
    )
    assert str(scheduled.get("LOCATION")) == "Sanctuary Buildings, London"
    assert "Time: 10:00 to 12:00" in str(scheduled.get("DESCRIPTION"))
    corrected = found[1]
    assert corrected.decoded("DTSTAMP").date() == date(2021, 10, 20), "changed by its correction"
    meeting = found[0]
    assert str(meeting.get("URL")) == BASE_URL + "groups/evidence-group/2021-07-30.html"
    assert "Agenda Item 2: Update and reflections on the Case for Change" in str(
        meeting.get("DESCRIPTION")
    )
    assert meeting.decoded("DTSTAMP").date() == date(2021, 7, 30), "from the minutes, not a clock"


def test_uids_are_unique_and_stable(sample_site: Path, later: Path, tmp_path: Path) -> None:
    uids = [str(e.get("UID")) for e in events(later / "calendars/all.ics")]
    assert len(uids) == len(set(uids))
    group_uids = [str(e.get("UID")) for e in events(later / "calendars/groups/evidence-group.ics")]
    assert group_uids == uids, "one group: its calendar holds the same events"
    first = str(events(sample_site / "calendars/all.ics")[0].get("UID"))
    again = build_later(tmp_path)  # no base_url, like the sample: same identity as the sample
    assert first in [str(e.get("UID")) for e in events(again / "calendars/all.ics")]


def test_no_url_without_a_base_url(sample_site: Path) -> None:
    """RFC 5545's URL is a URI: absolute, so only when the site knows its address."""
    (event,) = events(sample_site / "calendars/all.ics")
    assert event.get("URL") is None


def test_no_draft_reaches_a_calendar(later: Path) -> None:
    for name, path in calendars(later).items():
        assert DRAFT_SENTINEL.encode() not in path.read_bytes(), name


def icalendar_event(made: ical.MeetingEvent) -> Event:
    """The event as icalendar writes it, from the same facts."""
    event = Event()
    event.add("uid", made.uid)
    changed = made.changed
    event.add("dtstamp", datetime(changed.year, changed.month, changed.day, tzinfo=UTC))
    event.add("dtstart", made.day)
    event.add("dtend", made.day + timedelta(days=1))
    event.add("summary", made.summary)
    event.add("categories", [made.category])
    if made.location:
        event.add("location", made.location)
    if made.url:
        event.add("url", made.url)
    if made.description:
        event.add("description", made.description)
    event.add("status", made.status)
    event.add("transp", "TRANSPARENT")
    return event


def icalendar_calendar(name: str, events: list[ical.MeetingEvent]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # NAME is TEXT (RFC 7986, 5.1), escaped as such; icalendar knows neither property and
    # would write a comma or backslash in a name unescaped, and fail on a line break.
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    for event in events:
        calendar.add_component(icalendar_event(event))
    return bytes(calendar.to_ical())


def built_site(content: Path, out: Path, base_url: str | None = None) -> Site:
    result = build(BuildOptions(content=content, out=out, base_url=base_url, cache=False))
    assert not result.failed and result.site is not None
    return result.site


def test_calendars_are_the_bytes_icalendar_writes(
    sample_build: SampleBuild, tmp_path: Path
) -> None:
    later = content_with_later_meetings(tmp_path / "later")
    sites = [
        sample_build.result.site,
        built_site(RECORD_CONTENT, tmp_path / "record"),
        built_site(later, tmp_path / "later-out", base_url=BASE_URL),  # with URLs and times
    ]
    for site in sites:
        assert site is not None
        made = dict(ical.files(site))
        plan = list(ical.calendars(site))
        assert [path for path, _, _ in plan] == list(made)
        assert plan[0][2], "the site's calendar has meetings"
        for path, name, meetings in plan:
            events = [ical.meeting_event(m, site) for m in meetings]
            assert made[path] == icalendar_calendar(name, events), path


# Text as minutes may hold it: any letters, and what iCalendar escapes or folds around.
awkward_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cs",)), st.sampled_from("\\;,^\r\nN é—🙂")
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@example(  # an escape, then characters of 2 and 4 octets, where lines are folded
    name="a" * 66 + "🙂" * 4,
    summary="x" * 65 + ",",
    category="é" * 50,
    location="y" * 64 + "\\N",
    description="z" * 62 + "^" + "\n" * 40,
    url="",
    day=date(2021, 7, 30),
)
@given(
    name=awkward_text,
    summary=awkward_text,
    category=awkward_text,
    location=awkward_text,
    description=awkward_text,
    url=st.sampled_from(["", "https://example.org/minutes/groups/g/2021-07-30.html"]),
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 30)),
)
def test_any_text_is_written_as_icalendar_writes_it(
    name: str, summary: str, category: str, location: str, description: str, url: str, day: date
) -> None:
    event = ical.MeetingEvent(
        uid="d9322210-55fc-58fd-95e4-47a79bea54c1",
        changed=day,
        day=day,
        summary=summary,
        category=category,
        location=location,
        url=url,
        description=description,
        status="TENTATIVE",
    )
    written = ical.render_calendar(name, [ical.event_lines(event)])
    assert written == icalendar_calendar(name, [event])

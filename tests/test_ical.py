"""Calendars: parsed back by the icalendar library, checked against RFC 5545's required
properties, with UIDs that survive new meetings and no draft in them; and byte for byte the
calendars icalendar itself writes for the same events, on the fixtures and on any text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText
from later_meetings import BASE_URL, DRAFT_SENTINEL, build_later

from site_gen.model import Site
from site_gen.outputs import ical
from site_gen.outputs.common import OutputContext
from site_gen.pipeline import BuildOptions, build
from site_gen.views.page import Page

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


# Text as names may hold it: any letters, and what iCalendar escapes or folds around.
awkward_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cs",)), st.sampled_from("\\;,^\r\nN é—🙂")
    ),
    min_size=1,
    max_size=200,
)


@settings(max_examples=100, deadline=None)
@example(name="Audit, Risk and Assurance\nCommittee")
@given(name=awkward_text)
def test_any_calendar_name_is_written_as_text_and_read_back(name: str) -> None:
    written = ical.render_calendar(name, [])
    calendar = Calendar.from_ical(written)
    for prop in ("NAME", "X-WR-CALNAME"):
        assert vText.from_ical(calendar[prop].to_ical()) == vText.from_ical(vText(name).to_ical())
    unfolded = written.replace(b"\r\n ", b"")
    assert b"NAME:" + vText(name).to_ical() + b"\r\n" in unfolded  # escaped: commas, breaks


def _no_pages(page: Page) -> bytes:
    raise AssertionError("calendars are not pages")


def test_each_meeting_is_in_the_site_calendar_and_its_group_calendar(tmp_path: Path) -> None:
    site = built_site(RECORD_CONTENT, tmp_path / "record")
    made = dict(ical.files(OutputContext(site, render=_no_pages, pages=[])))
    plan = list(ical.calendars(site))
    assert [path for path, _, _ in plan] == list(made)
    uids = {
        path: [str(e["UID"]) for e in Calendar.from_ical(made[path]).walk("VEVENT")]
        for path in made
    }
    site_uids = uids[plan[0][0]]
    group_uids = [uid for path, _, _ in plan[1:] for uid in uids[path]]
    assert site_uids and sorted(site_uids) == sorted(group_uids)


def built_site(content: Path, out: Path, base_url: str | None = None) -> Site:
    result = build(BuildOptions(content=content, out=out, base_url=base_url, cache=False))
    assert not result.failed and result.site is not None
    return result.site

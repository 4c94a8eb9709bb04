"""Atom feeds: valid RFC 4287 as a feed reader (feedparser) and a strict reading of the
RFC's rules see them, stable ids, dates from the minutes, drafts never in them, and the newest
entries of an archive."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from later_meetings import BASE_URL, DRAFT_SENTINEL, build_later

from benchmarks.corpus import CorpusSpec, generate
from site_gen import urls
from site_gen.model import Site
from site_gen.outputs import feeds as atom
from site_gen.pipeline import BuildOptions, build

A = "{http://www.w3.org/2005/Atom}"
RFC3339_DAY = r"^\d{4}-\d{2}-\d{2}T00:00:00Z$"


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_later(tmp_path_factory.mktemp("feeds"), drafts=True)


@pytest.fixture(scope="module")
def later_with_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_later(tmp_path_factory.mktemp("feeds-base"), base_url=BASE_URL)


def feeds(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.atom"))}


def check_atom(path: Path) -> list[str]:
    """The RFC 4287 rules a lenient reader forgives: one id, title and updated per feed and
    entry, an author, absolute ids, RFC 3339 dates, and an alternate link per entry."""
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != f"{A}feed":
        return [f"root is {root.tag}"]
    for name in ("id", "title", "updated"):
        if len(root.findall(f"{A}{name}")) != 1:
            problems.append(f"feed needs exactly one <{name}>")
    entries = root.findall(f"{A}entry")
    if root.find(f"{A}author/{A}name") is None and any(
        e.find(f"{A}author") is None for e in entries
    ):
        problems.append("no author for the feed or an entry")
    for element in [root, *entries]:
        identifier = element.findtext(f"{A}id") or ""
        if not identifier.startswith(("urn:uuid:", "http://", "https://", "tag:")):
            problems.append(f"id {identifier!r} is not an absolute IRI")
        updated = element.findtext(f"{A}updated") or ""
        if not re.match(RFC3339_DAY, updated):
            problems.append(f"updated {updated!r} is not an RFC 3339 date-time from a day")
    for entry in entries:
        for name in ("id", "title", "updated"):
            if len(entry.findall(f"{A}{name}")) != 1:
                problems.append(f"entry needs exactly one <{name}>")
        if not [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]:
            problems.append("entry has no alternate link")
    ids = [e.findtext(f"{A}id") for e in entries]
    if len(ids) != len(set(ids)):
        problems.append("two entries share an id")
    return problems


def test_every_feed_is_valid_atom(later: Path, later_with_base: Path, sample_site: Path) -> None:
    for out in (sample_site, later, later_with_base):
        found = feeds(out)
        assert "feeds/minutes.atom" in found and "feeds/actions.atom" in found
        for name, path in found.items():
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
            assert parsed.version == "atom10", name
            assert check_atom(path) == [], name


def test_minutes_feed_lists_published_meetings_newest_first(later: Path) -> None:
    parsed = feedparser.parse((later / "feeds/minutes.atom").read_bytes())
    titles = [e.title for e in parsed.entries]
    # Newest change first: meeting 4's correction of 20 October comes after meeting 5.
    # The draft meeting 7 is built with --drafts but is never in a feed, and the meeting
    # scheduled for 2022 has no minutes yet.
    assert titles == [
        "Evidence Group meeting 6, 12 November 2021",
        "Evidence Group meeting 4, 10 September 2021 (corrected 20 October 2021)",
        "Evidence Group meeting 5, 8 October 2021",
        "Evidence Group meeting 3, 30 July 2021",
    ]
    corrected = parsed.entries[1]
    assert corrected.updated == "2021-10-20T00:00:00Z"
    assert corrected.published == "2021-09-10T00:00:00Z"
    assert "Action 3.1 was closed at this meeting" in corrected.summary
    assert parsed.feed.updated == "2021-11-12T00:00:00Z", "the newest entry, not the clock"
    group = feedparser.parse((later / "feeds/groups/evidence-group/minutes.atom").read_bytes())
    assert [e.id for e in group.entries] == [e.id for e in parsed.entries]


def test_action_feeds_follow_status_changes(later: Path) -> None:
    dez = feedparser.parse((later / "feeds/people/dez-holmes/actions.atom").read_bytes())
    assert [e.title for e in dez.entries] == [
        "Action 3.1 updated, closed: connect the review team with NICE implementation colleagues",
        "Action 3.1 raised: connect the review team with NICE implementation colleagues",
    ]
    assert "Introductions made to NICE implementation colleagues" in dez.entries[0].summary
    group = feedparser.parse((later / "feeds/groups/evidence-group/actions.atom").read_bytes())
    titles = [e.title for e in group.entries]
    assert "Action 4.1 raised: write to the Design Group about poverty and the Case for Change" in (
        titles
    )
    assert not any("mentioned" in t for t in titles), "a mention changes no status"


def test_entry_ids_survive_new_meetings(later: Path, sample_site: Path) -> None:
    """Adding meetings adds entries; the entries already published keep their ids."""

    def ids(out: Path, feed: str) -> dict[str, str]:
        parsed = feedparser.parse((out / feed).read_bytes())
        return {e.link: e.id for e in parsed.entries}

    for feed in ("feeds/minutes.atom", "feeds/actions.atom"):
        before, after = ids(sample_site, feed), ids(later, feed)
        assert before and all(after[link] == before[link] for link in before if link in after)
    before = ids(sample_site, "feeds/minutes.atom")
    assert set(before.values()) <= set(ids(later, "feeds/minutes.atom").values())


def test_feed_links_resolve(later: Path, later_with_base: Path) -> None:
    """Relative links resolve from the feed's own address; with a base_url they are absolute."""
    for name, path in feeds(later).items():
        root = ET.parse(path).getroot()
        for link in root.iter(f"{A}link"):
            target = urljoin(f"http://site/{name}", link.get("href", ""))
            assert target.startswith("http://site/"), (name, link.get("href"))
            file = later / target.removeprefix("http://site/").split("#")[0]
            assert file.is_file(), (name, link.get("href"))
    for name, path in feeds(later_with_base).items():
        root = ET.parse(path).getroot()
        hrefs = [link.get("href", "") for link in root.iter(f"{A}link")]
        assert hrefs and all(h.startswith(BASE_URL) for h in hrefs), name
        self_link = [x.get("href") for x in root.findall(f"{A}link") if x.get("rel") == "self"]
        assert self_link == [BASE_URL + name]


def test_no_draft_reaches_a_feed(later: Path) -> None:
    for name, path in feeds(later).items():
        assert DRAFT_SENTINEL.encode() not in path.read_bytes(), name


def test_pages_announce_their_feeds(sample_site: Path) -> None:
    meeting = (sample_site / "groups/evidence-group/2021-07-30.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New minutes of the Evidence '
        'Group (Atom)" href="../../feeds/groups/evidence-group/minutes.atom">'
    ) in meeting
    person = (sample_site / "people/dez-holmes.html").read_text(encoding="utf-8")
    assert 'href="../feeds/people/dez-holmes/actions.atom"' in person


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path]:
    """Years of minutes: more meetings and action changes than a feed holds."""
    root = tmp_path_factory.mktemp("archive")
    content = generate(CorpusSpec(120, groups=2, years=3), root / "content")
    result = build(BuildOptions(content=content, out=root / "output", cache=False))
    assert not result.failed and result.site is not None
    return result.site, root / "output"


def entry_ids(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return [(e.findtext(f"{A}id") or "").removeprefix("urn:uuid:") for e in root.iter(f"{A}entry")]


def test_feeds_hold_their_newest_entries(archive: tuple[Site, Path]) -> None:
    """Each feed: the newest MAX_ENTRIES of everything it follows, newest first."""
    site, out = archive
    changes = {a.url: list(atom.action_entries(a, site)) for a in site.actions}
    raised = {m.key: sum(a.raised_in == m.key for a in site.actions) for m in site.meetings}
    minutes = {
        m.key: atom.meeting_entry(m, site, raised[m.key]) for m in site.meetings if m.has_minutes
    }

    def newest(entries: list[atom.Entry]) -> list[str]:
        return [e.id for e in atom.newest_first(entries)[: atom.MAX_ENTRIES]]

    every_change = [e for entries in changes.values() for e in entries]
    assert len(minutes) > atom.MAX_ENTRIES and len(every_change) > atom.MAX_ENTRIES
    assert entry_ids(out / urls.MINUTES_FEED) == newest(list(minutes.values()))
    assert entry_ids(out / urls.ACTIONS_FEED) == newest(every_change)
    for group in site.groups:
        of_group = [e for a in site.actions if a.group == group.slug for e in changes[a.url]]
        assert len(of_group) > atom.MAX_ENTRIES
        assert entry_ids(out / urls.group_actions_feed(group.slug)) == newest(of_group)
        held = [minutes[m.key] for m in site.meetings if m.group == group.slug and m.has_minutes]
        assert entry_ids(out / urls.group_minutes_feed(group.slug)) == newest(held)
    people = atom.owned_actions(site)
    assert people
    for person_id, actions in people.items():
        owned = [e for a in actions for e in changes[a.url]]
        assert entry_ids(out / urls.person_actions_feed(person_id)) == newest(owned)

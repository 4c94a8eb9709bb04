"""Atom feeds (RFC 4287): new minutes, and action status changes.

- feeds/minutes.atom and feeds/groups/<g>/minutes.atom: one entry per published meeting;
- feeds/actions.atom, feeds/groups/<g>/actions.atom and feeds/people/<id>/actions.atom: one
  entry per status change of an action (raised, then each update), per person for the
  actions they own.

Each feed holds its newest MAX_ENTRIES entries. Every id is a stable urn:uuid (see
common.stable_id) and every date comes from the minutes, never the clock, so a rebuild gives
the same bytes and feed readers see no false news.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from site_gen import urls
from site_gen.model import Action, ActionEvent, EventKind, Meeting, Site
from site_gen.outputs.common import (
    OutputContext,
    is_public,
    link,
    meeting_updated,
    public_meetings,
    stable_id,
    timestamp,
)
from site_gen.views import descriptions
from site_gen.views.common import long_date, meeting_title

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = date(1970, 1, 1)  # `updated` of a feed with no entries yet: fixed, never the clock
# Feed readers poll for news: the newest changes are what they show. The whole record is on
# the pages and in data/, and a feed of every action of a large archive would be megabytes
# fetched again on every poll (and made again on every build).
MAX_ENTRIES = 100

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: date
    published: date
    page: str  # output path the entry links to, may carry a #fragment
    summary: str
    category: str


def _order(entry: Entry) -> tuple[date, date, str]:
    return (entry.updated, entry.published, entry.id)


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first, ties in a fixed order (by id)."""
    return sorted(entries, key=_order, reverse=True)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def render_feed(
    site: Site, path: str, title: str, page: str, entries: list[Entry], fallback: date
) -> bytes:
    """One Atom document of `entries`, given newest first; `fallback` is its `updated` when
    it has none (the newest meeting of the site)."""
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": site.config.language})
    _text(feed, "id", f"urn:uuid:{stable_id(site, 'feed', path)}")
    _text(feed, "title", title)
    _text(feed, "updated", timestamp(entries[0].updated if entries else fallback))
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.config.organisation or site.config.title)
    ET.SubElement(feed, "link", {"rel": "self", "href": link(site, path, path)})
    ET.SubElement(
        feed, "link", {"rel": "alternate", "type": "text/html", "href": link(site, path, page)}
    )
    _text(feed, "generator", "site_gen")
    if site.config.licence:
        _text(feed, "rights", site.config.licence)
    for e in entries:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", f"urn:uuid:{e.id}")
        _text(entry, "title", e.title)
        _text(entry, "updated", timestamp(e.updated))
        _text(entry, "published", timestamp(e.published))
        ET.SubElement(
            entry,
            "link",
            {"rel": "alternate", "type": "text/html", "href": link(site, path, e.page)},
        )
        ET.SubElement(entry, "category", {"term": e.category})
        _text(entry, "summary", e.summary)
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def meeting_entry(meeting: Meeting, site: Site, raised: int) -> Entry:
    """New minutes; a correction updates the same entry (same id, later `updated`)."""
    title = f"{meeting_title(meeting, site)}, {long_date(meeting.date)}"
    summary = descriptions.meeting(meeting, site, raised)
    if meeting.corrections:
        latest = meeting.corrections[-1]
        title += f" (corrected {long_date(latest.date)})"
        summary += " " + " ".join(
            f"Corrected {long_date(c.date)}: {c.note}" for c in meeting.corrections
        )
    return Entry(
        id=stable_id(site, "minutes", meeting.key),
        title=title,
        updated=meeting_updated(meeting),
        published=meeting.date,
        page=meeting.url,
        summary=summary,
        category=site.group_by_slug[meeting.group].name,
    )


def _change_title(action: Action, event: ActionEvent) -> str:
    what = f": {action.task.rstrip('.')}" if action.task else ""
    if event.kind is EventKind.RAISED:
        return f"{action.label} raised{what}"
    status = event.status.label if event.status else "updated"
    return f"{action.label} updated, {status}{what}"


def action_entries(action: Action, site: Site) -> Iterator[Entry]:
    """One entry per change of status: raised, then each update. Mentions change nothing,
    and an action withheld from publication has nothing to announce."""
    if action.withheld:
        return
    group = site.group_by_slug[action.group].name
    page = action.url
    for event in action.events:
        if event.kind is EventKind.MENTIONED:
            continue
        meeting = site.meeting_by_key[event.meeting]
        if not is_public(meeting):
            continue
        at = f"At the {meeting_title(meeting, site)}, {long_date(meeting.date)}"
        note = f" {event.note}" if event.note else ""
        change = _change_title(action, event)
        yield Entry(
            id=stable_id(site, "action", page, event.kind.value, event.meeting),
            title=change,
            updated=meeting.date,
            published=meeting.date,
            page=page,
            summary=f"{at}: {change}.{note}",
            category=group,
        )


def _newest_first_with(pairs: Iterable[tuple[Entry, T]]) -> list[tuple[Entry, T]]:
    return sorted(pairs, key=lambda pair: _order(pair[0]), reverse=True)


def _newest_by(
    ordered: Iterable[tuple[Entry, Iterable[str]]], keys: Iterable[str]
) -> dict[str, list[Entry]]:
    """The newest entries under each key, in one pass over entries already newest first:
    an entry goes to every key it is listed under, until that key holds MAX_ENTRIES."""
    found: dict[str, list[Entry]] = {key: [] for key in keys}
    for entry, under in ordered:
        for key in under:
            bucket = found.get(key)
            if bucket is not None and len(bucket) < MAX_ENTRIES:
                bucket.append(entry)
    return found


def _person_ids(action: Action) -> list[str]:
    return list(dict.fromkeys(o.person_id for o in action.owners if o.person_id))


def _every_entry(
    site: Site, published: list[Meeting]
) -> tuple[list[tuple[Entry, str]], list[tuple[Entry, Action]]]:
    """Every entry, with its group or its action, each made once and sorted once, newest
    first: each feed takes its newest in one pass."""
    raised: dict[str, int] = defaultdict(int)
    for action in site.actions:
        if action.raised_in:
            raised[action.raised_in] += 1
    minutes = _newest_first_with(
        (meeting_entry(m, site, raised[m.key]), m.group) for m in published if m.has_minutes
    )
    changes = _newest_first_with((e, a) for a in site.actions for e in action_entries(a, site))
    return minutes, changes


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    site = context.site
    published = public_meetings(site)
    # The `updated` of a feed with no entries: worked out once, not once a feed.
    latest = max((m.date for m in published), default=EPOCH)
    minutes, changes = _every_entry(site, published)
    slugs = [g.slug for g in site.groups]
    minutes_of_group = _newest_by(((e, (group,)) for e, group in minutes), slugs)
    changes_of_group = _newest_by(((e, (a.group,)) for e, a in changes), slugs)
    people = sorted(owned_actions(site))
    changes_of_person = _newest_by(((e, _person_ids(a)) for e, a in changes), people)

    def feed(path: str, title: str, page: str, entries: list[Entry]) -> tuple[str, bytes]:
        return path, render_feed(site, path, title, page, entries, latest)

    title = site.config.title
    yield feed(
        urls.MINUTES_FEED,
        f"New minutes: {title}",
        urls.HOME,
        [e for e, _ in minutes[:MAX_ENTRIES]],
    )
    yield feed(
        urls.ACTIONS_FEED,
        f"Action updates: {title}",
        urls.ACTIONS,
        [e for e, _ in changes[:MAX_ENTRIES]],
    )
    for group in site.groups:
        yield feed(
            urls.group_minutes_feed(group.slug),
            f"New minutes of the {group.name}",
            group.url,
            minutes_of_group[group.slug],
        )
        yield feed(
            urls.group_actions_feed(group.slug),
            f"Action updates of the {group.name}",
            urls.group_actions_page(group.slug),
            changes_of_group[group.slug],
        )
    for person_id in people:
        person = site.person_by_id[person_id]
        yield feed(
            urls.person_actions_feed(person_id),
            f"Actions of {person.name}",
            person.url,
            changes_of_person[person_id],
        )


def owned_actions(site: Site) -> dict[str, list[Action]]:
    """The actions each person owns, by person id: the people who get an action feed."""
    owned: dict[str, list[Action]] = defaultdict(list)
    for action in site.actions:
        for person_id in _person_ids(action):
            owned[person_id].append(action)
    return owned

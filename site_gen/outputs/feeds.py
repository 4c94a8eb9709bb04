"""Atom feeds (RFC 4287): new minutes, and action status changes.

- feeds/minutes.atom and feeds/groups/<g>/minutes.atom: one entry per published meeting;
- feeds/actions.atom, feeds/groups/<g>/actions.atom and feeds/people/<id>/actions.atom: one
  entry per status change of an action (raised, then each update), per person for the
  actions they own.

Every id is a stable urn:uuid (see common.stable_id) and every date comes from the minutes,
never the clock, so a rebuild gives the same bytes and feed readers see no false news.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from site_gen import urls
from site_gen.model import Action, ActionEvent, EventKind, Meeting, Site
from site_gen.outputs.common import (
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


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: date
    published: date
    page: str  # output path the entry links to, may carry a #fragment
    summary: str
    category: str


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def render_feed(site: Site, path: str, title: str, page: str, entries: list[Entry]) -> bytes:
    """One Atom document; entries newest first, ties in a fixed order."""
    entries = sorted(entries, key=lambda e: (e.updated, e.published, e.id), reverse=True)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": site.config.language})
    _text(feed, "id", f"urn:uuid:{stable_id(site, 'feed', path)}")
    _text(feed, "title", title)
    newest = max((e.updated for e in entries), default=_latest_meeting(site))
    _text(feed, "updated", timestamp(newest))
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


def _latest_meeting(site: Site) -> date:
    return max((m.date for m in public_meetings(site)), default=EPOCH)


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
    for event in action.events:
        if event.kind is EventKind.MENTIONED:
            continue
        meeting = site.meeting_by_key[event.meeting]
        if not is_public(meeting):
            continue
        at = f"At the {meeting_title(meeting, site)}, {long_date(meeting.date)}"
        note = f" {event.note}" if event.note else ""
        yield Entry(
            id=stable_id(site, "action", action.url, event.kind.value, event.meeting),
            title=_change_title(action, event),
            updated=meeting.date,
            published=meeting.date,
            page=action.url,
            summary=f"{at}: {_change_title(action, event)}.{note}",
            category=group,
        )


def _feed(
    site: Site, path: str, title: str, page: str, entries: Iterable[Entry]
) -> tuple[str, bytes]:
    return path, render_feed(site, path, title, page, list(entries))


def files(site: Site) -> Iterator[tuple[str, bytes]]:
    meetings = [m for m in public_meetings(site) if m.has_minutes]
    raised: dict[str, int] = defaultdict(int)
    for action in site.actions:
        if action.raised_in:
            raised[action.raised_in] += 1
    minutes = {m.key: meeting_entry(m, site, raised[m.key]) for m in meetings}
    changes = {a.url: list(action_entries(a, site)) for a in site.actions}
    title = site.config.title
    yield _feed(site, urls.MINUTES_FEED, f"New minutes: {title}", urls.HOME, minutes.values())
    yield _feed(
        site,
        urls.ACTIONS_FEED,
        f"Action updates: {title}",
        urls.ACTIONS,
        (e for entries in changes.values() for e in entries),
    )
    for group in site.groups:
        yield _feed(
            site,
            urls.group_minutes_feed(group.slug),
            f"New minutes of the {group.name}",
            group.url,
            (minutes[m.key] for m in meetings if m.group == group.slug),
        )
        yield _feed(
            site,
            urls.group_actions_feed(group.slug),
            f"Action updates of the {group.name}",
            urls.group_actions_page(group.slug),
            (e for a in site.actions if a.group == group.slug for e in changes[a.url]),
        )
    for person_id, actions in sorted(owned_actions(site).items()):
        person = site.person_by_id[person_id]
        yield _feed(
            site,
            urls.person_actions_feed(person_id),
            f"Actions of {person.name}",
            person.url,
            (e for a in actions for e in changes[a.url]),
        )


def owned_actions(site: Site) -> dict[str, list[Action]]:
    """The actions each person owns, by person id: the people who get an action feed."""
    owned: dict[str, list[Action]] = defaultdict(list)
    for action in site.actions:
        for person_id in dict.fromkeys(o.person_id for o in action.owners if o.person_id):
            owned[person_id].append(action)
    return owned

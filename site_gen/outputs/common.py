"""What the output modules share: stable ids, timestamps from meeting dates, and links."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from site_gen import urls
from site_gen.model import Meeting, Site
from site_gen.views.page import Page
from site_gen.vocabulary import MeetingStatus


@dataclass(frozen=True)
class OutputContext:
    """What an output is made from: the site, and for outputs that are pages themselves (or
    list them), the theme's renderer and the address of every page."""

    site: Site
    render: Callable[[Page], bytes]
    pages: Sequence[str]


def stable_id(site: Site, *parts: str) -> str:
    """A permanent id for a feed entry or calendar event, the same on every build.

    Derived from the site's address (its title when no base_url is set) and the thing's own
    address, so it survives rebuilds and re-orderings; set base_url before publishing.
    """
    address = site.config.base_url or f"site-gen:{site.config.title}"
    return str(uuid.uuid5(_namespace(address), "/".join(parts)))


@cache  # one site, one namespace: a build makes tens of thousands of ids in it
def _namespace(address: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, address)


def timestamp(day: date) -> str:
    """An RFC 3339 time for a day: its start, in UTC. Never the clock: builds repeat exactly."""
    return f"{day.isoformat()}T00:00:00Z"


def link(site: Site, from_file: str, to: str) -> str:
    """Absolute with a base_url; otherwise relative to the file that holds the link."""
    if site.config.base_url:
        return site.config.base_url + to
    return urls.relative(from_file, to)


def is_public(meeting: Meeting) -> bool:
    """Minutes that are published: never drafts, even in a --drafts preview."""
    return meeting.status is not MeetingStatus.DRAFT


def public_meetings(site: Site) -> list[Meeting]:
    return [m for m in site.meetings if is_public(m)]


def meeting_updated(meeting: Meeting) -> date:
    """The day a meeting's record last changed: its latest correction, else the meeting."""
    return max([meeting.date, *(c.date for c in meeting.corrections)])

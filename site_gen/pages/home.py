"""The home page: every group, the latest and upcoming meetings, and what changed recently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.action_counts import status_counts
from site_gen.views.common import Link, MeetingRow, meeting_row
from site_gen.views.follow import site_calendar, site_feeds
from site_gen.views.history import RecentChanges, recent_changes
from site_gen.views.page import Page, PageSource
from site_gen.vocabulary import ActionStatus

LATEST = 10  # meetings with minutes, newest first
UPCOMING = 5  # scheduled meetings, soonest first


@dataclass(frozen=True)
class GroupCard:
    link: Link
    description: str
    meetings: int
    open_actions: int


@dataclass(frozen=True)
class HomeView:
    groups: list[GroupCard]
    latest: list[MeetingRow]
    upcoming: list[MeetingRow]
    open_actions: int  # open or in progress
    in_progress: int  # of those, in progress: each count matches its status page
    recent: RecentChanges | None


def page(lookups: Lookups) -> Page:
    site = lookups.site
    groups = [
        GroupCard(
            Link(g.name, g.url),
            g.description,
            len(lookups.meetings_of[g.slug]),
            status_counts(lookups.actions_of_group[g.slug]).of(ActionStatus.OPEN),
        )
        for g in site.groups
    ]
    counts = status_counts(site.actions)
    held = [m for m in site.meetings if m.has_minutes]
    latest = sorted(held, key=lambda m: (m.date, m.group), reverse=True)[:LATEST]
    upcoming = sorted(
        (m for m in site.meetings if not m.has_minutes), key=lambda m: (m.date, m.group)
    )
    view = HomeView(
        groups=groups,
        latest=[meeting_row(m, site) for m in latest],
        upcoming=[meeting_row(m, site) for m in upcoming[:UPCOMING]],
        # Each figure links to its status page: the same counts as those pages'.
        open_actions=counts.still_open,
        in_progress=counts.of(ActionStatus.IN_PROGRESS),
        recent=recent_changes(site, lookups.decisions),
    )
    return Page(
        urls.HOME,
        "home.html",
        site.config.title,
        view,
        description=descriptions.home(site),
        feeds=site_feeds(),
        calendar=site_calendar(),
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    yield PageSource(urls.HOME, partial(page, lookups))

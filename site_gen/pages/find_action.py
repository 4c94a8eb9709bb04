"""Find an action by its number, with or without script: the "find an action" form's answers.

The form (on the action indexes) sends a group and a number to actions/find.html. With
script, that page goes on to the group's numbers page, which goes on to the action. Without
script, each is a plain page of links: the groups, then every number of the group's actions
by the meeting that raised them, so a reader finds 2.1 at a glance or with the browser's own
find. A group's numbers page grows with the group's actions, a few dozen bytes each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.link.numbered import id_order
from site_gen.model import Group
from site_gen.pages.lookups import Lookups
from site_gen.views.common import Link, long_date
from site_gen.views.page import Page, PageSource


@dataclass(frozen=True)
class Numbered:
    number: str  # as the search page writes it: lower case
    link: Link  # text: the number as the minutes give it


@dataclass(frozen=True)
class RaisedAt:
    meeting: str  # "Meeting 12, 3 March 2021", or "Before the published record"
    actions: list[Numbered]


@dataclass(frozen=True)
class GroupChoice:
    link: Link  # the group's numbers page
    slug: str  # what the form sends


@dataclass(frozen=True)
class FindView:
    group: Link | None  # None on the site's page, which lists the groups
    groups: list[GroupChoice]
    meetings: list[RaisedAt]  # the group's numbered actions, newest meeting first
    actions_url: str


def _raised(group: Group, lookups: Lookups) -> list[RaisedAt]:
    site = lookups.site
    by_meeting: dict[str, list[Numbered]] = defaultdict(list)
    for action in lookups.actions_of_group[group.slug]:
        if action.action_id:
            link = Link(action.action_id, action.url)
            by_meeting[action.raised_in or ""].append(Numbered(action.action_id.lower(), link))
    found = []
    keys = sorted((k for k in by_meeting if k), key=lambda k: site.meeting_by_key[k].date)
    for key in [*reversed(keys), *([""] if "" in by_meeting else [])]:
        meeting = site.meeting_by_key[key] if key else None
        if meeting is None:
            label = "Before the published record"
        else:
            number = f"Meeting {meeting.number}, " if meeting.number is not None else ""
            label = f"{number}{long_date(meeting.date)}"
        actions = sorted(by_meeting[key], key=lambda n: id_order(n.number))
        found.append(RaisedAt(label, actions))
    return found


def _groups(lookups: Lookups) -> list[GroupChoice]:
    return [
        GroupChoice(Link(g.name, urls.find_action_page(g.slug)), g.slug)
        for g in lookups.site.groups
    ]


def site_page(lookups: Lookups) -> Page:
    view = FindView(None, _groups(lookups), [], urls.ACTIONS)
    return Page(
        urls.FIND_ACTION,
        "find_action.html",
        "Find an action",
        view,
        description="Find an action by its group and number.",
    )


def group_page(group: Group, lookups: Lookups) -> Page:
    view = FindView(
        Link(group.name, group.url),
        _groups(lookups),
        _raised(group, lookups),
        urls.group_actions_page(group.slug),
    )
    return Page(
        urls.find_action_page(group.slug),
        "find_action.html",
        f"Find an action of the {group.name}",
        view,
        description=f"Every numbered action of the {group.name}, by number.",
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    yield PageSource(urls.FIND_ACTION, partial(site_page, lookups))
    for group in lookups.site.groups:
        yield PageSource(urls.find_action_page(group.slug), partial(group_page, group, lookups))

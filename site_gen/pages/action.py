"""An action's page: what it is, who owns it, where it stands, and its history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.model import Action, Site
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.common import ActionRow, Link, meeting_link
from site_gen.views.decisions import DecisionRow
from site_gen.views.follow import group_feeds
from site_gen.views.page import Page, PageSource
from site_gen.vocabulary import MeetingStatus


@dataclass(frozen=True)
class EventView:
    kind: str
    meeting: Link
    status_label: str
    note: str


@dataclass(frozen=True)
class ActionView:
    action: ActionRow
    written_as: str  # the owners as the minutes wrote them, when the page shows them otherwise
    events: list[EventView]
    group_actions_url: str
    overdue_after: int
    decisions: list[DecisionRow]


def page(action: Action, lookups: Lookups) -> Page:
    site = lookups.site
    row = lookups.row(action)
    shown = " and ".join(o.text for o in row.owners)
    view = ActionView(
        action=row,
        written_as=action.owner_text if action.owner_text != shown else "",
        events=_events(action, site),
        group_actions_url=urls.group_actions_page(action.group),
        overdue_after=site.config.overdue_after,
        decisions=lookups.decisions.action_rows(action),
    )
    return Page(
        action.url,
        "action.html",
        f"{row.label}: {row.task}" if row.task else f"{row.label} ({row.group.text})",
        view,
        description=descriptions.action(action, site),
        feeds=(group_feeds(site.group_by_slug[action.group])[1],),
        search_filters=()
        if _raised_in_draft(action, site)
        else (
            ("kind", "Action"),
            ("group", row.group.text),
            *((("year", str(row.raised_year)),) if row.raised_year else ()),
        ),
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    for action in lookups.site.actions:
        yield PageSource(action.url, partial(page, action, lookups))


def _events(action: Action, site: Site) -> list[EventView]:
    return [
        EventView(
            event.kind.value,
            meeting_link(site.meeting_by_key[event.meeting], site, event.anchor),
            event.status.label if event.status else "",
            event.note,
        )
        for event in action.events
    ]


def _raised_in_draft(action: Action, site: Site) -> bool:
    raised = site.meeting_by_key.get(action.raised_in or "")
    return raised is not None and raised.status is MeetingStatus.DRAFT

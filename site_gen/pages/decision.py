"""A decision's page: what was decided, when, by what votes, moved and seconded by whom,
where it was referred to later, and the actions and decisions it cites or is cited by."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.model import Decision, Site
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.common import (
    ActionRow,
    Link,
    OwnerView,
    action_row,
    meeting_link,
    owner_view,
)
from site_gen.views.decisions import DecisionIndex, DecisionRow
from site_gen.views.page import Page, PageSource
from site_gen.vocabulary import MeetingStatus


@dataclass(frozen=True)
class DecisionView:
    decision: DecisionRow
    movers: tuple[OwnerView, ...]
    seconders: tuple[OwnerView, ...]
    mentions: list[Link]
    cited_by_actions: list[ActionRow]
    cites_actions: list[ActionRow]
    cited_by_decisions: list[DecisionRow]
    cites_decisions: list[DecisionRow]
    group_decisions_url: str


def page(decision: Decision, lookups: Lookups) -> Page:
    site, index = lookups.site, lookups.decisions
    row = index.row(decision)
    group = decision.group
    view = DecisionView(
        decision=row,
        movers=tuple(owner_view(o, site) for o in decision.movers),
        seconders=tuple(owner_view(o, site) for o in decision.seconders),
        mentions=_mentions(decision, site),
        cited_by_actions=_actions(index, group, decision.cited_by_actions),
        cites_actions=_actions(index, group, decision.cites_actions),
        cited_by_decisions=_decisions(index, group, decision.cited_by_decisions),
        cites_decisions=_decisions(index, group, decision.cites_decisions),
        group_decisions_url=urls.group_decisions_page(group),
    )
    taken = site.meeting_by_key.get(decision.taken_in or "")
    searchable = taken is not None and taken.status is not MeetingStatus.DRAFT
    return Page(
        decision.url,
        "decision.html",
        f"{row.label}: {row.text}" if row.text else f"{row.label} ({row.group.text})",
        view,
        description=descriptions.decision(decision, site),
        # Only decisions with something to find; never one of a draft (a --drafts preview).
        search_filters=(
            ("kind", "Decision"),
            ("group", row.group.text),
            ("year", row.taken_iso[:4]),
        )
        if searchable and row.text
        else (),
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    for decision in lookups.site.decisions:
        yield PageSource(decision.url, partial(page, decision, lookups))


def _mentions(decision: Decision, site: Site) -> list[Link]:
    return [
        meeting_link(site.meeting_by_key[mention.meeting], site, mention.anchor)
        for mention in decision.mentions
    ]


def _actions(index: DecisionIndex, group: str, keys: tuple[str, ...]) -> list[ActionRow]:
    found = (index.actions.get((group, key)) for key in keys)
    return [action_row(a, index.site) for a in found if a is not None]


def _decisions(index: DecisionIndex, group: str, keys: tuple[str, ...]) -> list[DecisionRow]:
    found = (index.by_key.get((group, key)) for key in keys)
    return [index.row(d) for d in found if d is not None]

"""Decisions for templates: rows for lists, a page per decision, and the decisions indexes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from site_gen import urls
from site_gen.markdown import Votes
from site_gen.model import Action, Decision, Meeting, Site
from site_gen.views import descriptions
from site_gen.views.common import (
    ActionRow,
    Link,
    OwnerView,
    action_row,
    long_date,
    meeting_title,
    owner_view,
)
from site_gen.vocabulary import MeetingStatus

# The keyword arguments of a Page: pages.py makes them Pages.
PageSpec = dict[str, Any]


@dataclass(frozen=True)
class DecisionRow:
    label: str  # "Decision D3.1" or "Unnumbered decision"
    decision_id: str | None
    short_name: str
    url: str
    text: str  # as a sentence; empty when withheld or taken before the published record
    group: Link
    taken: Link | None  # where on its meeting's page; None: before the published record
    taken_iso: str
    votes: str  # "7 for, 2 against, 1 abstention", or ""
    withheld: bool


def votes_text(votes: Votes | None) -> str:
    if votes is None:
        return ""
    parts = []
    if votes.in_favour is not None:
        parts.append(f"{votes.in_favour} for")
    if votes.against is not None:
        parts.append(f"{votes.against} against")
    if votes.abstentions is not None:
        n = votes.abstentions
        parts.append(f"{n} abstention{'s' if n != 1 else ''}")
    return ", ".join(parts)


def decision_row(decision: Decision, site: Site) -> DecisionRow:
    group = site.group_by_slug[decision.group]
    taken, iso = None, ""
    if decision.taken_in:
        meeting = site.meeting_by_key[decision.taken_in]
        anchor = "" if decision.withheld else f"#{decision.anchor}"
        taken, iso = Link(long_date(meeting.date), meeting.url + anchor), meeting.date.isoformat()
    text = decision.text
    return DecisionRow(
        label=decision.label,
        decision_id=decision.decision_id,
        short_name=decision.short_name,
        url=decision.url,
        text=text[:1].upper() + text[1:],
        group=Link(group.name, group.url),
        taken=taken,
        taken_iso=iso,
        votes=votes_text(decision.votes),
        withheld=decision.withheld,
    )


class DecisionIndex:
    """Lookups of decisions that several pages need, computed once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.of_group: dict[str, list[Decision]] = defaultdict(list)
        self.taken_at: dict[str, list[Decision]] = defaultdict(list)
        self.mentioned_at: dict[str, list[Decision]] = defaultdict(list)
        self.of_action: dict[tuple[str, str], list[Decision]] = defaultdict(list)
        self.by_key = {(d.group, d.key): d for d in site.decisions}
        self.actions = {(a.group, a.key): a for a in site.actions}
        for decision in site.decisions:
            self.of_group[decision.group].append(decision)
            if decision.taken_in:
                self.taken_at[decision.taken_in].append(decision)
            for mention in decision.mentions:
                self.mentioned_at[mention.meeting].append(decision)
            for key in dict.fromkeys((*decision.cited_by_actions, *decision.cites_actions)):
                self.of_action[(decision.group, key)].append(decision)

    def row(self, decision: Decision) -> DecisionRow:
        return decision_row(decision, self.site)

    def taken_rows(self, meeting: Meeting) -> list[DecisionRow]:
        """The decisions a meeting's page lists: those taken there that are published."""
        return [self.row(d) for d in self.taken_at[meeting.key] if not d.withheld]

    def mentioned_rows(self, meeting: Meeting) -> list[DecisionRow]:
        return [self.row(d) for d in self.mentioned_at[meeting.key]]

    def action_rows(self, action: Action) -> list[DecisionRow]:
        """Decisions whose text refers to the action, or that the action's text refers to."""
        return [self.row(d) for d in self.of_action[(action.group, action.key)]]

    def group_rows(self, group: str) -> list[DecisionRow]:
        return [self.row(d) for d in self.of_group[group]]

    def latest_rows(self, group: str, limit: int) -> list[DecisionRow]:
        """The group's latest published decisions, newest first."""
        taken = [d for d in self.of_group[group] if d.taken_in and not d.withheld]
        return [self.row(d) for d in reversed(taken[-limit:])]

    def _actions(self, group: str, keys: tuple[str, ...]) -> list[ActionRow]:
        found = (self.actions.get((group, key)) for key in keys)
        return [action_row(a, self.site) for a in found if a is not None]

    def _decisions(self, group: str, keys: tuple[str, ...]) -> list[DecisionRow]:
        found = (self.by_key.get((group, key)) for key in keys)
        return [self.row(d) for d in found if d is not None]

    def page(self, decision: Decision) -> PageSpec:
        site = self.site
        row = self.row(decision)
        mentions = []
        for mention in decision.mentions:
            meeting = site.meeting_by_key[mention.meeting]
            anchor = f"#{mention.anchor}" if mention.anchor else ""
            text = f"{meeting_title(meeting, site)}, {long_date(meeting.date)}"
            mentions.append(Link(text, meeting.url + anchor))
        people: dict[str, tuple[OwnerView, ...]] = {
            "movers": tuple(owner_view(o, site) for o in decision.movers),
            "seconders": tuple(owner_view(o, site) for o in decision.seconders),
        }
        title = f"{row.label}: {row.text}" if row.text else f"{row.label} ({row.group.text})"
        taken = site.meeting_by_key.get(decision.taken_in or "")
        searchable = taken is not None and taken.status is not MeetingStatus.DRAFT
        return PageSpec(
            path=decision.url,
            template="decision.html",
            title=title,
            description=descriptions.decision(decision, site),
            # Only decisions with something to find; never one of a draft (a --drafts preview).
            search_filters=(
                ("kind", "Decision"),
                ("group", row.group.text),
                ("year", row.taken_iso[:4]),
            )
            if searchable and row.text
            else (),
            context={
                "decision": row,
                **people,
                "mentions": mentions,
                "cited_by_actions": self._actions(decision.group, decision.cited_by_actions),
                "cites_actions": self._actions(decision.group, decision.cites_actions),
                "cited_by_decisions": self._decisions(decision.group, decision.cited_by_decisions),
                "cites_decisions": self._decisions(decision.group, decision.cites_decisions),
                "group_decisions_url": urls.group_decisions_page(decision.group),
            },
        )

    def pages(self) -> Iterator[PageSpec]:
        """The decisions index, one per group, and a page per decision."""
        site = self.site
        group_filters = [Link(g.name, urls.group_decisions_page(g.slug)) for g in site.groups]
        everything = [self.row(d) for d in site.decisions]
        common = {"group_filters": group_filters, "all_url": urls.DECISIONS}
        yield PageSpec(
            path=urls.DECISIONS,
            template="decisions.html",
            title="Decisions",
            description=descriptions.decisions(
                f"All decisions of {site.config.title}", len(everything)
            ),
            context={**common, "rows": everything, "scope": "All decisions"},
        )
        for group in site.groups:
            rows = self.group_rows(group.slug)
            yield PageSpec(
                path=urls.group_decisions_page(group.slug),
                template="decisions.html",
                title=f"{group.name} decisions",
                description=descriptions.decisions(f"Decisions of the {group.name}", len(rows)),
                context={**common, "rows": rows, "scope": f"Decisions of the {group.name}"},
            )
        for decision in site.decisions:
            yield self.page(decision)

"""Decisions for templates: a row for lists, and the lookups of decisions pages need."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass

from site_gen.model import Action, Decision, Meeting, Site
from site_gen.views.common import Link, long_date
from site_gen.vocabulary import Votes


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

    def for_site(self, site: Site) -> DecisionIndex:
        """This index for `site`, whose decisions and actions are the very ones it was made
        from (a model with new minutes put in): the rows are of `site`'s meetings."""
        index = copy.copy(self)
        index.site = site
        return index

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

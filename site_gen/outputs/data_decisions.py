"""Open data of decisions: data/decisions.json and data/decisions.csv.

A decision taken in an item that is not published (withheld), or at a meeting whose minutes
are not published (a draft), is left out whole: not even its number is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from site_gen.model import Decision, DecisionMention, Owner, Site
from site_gen.outputs.common import public_meetings
from site_gen.views.common import owner_view

CSV_COLUMNS = (
    "id",
    "group_id",
    "number",
    "text",
    "outcome",
    "votes_for",
    "votes_against",
    "abstentions",
    "movers",
    "seconders",
    "taken_date",
    "taken_in",
    "actions",
    "page",
)


def decision_id(decision: Decision) -> str:
    return f"{decision.group}/{decision.key}"


def _owners(owners: tuple[Owner, ...], site: Site) -> list[dict[str, Any]]:
    views = ((owner_view(o, site), o) for o in owners)
    return [{"name": v.text, "kind": v.kind, "person_id": o.person_id} for v, o in views]


def _outcome(decision: Decision) -> str:
    """'carried' when the minutes counted the votes, 'agreed' when they say only that it was
    agreed (every recorded decision was taken: minutes mark it "Agreed:" or "Resolved:")."""
    return "carried" if decision.votes is not None else "agreed"


def _votes(decision: Decision) -> dict[str, int | None] | None:
    votes = decision.votes
    if votes is None:
        return None
    return {"for": votes.in_favour, "against": votes.against, "abstentions": votes.abstentions}


def _record(
    decision: Decision, site: Site, published: dict[str, tuple[str, str]], actions: set[str]
) -> dict[str, Any]:
    taken = published.get(decision.taken_in) if decision.taken_in else None
    linked = dict.fromkeys((*decision.cites_actions, *decision.cited_by_actions))
    return {
        "id": decision_id(decision),
        "group_id": decision.group,
        "number": decision.decision_id,
        "label": decision.label,
        "text": decision.text,
        "outcome": _outcome(decision),
        "votes": _votes(decision),
        "movers": _owners(decision.movers, site),
        "seconders": _owners(decision.seconders, site),
        "taken_in": decision.taken_in if taken else None,
        "taken_date": taken[1] if taken else None,
        "actions": [f"{decision.group}/{k}" for k in linked if f"{decision.group}/{k}" in actions],
        "mentioned_in": [
            {"meeting_id": m.meeting, "date": published[m.meeting][1], "page": _at(published, m)}
            for m in decision.mentions
            if m.meeting in published
        ],
        "page": decision.url,
    }


def _at(published: dict[str, tuple[str, str]], mention: DecisionMention) -> str:
    page = published[mention.meeting][0]
    return f"{page}#{mention.anchor}" if mention.anchor else page


def decisions(site: Site, actions: set[str]) -> Iterator[dict[str, Any]]:
    """Every published decision; `actions` are the ids of the actions data/actions.json has."""
    published = {m.key: (m.url, m.date.isoformat()) for m in public_meetings(site)}
    for decision in site.decisions:
        if decision.withheld or (decision.taken_in and decision.taken_in not in published):
            continue
        yield _record(decision, site, published, actions)


def csv_row(d: dict[str, Any]) -> list[str]:
    votes = d["votes"] or {}

    def count(name: str) -> str:
        value = votes.get(name)
        return "" if value is None else str(value)

    return [
        d["id"],
        d["group_id"],
        d["number"] or "",
        d["text"],
        d["outcome"],
        count("for"),
        count("against"),
        count("abstentions"),
        "; ".join(o["name"] for o in d["movers"]),
        "; ".join(o["name"] for o in d["seconders"]),
        d["taken_date"] or "",
        d["taken_in"] or "",
        "; ".join(d["actions"]),
        d["page"],
    ]

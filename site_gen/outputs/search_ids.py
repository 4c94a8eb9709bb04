"""Find an action or decision by its number: small files the search page reads first.

A reader who types "2.1", "action 2.1", "A2.1" or "D4.1" wants that record, in each group
that has one, above every other result. A full-text index ranks "2.1" among 21.x, 12.1 and
every page that mentions it; so the build writes, for each leading number, the records whose
number starts with it (search/ids/2.json holds 2.1, 2.2, 2.1a ... of every group), and the
search page looks the query up there before it asks the full-text index. Each file is small
(a meeting's records in each group) however large the archive.

Records raised or taken at meetings whose minutes are not published are left out, as the
full-text index leaves out their pages; a withheld record gives its number and nothing more.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from site_gen import urls
from site_gen.link.numbered import id_order
from site_gen.model import Site
from site_gen.outputs.common import OutputContext, is_public


def number_key(number: str) -> str:
    """'D4.1' -> '4.1', '2.1A' -> '2.1a': how the search page writes what a reader typed."""
    return number.lower().removeprefix("d")


def _entries(site: Site) -> Iterator[dict[str, Any]]:
    yield from _actions(site)
    yield from _decisions(site)


def _actions(site: Site) -> Iterator[dict[str, Any]]:
    meetings = site.meeting_by_key
    groups = site.group_by_slug
    for action in site.actions:
        meeting = meetings[action.raised_in] if action.raised_in else None
        if not action.action_id or (meeting and not is_public(meeting)):
            continue
        yield {
            "kind": "action",
            "number": number_key(action.action_id),
            "title": action.label
            if action.withheld or not action.task
            else f"{action.label}: {action.task}",
            "group": groups[action.group].name,
            "status": action.status.label,
            "date": meeting.date.isoformat() if meeting else "",
            "page": action.url,
        }


def _decisions(site: Site) -> Iterator[dict[str, Any]]:
    meetings = site.meeting_by_key
    groups = site.group_by_slug
    for decision in site.decisions:
        meeting = meetings[decision.taken_in] if decision.taken_in else None
        if not decision.decision_id or (meeting and not is_public(meeting)):
            continue
        yield {
            "kind": "decision",
            "number": number_key(decision.decision_id),
            "title": decision.label
            if decision.withheld or not decision.text
            else f"{decision.label}: {decision.text}",
            "group": groups[decision.group].name,
            "status": "",
            "date": meeting.date.isoformat() if meeting else "",
            "page": decision.url,
        }


def shards(site: Site) -> dict[str, list[dict[str, Any]]]:
    """The entries of each leading number, in number order, then by group."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in _entries(site):
        found[str(id_order(entry["number"])[0])].append(entry)
    for entries in found.values():
        entries.sort(key=lambda e: (id_order(e["number"]), e["number"], e["kind"], e["group"]))
    return dict(sorted(found.items(), key=lambda item: int(item[0])))


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    for major, entries in shards(context.site).items():
        document = json.dumps({"ids": entries}, ensure_ascii=False, separators=(",", ":"))
        yield urls.search_ids(major), document.encode("utf-8")

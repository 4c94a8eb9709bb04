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
from site_gen.model import Action, Decision, Site
from site_gen.outputs.common import OutputContext, is_public


def number_key(number: str) -> str:
    """'D4.1' -> '4.1', '2.1A' -> '2.1a': how the search page writes what a reader typed."""
    return number.lower().removeprefix("d")


def _entries(site: Site) -> Iterator[dict[str, Any]]:
    """Actions, then decisions: each with a number, raised or taken in a public meeting."""
    records: list[tuple[str, Action | Decision, str | None, str | None, str, str]] = [
        ("action", a, a.action_id, a.raised_in, a.task, a.status.label) for a in site.actions
    ]
    records += [("decision", d, d.decision_id, d.taken_in, d.text, "") for d in site.decisions]
    for kind, record, number, held_in, text, status in records:
        meeting = site.meeting_by_key[held_in] if held_in else None
        if not number or (meeting and not is_public(meeting)):
            continue
        yield {
            "kind": kind,
            "number": number_key(number),
            "title": record.label if record.withheld or not text else f"{record.label}: {text}",
            "group": site.group_by_slug[record.group].name,
            "status": status,
            "date": meeting.date.isoformat() if meeting else "",
            "page": record.url,
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

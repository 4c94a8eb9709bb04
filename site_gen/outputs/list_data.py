"""The whole action and decision indexes in brief, for the script that filters and sorts
them: actions/rows.json and decisions/rows.json.

An index page shows a hundred rows; the script on it fetches the whole list once, the first
time a reader filters or sorts, so a filter covers every page. Rows are arrays and shared
values (groups, owners, meetings) are tables they point into, and a row's page is its
group's slug and its key put into the file's "page" pattern: the files stay a small part of
the pages they stand for. Rows come in the indexes' own order (open first, newest first).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from site_gen import urls
from site_gen.model import Meeting, Site
from site_gen.outputs.common import OutputContext
from site_gen.overdue import overdue_actions
from site_gen.pages import action_lists, decision_lists
from site_gen.views.common import long_date, owner_view
from site_gen.views.decisions import votes_text
from site_gen.vocabulary import ActionStatus


class _Tables:
    """Values many rows share, each written once and referred to by its place."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.groups = {g.slug: n for n, g in enumerate(site.groups)}
        self.meetings: dict[str, int] = {}
        self.owners: dict[tuple[str, str | None, str], int] = {}

    def meeting(self, key: str | None) -> int:
        if key is None:
            return -1
        return self.meetings.setdefault(key, len(self.meetings))

    def owner(self, text: str, url: str | None, kind: str) -> int:
        return self.owners.setdefault((text, url, kind), len(self.owners))

    def document(self, rows: list[list[Any]]) -> dict[str, Any]:
        by_key = self.site.meeting_by_key
        return {
            "groups": [[g.name, g.url, g.slug] for g in self.site.groups],
            "meetings": [_meeting(by_key[key]) for key in self.meetings],
            "owners": [list(owner) for owner in self.owners],
            "statuses": {s.value: s.label for s in ActionStatus},
            "rows": rows,
        }


def _meeting(meeting: Meeting) -> list[str]:
    return [meeting.url, meeting.date.isoformat(), long_date(meeting.date)]


def actions(site: Site) -> dict[str, Any]:
    tables = _Tables(site)
    overdue = overdue_actions(site)
    rows = []
    for a in action_lists.newest_first(site.actions, site):
        owners = [
            tables.owner(v.text, v.url, v.kind) for v in (owner_view(o, site) for o in a.owners)
        ]
        rows.append(
            [
                tables.groups[a.group],
                a.action_id,
                a.key,
                a.task,
                owners,
                a.status.value,
                tables.meeting(a.raised_in),
                "" if a.withheld else a.anchor,
                int(a.url in overdue),
                int(a.withheld),
            ]
        )
    return {"page": urls.action_page("{group}", "{key}"), **tables.document(rows)}


def decisions(site: Site) -> dict[str, Any]:
    tables = _Tables(site)
    rows = []
    for d in decision_lists.newest_first(site.decisions, site):
        text = d.text[:1].upper() + d.text[1:]
        rows.append(
            [
                tables.groups[d.group],
                d.decision_id,
                d.key,
                text,
                tables.meeting(d.taken_in),
                "" if d.withheld else d.anchor,
                votes_text(d.votes),
                int(d.withheld),
            ]
        )
    return {"page": urls.decision_page("{group}", "{key}"), **tables.document(rows)}


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    yield urls.ACTION_ROWS, _encode(actions(context.site))
    yield urls.DECISION_ROWS, _encode(decisions(context.site))

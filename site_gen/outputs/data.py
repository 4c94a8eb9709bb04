"""Open data: data/*.json, data/actions.csv, and a JSON Schema for each under data/schema/.

Shapes follow Popolo (people, groups as organisations, memberships) and Open Civic Data
(meetings as events with agenda and participants) where they fit; README documents every
field, and the schemas (in site_gen/outputs/schemas/, published as they are) describe and
constrain them. Only what the site's pages already show is exported: no aliases, no source
paths, no draft minutes. Paths ("page") are relative to the site's root.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from site_gen import urls
from site_gen.model import Action, Meeting, Site
from site_gen.outputs import data_decisions
from site_gen.outputs.common import OutputContext, public_meetings
from site_gen.outputs.csv_table import CsvTable
from site_gen.overdue import overdue_actions
from site_gen.views.common import meeting_title, owner_view

SCHEMAS = ("groups", "people", "memberships", "meetings", "actions", "decisions")
CSV_COLUMNS = (
    "id",
    "group_id",
    "number",
    "task",
    "owners",
    "status",
    "open",
    "overdue",
    "raised_date",
    "raised_in",
    "page",
    "history",
)


def meeting_id(key: str) -> str:
    return key  # "<group>/<date>": unique, stable and readable


def action_id(action: Action) -> str:
    return f"{action.group}/{action.key}"


def groups(site: Site) -> list[dict[str, Any]]:
    return [
        {"id": g.slug, "name": g.name, "description": g.description, "page": g.url}
        for g in site.groups
    ]


def people(site: Site) -> list[dict[str, Any]]:
    return [
        {"id": p.id, "name": p.name, "affiliation": p.affiliation, "page": p.url}
        for p in site.people
    ]


def memberships(site: Site) -> list[dict[str, Any]]:
    return [
        {
            "person_id": m.person_id,
            "group_id": m.group,
            "role": m.role,
            "start_date": m.start.isoformat() if m.start else None,
            "end_date": m.end.isoformat() if m.end else None,
        }
        for g in site.groups
        for m in g.memberships
    ]


def _meeting(meeting: Meeting, site: Site, raised: list[str]) -> dict[str, Any]:
    return {
        "id": meeting_id(meeting.key),
        "group_id": meeting.group,
        "title": meeting_title(meeting, site),
        "date": meeting.date.isoformat(),
        "number": meeting.number,
        "status": meeting.status.value,
        "time": meeting.details.time,
        "location": meeting.details.location,
        "approved_at": meeting.approved_at.isoformat() if meeting.approved_at else None,
        "approved_by": meeting.approved_by,
        "corrections": [{"date": c.date.isoformat(), "note": c.note} for c in meeting.corrections],
        "page": meeting.url,
        "agenda": [
            {"title": item.title, "page": f"{meeting.url}#{item.anchor}"} for item in meeting.agenda
        ],
        "attendance": [
            {
                "label": section.label,
                "kind": section.kind.value,
                "attendees": [
                    {
                        "name": a.name,
                        "role": a.role,
                        "person_id": a.person_id,
                        "body_id": a.body_id,
                        "substitute_for": a.substitute_for,
                        "arrived": a.arrived,
                        "left": a.left,
                    }
                    for a in section.attendees
                ],
            }
            for section in meeting.sections
        ],
        "actions_raised": raised,
        "withheld_actions": meeting.withheld_actions,
    }


def meetings(site: Site) -> Iterator[dict[str, Any]]:
    raised: dict[str, list[str]] = {m.key: [] for m in site.meetings}
    for action in site.actions:
        if action.raised_in:
            raised[action.raised_in].append(action_id(action))
    return (_meeting(m, site, raised[m.key]) for m in public_meetings(site))


def _published(site: Site) -> dict[str, tuple[str, str]]:
    """Each published meeting's page and ISO date, by key: looked up for every action event."""
    return {m.key: (m.url, m.date.isoformat()) for m in public_meetings(site)}


def _action(
    action: Action, site: Site, overdue: frozenset[str], published: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    history = []
    for event in action.events:
        meeting = published.get(event.meeting)
        if meeting is None:  # a draft: not published
            continue
        page, day = meeting
        history.append(
            {
                "event": event.kind.value,
                "meeting_id": meeting_id(event.meeting),
                "date": day,
                "status": event.status.value if event.status else None,
                "note": event.note,
                "page": f"{page}#{event.anchor}" if event.anchor else page,
            }
        )
    owners = []
    for owner in action.owners:
        view = owner_view(owner, site)
        owners.append({"name": view.text, "kind": view.kind, "person_id": owner.person_id})
    raised = published.get(action.raised_in) if action.raised_in else None
    url = action.url
    return {
        "id": action_id(action),
        "group_id": action.group,
        "number": action.action_id,
        "label": action.label,
        "short_name": action.short_name,
        "task": action.task,
        "owner_text": action.owner_text,
        "owners": owners,
        "status": action.status.value,
        "status_label": action.status.label,
        "open": action.status.is_open,
        "overdue": url in overdue,
        "withheld": action.withheld,
        "raised_in": meeting_id(action.raised_in) if action.raised_in and raised else None,
        "raised_date": raised[1] if raised else None,
        "page": url,
        "history": history,
    }


def actions(site: Site) -> Iterator[dict[str, Any]]:
    overdue = overdue_actions(site)
    published = _published(site)
    return (
        _action(a, site, overdue, published)
        for a in site.actions
        if not a.raised_in or a.raised_in in published
    )


def _history_text(history: list[dict[str, Any]]) -> str:
    parts = []
    for h in history:
        text = f"{h['date']} {h['event']}"
        if h["status"]:
            text += f": {h['status']}"
        if h["note"]:
            text += f" ({h['note']})"
        parts.append(text)
    return "; ".join(parts)


def _csv_row(a: dict[str, Any]) -> list[str]:
    """An action's current status, and its history in one column."""
    return [
        a["id"],
        a["group_id"],
        a["number"] or "",
        a["task"],
        "; ".join(o["name"] for o in a["owners"]),
        a["status"],
        "yes" if a["open"] else "no",
        "yes" if a["overdue"] else "no",
        a["raised_date"] or "",
        a["raised_in"] or "",
        a["page"],
        _history_text(a["history"]),
    ]


_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # the C encoder


def _document(name: str, records: list[bytes]) -> bytes:
    """{"<name>": [...]} with one record a line: readable and diffable. (With indent, json
    would use its pure-Python encoder, many times slower than the C one used here.) The
    opening and closing go onto the first and last record, so that the document is made in
    one join: the records and the document are the only copies held (tens of MB each)."""
    head = f"{{{_encode(name)}: [".encode()
    if not records:
        return head + b"]}\n"
    records[0] = head + b"\n" + records[0]
    records[-1] += b"\n]}\n"
    return b",\n".join(records)


def _record(row: dict[str, Any]) -> bytes:
    return _encode(row).encode()


def json_document(name: str, rows: Iterable[dict[str, Any]]) -> bytes:
    # Each record is encoded as it is made and let go: the records of an archive, all held
    # at once, keep the garbage collector walking them.
    return _document(name, [_record(row) for row in rows])


def action_documents(site: Site) -> tuple[bytes, bytes, set[str]]:
    """data/actions.json and data/actions.csv (RFC 4180, one row an action), in one pass,
    and the ids of the actions they hold."""
    records = []
    table = CsvTable(CSV_COLUMNS)
    ids = set()
    for row in actions(site):
        records.append(_record(row))
        table.add(_csv_row(row))
        ids.add(row["id"])
    return _document("actions", records), table.bytes(), ids


def decision_documents(site: Site, actions: set[str]) -> tuple[bytes, bytes]:
    """data/decisions.json and data/decisions.csv: published decisions only."""
    records = []
    table = CsvTable(data_decisions.CSV_COLUMNS)
    for row in data_decisions.decisions(site, actions):
        records.append(_record(row))
        table.add(data_decisions.csv_row(row))
    return _document("decisions", records), table.bytes()


def schema_file(name: str) -> bytes:
    """The published JSON Schema of data/<name>.json, as shipped in the package."""
    return (resources.files("site_gen.outputs") / "schemas" / f"{name}.schema.json").read_bytes()


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    site = context.site
    yield urls.data_file("groups"), json_document("groups", groups(site))
    yield urls.data_file("people"), json_document("people", people(site))
    yield urls.data_file("memberships"), json_document("memberships", memberships(site))
    yield urls.data_file("meetings"), json_document("meetings", meetings(site))
    actions_json, actions_csv, action_ids = action_documents(site)
    yield urls.data_file("actions"), actions_json
    yield urls.ACTIONS_CSV, actions_csv
    decisions_json, decisions_csv = decision_documents(site, action_ids)
    yield urls.data_file("decisions"), decisions_json
    yield urls.DECISIONS_CSV, decisions_csv
    for name in SCHEMAS:
        yield urls.data_schema(name), schema_file(name)

"""Open data: every data/*.json validates against the JSON Schema published beside it, ids
refer to each other, the CSV agrees with the JSON, the action index can be rebuilt from the
JSON alone, and the docs (docs/readers/data.md) document every field."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from later_meetings import DRAFT_SENTINEL, build_later

from site_gen.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
NAMES = ("groups", "people", "memberships", "meetings", "actions")
MONTHS = "January February March April May June July August September October November December"


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_later(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built with --drafts: the draft meeting's page exists, but no data file has it."""
    return build_later(tmp_path_factory.mktemp("data-preview"), drafts=True)


def load(out: Path, name: str) -> list[dict[str, Any]]:
    document = json.loads((out / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert list(document) == [name]
    rows: list[dict[str, Any]] = document[name]
    return rows


def test_data_validates_against_its_schemas(sample_site: Path, later: Path, preview: Path) -> None:
    for out in (sample_site, later, preview):
        for name in NAMES:
            schema = json.loads((out / "data/schema" / f"{name}.schema.json").read_text("utf-8"))
            validator_class = jsonschema.validators.validator_for(schema)
            validator_class.check_schema(schema)
            validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
            document = json.loads((out / "data" / f"{name}.json").read_text(encoding="utf-8"))
            errors = [
                f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)
            ]
            assert errors == [], name
            assert document[name], f"{name}.json is empty"


def test_each_record_is_a_line(sample_site: Path, later: Path) -> None:
    """Readable and diffable: the list opens on the first line, then one record a line."""
    for out in (sample_site, later):
        for name in NAMES:
            lines = (out / "data" / f"{name}.json").read_text(encoding="utf-8").splitlines()
            assert lines[0] == f'{{"{name}": [' and lines[-1] == "]}", name
            records = [json.loads(line.removesuffix(",")) for line in lines[1:-1]]
            assert records == load(out, name), name


def test_the_schemas_reject_what_they_should(sample_site: Path) -> None:
    """The schemas are strict enough to catch drift: an unknown field or a wrong status fails."""
    schema = json.loads((sample_site / "data/schema/actions.schema.json").read_text("utf-8"))
    document = json.loads((sample_site / "data/actions.json").read_text(encoding="utf-8"))
    document["actions"][0]["status"] = "finished"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
    document = json.loads((sample_site / "data/actions.json").read_text(encoding="utf-8"))
    document["actions"][0]["secret"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_ids_refer_to_each_other(later: Path) -> None:
    groups = {g["id"] for g in load(later, "groups")}
    people = {p["id"] for p in load(later, "people")}
    meetings = {m["id"]: m for m in load(later, "meetings")}
    actions = {a["id"]: a for a in load(later, "actions")}
    for m in load(later, "memberships"):
        assert m["person_id"] in people and m["group_id"] in groups
    for meeting in meetings.values():
        assert meeting["group_id"] in groups
        assert all(a in actions for a in meeting["actions_raised"])
        for section in meeting["attendance"]:
            for attendee in section["attendees"]:
                assert attendee["person_id"] is None or attendee["person_id"] in people
        assert (later / meeting["page"]).is_file()
    for action in actions.values():
        assert action["raised_in"] is None or action["raised_in"] in meetings
        assert all(h["meeting_id"] in meetings for h in action["history"])
        assert all(o["person_id"] is None or o["person_id"] in people for o in action["owners"])
        assert (later / action["page"]).is_file()


def test_overdue_actions(later: Path) -> None:
    """Open after 3 later meetings (the default): those raised at meeting 3 or numbered from
    meetings 1 and 2, once meetings 4 to 6 are held; not 4.1, nor 1.5 and 3.1, closed."""
    overdue = {a["id"] for a in load(later, "actions") if a["overdue"]}
    assert overdue == {
        "evidence-group/1-8",
        "evidence-group/2-3",
        "evidence-group/2-5",
        "evidence-group/3-2",
        "evidence-group/3-3",
        "evidence-group/2021-07-30-share-wwcs-evidence-summaries-and-rapid",
        "evidence-group/2021-07-30-arrange-teach-ins-for-group-members",
        "evidence-group/2021-07-30-discuss-mechanisms-for-the-group-to",
    }
    page = (later / "actions/index.html").read_text(encoding="utf-8")
    assert page.count("data-overdue") == len(overdue)


def test_overdue_after_is_configurable(tmp_path: Path) -> None:
    from later_meetings import content_with_later_meetings

    content = content_with_later_meetings(tmp_path, "overdue_after: 1\n")
    result = build(BuildOptions(content=content, out=tmp_path / "out"))
    assert not result.failed
    overdue = {a["id"] for a in load(tmp_path / "out", "actions") if a["overdue"]}
    assert "evidence-group/4-1" in overdue
    (content / "site.yaml").write_text("title: T\noverdue_after: 0\n", encoding="utf-8")
    failed = build(BuildOptions(content=content, out=tmp_path / "out2"))
    assert [p.format().splitlines()[0] for p in failed.problems] == [
        f"{content / 'site.yaml'}:2: error: 'overdue_after' must be at least 1"
    ]


def test_csv_agrees_with_the_json(later: Path) -> None:
    text = (later / "data/actions.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    actions = load(later, "actions")
    assert [r["id"] for r in rows] == [a["id"] for a in actions]
    for row, action in zip(rows, actions, strict=True):
        assert row["status"] == action["status"]
        assert row["overdue"] == ("yes" if action["overdue"] else "no")
        assert row["history"].count(";") == max(0, len(action["history"]) - 1)
    row_31 = next(r for r in rows if r["id"] == "evidence-group/3-1")
    assert row_31["history"] == (
        "2021-07-30 raised: open; 2021-09-10 updated: closed "
        "(Introductions made to NICE implementation colleagues)"
    )


class _TableRows(HTMLParser):
    """The text of each cell of each body row of the first action table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "actions-table" in classes and not self.rows:
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tbody":
            self._in_body = self._in_table = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"


def index_order(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The index's documented order: open and in progress first, newest first, then by
    group and number, highest first (the unnumbered after)."""

    def number(a: dict[str, Any]) -> tuple[bool, tuple[int, ...], str]:
        parts = (a["number"] or "").split(".")
        order = tuple(-int(re.sub(r"\D", "", p) or 0) for p in parts) if a["number"] else ()
        return (a["number"] is None, order, a["id"])

    ordered = sorted(actions, key=number)
    ordered.sort(key=lambda a: a["group_id"])
    ordered.sort(key=lambda a: a["raised_date"] or "", reverse=True)  # sort() is stable
    ordered.sort(key=lambda a: not a["open"])
    return ordered


def rebuild_action_index(data: Path) -> list[list[str]]:
    """The rows of the action index, from the JSON files alone."""
    groups = {g["id"]: g["name"] for g in json.loads((data / "groups.json").read_text())["groups"]}
    rows = []
    for a in index_order(
        json.loads((data / "actions.json").read_text(encoding="utf-8"))["actions"]
    ):
        rows.append(
            [
                a["number"] or f"Unnumbered: {a['short_name']}",
                a["task"] or "Raised before the published record",
                ", ".join(o["name"] for o in a["owners"]) or "Not recorded",
                groups[a["group_id"]],
                _long_date(a["raised_date"]) if a["raised_date"] else "Before the published record",
                a["status_label"] + (" overdue" if a["overdue"] else ""),
            ]
        )
    return rows


def test_the_action_index_can_be_rebuilt_from_the_json(sample_site: Path, later: Path) -> None:
    for out in (sample_site, later):
        parser = _TableRows()
        parser.feed((out / "actions/index.html").read_text(encoding="utf-8"))
        assert len(parser.rows) >= 13
        assert rebuild_action_index(out / "data") == parser.rows


def test_no_draft_reaches_the_data(preview: Path) -> None:
    assert (preview / "groups/evidence-group/2021-12-10.html").is_file()
    for path in sorted((preview / "data").rglob("*")):
        if path.is_file():
            assert DRAFT_SENTINEL.encode() not in path.read_bytes(), path
    assert "evidence-group/2021-12-10" not in {m["id"] for m in load(preview, "meetings")}


def test_the_docs_document_every_field(sample_site: Path) -> None:
    section = (REPO / "docs/readers/data.md").read_text(encoding="utf-8")

    def fields(schema: dict[str, Any]) -> set[str]:
        found = set()
        for key, value in schema.get("properties", {}).items():
            found.add(key)
            found |= fields(value)
        return found | (fields(schema["items"]) if "items" in schema else set())

    for name in NAMES:
        schema = json.loads((sample_site / "data/schema" / f"{name}.schema.json").read_text())
        assert f"data/{name}.json" in section
        missing = {f for f in fields(schema) if not re.search(rf"`{f}`", section)} - set(NAMES)
        assert not missing, (
            f"docs/readers/data.md does not document {sorted(missing)} of {name}.json"
        )

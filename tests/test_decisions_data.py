"""data/decisions.json and data/decisions.csv: every published decision with its votes,
mover, seconder, outcome, meeting and linked actions, valid against the published schema,
listed in the data catalogue; a withheld or draft decision never in them, not even its id."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_no_leak import CONTENT as LEAKY
from test_no_leak import leaked

from site_gen.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
RECORD = REPO / "tests/fixtures/record-site/content"


def build_into(out: Path, content: Path, drafts: bool = False) -> Path:
    result = build(BuildOptions(content=content, out=out, drafts=drafts, search=False))
    assert not result.failed, [p.format() for p in result.problems]
    return out


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("record") / "out", RECORD)


def decisions(out: Path) -> list[dict[str, Any]]:
    document = json.loads((out / "data/decisions.json").read_text(encoding="utf-8"))
    assert list(document) == ["decisions"]
    rows: list[dict[str, Any]] = document["decisions"]
    return rows


def test_decisions_validate_against_their_schema(record: Path) -> None:
    schema = json.loads((record / "data/schema/decisions.schema.json").read_text("utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    document = json.loads((record / "data/decisions.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(document)] == []
    wrong = {"decisions": [{**document["decisions"][0], "outcome": "maybe"}]}
    assert list(validator.iter_errors(wrong)), "the schema is strict about outcome"


def test_a_decision_carries_votes_mover_seconder_meeting_and_actions(record: Path) -> None:
    by_id = {d["id"]: d for d in decisions(record)}
    first = by_id["board/d1-1"]
    assert first["votes"] == {"for": 4, "against": 0, "abstentions": 1}
    assert first["outcome"] == "carried"
    assert first["movers"] == [{"name": "Ann Lee", "kind": "person", "person_id": "ann-lee"}]
    assert [s["person_id"] for s in first["seconders"]] == ["dan-eze"]
    assert first["taken_in"] == "board/2022-06-15" and first["taken_date"] == "2022-06-15"
    actions = {a["id"] for a in json.loads((record / "data/actions.json").read_text())["actions"]}
    assert first["actions"] and set(first["actions"]) <= actions
    meetings_file = json.loads((record / "data/meetings.json").read_text())
    meetings = {m["id"] for m in meetings_file["meetings"]}
    for d in by_id.values():
        assert d["taken_in"] is None or d["taken_in"] in meetings
        assert (record / d["page"]).is_file()
        assert {m["meeting_id"] for m in d["mentioned_in"]} <= meetings
    unvoted = [d for d in by_id.values() if d["votes"] is None]
    assert unvoted and all(d["outcome"] == "agreed" for d in unvoted)


def test_the_csv_has_a_row_per_decision_in_the_same_order(record: Path) -> None:
    text = (record / "data/decisions.csv").read_bytes().decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    data = decisions(record)
    assert [r["id"] for r in rows] == [d["id"] for d in data]
    first = rows[0]
    assert (first["votes_for"], first["votes_against"], first["abstentions"]) == ("4", "0", "1")
    assert first["movers"] == "Ann Lee" and first["outcome"] == "carried"
    assert first["actions"] == "; ".join(data[0]["actions"])


def test_the_catalogue_lists_the_decision_files(record: Path) -> None:
    html = (record / "data/index.html").read_text(encoding="utf-8")
    for name in ("decisions.json", "decisions.schema.json", "decisions.csv"):
        assert f">{name}</a>" in html, name


@pytest.mark.parametrize("drafts", [False, True])
def test_no_withheld_or_draft_decision_reaches_the_decision_data(
    tmp_path: Path, drafts: bool
) -> None:
    content = Path(shutil.copytree(LEAKY, tmp_path / "content"))
    minutes = content / "meetings/board/2024-01-10.md"
    text = minutes.read_text(encoding="utf-8")
    # A public decision beside the withheld ones, so the file is not empty by accident.
    public = "PUBLIC-CONTROL-BODY text.\n\nAgreed: to meet in public (D1.1)\n"
    minutes.write_text(text.replace("PUBLIC-CONTROL-BODY text.", public, 1), encoding="utf-8")
    out = build_into(tmp_path / "out", content, drafts=drafts)
    # (A --drafts preview shows facts derived from drafts elsewhere, by design: not here.)
    found = {p: hits for p, hits in leaked(out).items() if p.startswith("data/decisions")}
    assert found == {}
    ids = [d["id"] for d in decisions(out)]
    assert ids == ["board/d1-1"], "the public decision alone"
    assert not [i for i in ids if i.endswith(("d1-9", "d2-1"))], "withheld (D1.9), draft (D2.1)"
    text = (out / "data/decisions.csv").read_text(encoding="utf-8")
    assert "D1.9" not in text and "D2.1" not in text


def test_the_readers_guide_documents_every_decision_field(record: Path) -> None:
    guide = (REPO / "docs/readers.md").read_text(encoding="utf-8")
    schema = json.loads((record / "data/schema/decisions.schema.json").read_text("utf-8"))

    def fields(node: dict[str, Any]) -> set[str]:
        found = set()
        for key, value in node.get("properties", {}).items():
            found.add(key)
            found |= fields(value)
        return found | (fields(node["items"]) if "items" in node else set())

    missing = {f for f in fields(schema) if not re.search(rf"`{f}`", guide)}
    assert not missing, f"docs/readers.md does not document {sorted(missing)}"
    header = (record / "data/decisions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert not [c for c in header.split(",") if f"`{c}`" not in guide]

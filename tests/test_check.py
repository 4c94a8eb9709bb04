"""`site-gen check`: the build's problems without a build, its extra warnings, and the schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from site_gen.cli import main
from site_gen.parse.group_file import GROUP_KEYS, MEMBER_KEYS
from site_gen.parse.meeting_file import ENTRY_KEYS, MEETING_KEYS, SECTION_KEYS, UPDATE_KEYS
from site_gen.parse.people_file import BODY_KEYS, PERSON_KEYS
from site_gen.parse.site_file import SITE_KEYS
from site_gen.vocabulary import AUTHOR_ACTION_STATUSES, AttendanceKind, MeetingStatus

REPO = Path(__file__).resolve().parent.parent
INVALID = REPO / "tests" / "invalid"
SCHEMAS = REPO / "schemas"
SITE_GEN = Path(sys.executable).parent / "site-gen"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "content").is_dir())
JSON_KEYS = {"path", "line", "column", "severity", "code", "message", "hint"}


def check_json(
    content: Path, *extra: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[dict[str, Any]]]:
    capsys.readouterr()
    status = main(["check", "--content", str(content), "--format", "json", *extra])
    out = capsys.readouterr().out
    return status, json.loads(out)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


# --- the command -------------------------------------------------------------------------------


def test_the_sample_passes(tmp_path: Path) -> None:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    result = subprocess.run(
        [str(SITE_GEN), "check", "--content", str(REPO / "content")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        f"Checked {REPO / 'content'}: 1 meeting, 2 groups, 15 people, 13 actions: no problems.\n"
    )
    assert list(tmp_path.iterdir()) == [], "check writes nothing"


def test_help_names_every_option() -> None:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    result = subprocess.run(
        [str(SITE_GEN), "check", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    for option in ("--content", "--drafts", "--strict", "--format", "--stale-after"):
        assert option in result.stdout


@pytest.mark.parametrize("name", CASES)
def test_check_reports_what_the_build_reports(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each invalid site: the same problems, at the same lines, as JSON with codes."""
    case = INVALID / name
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(case)
    status, problems = check_json(Path("content"), capsys=capsys)
    lines = []
    for problem in problems:
        assert set(problem) == JSON_KEYS
        assert problem["column"] == 1
        assert problem["code"] and problem["code"] != "content", f"no code for {problem}"
        lines.append(
            f"{problem['path']}:{problem['line']}: {problem['severity']}: {problem['message']}"
        )
        lines.append(f"  hint: {problem['hint']}")
    assert lines == expected
    errors = any(p["severity"] == "error" for p in problems)
    assert status == (1 if errors else 0)
    strict, _ = check_json(Path("content"), "--strict", capsys=capsys)
    assert strict == 1


def test_text_format_and_strict(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = content / "meetings" / "evidence-group" / "2021-07-30.md"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("- Dez to connect", "- Dezz to connect"), encoding="utf-8")
    line = text.splitlines().index(
        "- Dez to connect the review team with NICE implementation colleagues (3.1)"
    )
    assert main(["check", "--content", str(content)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{meeting}:{line + 1}: warning: owner 'Dezz' matches no attendee, member, role or body"
    )
    assert out[1].startswith("  hint: ")
    assert out[2].endswith(": 0 errors, 1 warning; check passed.")
    assert main(["check", "--content", str(content), "--strict"]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith(": 0 errors, 1 warning (--strict); check failed.")
    )


def test_a_missing_content_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--content", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


# --- open actions nobody mentions ---------------------------------------------------------------


def _meeting(content: Path, day: str, number: int, body: str, updates: str = "") -> Path:
    path = content / "meetings" / "evidence-group" / f"{day}.md"
    path.write_text(
        f"---\ndate: {day}\nnumber: {number}\n{updates}---\n\n"
        f"## Agenda Item 1: Business\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def _forgotten(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in problems if p["code"] == "forgotten-action"]


def test_an_open_action_no_meeting_mentions_is_reported(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = content / "meetings" / "evidence-group" / "2021-07-30.md"
    raised_at = (
        sample.read_text(encoding="utf-8")
        .splitlines()
        .index("- Geraldine to share research on assessments and Children in Need plans (3.2)")
    )
    updates = "action_updates:\n  '3.1': closed\n  '3.3': dropped\n"
    _meeting(content, "2021-09-10", 4, "Action 1.5 was discussed.", updates)
    _meeting(content, "2021-10-10", 5, "Nothing on actions.")
    status, problems = check_json(content, capsys=capsys)
    assert status == 0
    assert _forgotten(problems) == [], "two meetings since: not yet"
    _meeting(content, "2021-12-10", 7, "To be held.", "status: scheduled\n")
    status, problems = check_json(content, capsys=capsys)
    assert status == 0
    assert _forgotten(problems) == [], "a meeting still to come has not forgotten anything"

    _meeting(content, "2021-11-10", 6, "Still nothing.")
    status, problems = check_json(content, capsys=capsys)
    assert status == 0, "a warning, not an error"
    forgotten = _forgotten(problems)
    named = sorted(p["message"].split(" is still")[0] for p in forgotten)
    # 3.1 was closed and 3.3 dropped; 1.5 was mentioned at meeting 4; the rest are forgotten.
    assert named == [
        "action 1.8 (1.8)",
        "action 2.3 (2.3)",
        "action 2.5 (2.5)",
        "action 3.2 (3.2)",
        "unnumbered action (arrange teach-ins for Group members…)",
        "unnumbered action (discuss mechanisms for the Group…)",
        "unnumbered action (share WWCS evidence summaries and…)",
    ]
    geraldine = next(p for p in forgotten if p["message"].startswith("action 3.2"))
    assert geraldine["path"] == str(sample)
    assert geraldine["line"] == raised_at + 1
    assert "none of the 3 meetings since 2021-07-30" in geraldine["message"]
    assert '"3.2": closed' in geraldine["hint"]

    status, problems = check_json(content, "--stale-after", "4", capsys=capsys)
    assert _forgotten(problems) == []
    status, problems = check_json(content, "--stale-after", "0", capsys=capsys)
    assert _forgotten(problems) == []
    status, problems = check_json(content, "--strict", capsys=capsys)
    assert status == 1


def test_an_action_mentioned_recently_is_not_forgotten(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _meeting(content, "2021-09-10", 4, "Nothing.")
    _meeting(content, "2021-10-10", 5, "Nothing.")
    late = _meeting(content, "2021-11-10", 6, "Geraldine reported on action 3.2.")
    _, problems = check_json(content, capsys=capsys)
    messages = [p["message"] for p in _forgotten(problems)]
    assert messages and not any(m.startswith("action 3.2") for m in messages)
    assert all(p["path"] != str(late) for p in _forgotten(problems))


# --- one name, two spellings ----------------------------------------------------------------------


def test_names_that_differ_only_by_case_or_accents(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    group = content / "groups" / "evidence-group.yaml"
    group.write_text(group.read_text(encoding="utf-8") + "  - name: Siân Jones\n", encoding="utf-8")
    group_lines = group.read_text(encoding="utf-8").splitlines()
    member_line = len(group_lines)
    paul_line = group_lines.index("  - name: Paul Bywaters") + 1
    meeting = content / "meetings" / "evidence-group" / "2021-07-30.md"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace(
        "      - Oliver Southwick, Evidence Group\n",
        "      - Oliver Southwick, Evidence Group\n      - Sian Jones, Evidence Group\n"
        "      - paul bywaters, Evidence Group\n",
    )
    meeting.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    status, problems = check_json(content, capsys=capsys)
    assert status == 0
    # A new name that is a member's but for its accents is a slip, reported once by the
    # build (near-name); one that differs in case alone is that member, written two ways.
    (slip,) = [p for p in problems if p["code"] == "near-name"]
    assert (slip["line"], slip["message"]) == (
        lines.index("      - Sian Jones, Evidence Group") + 1,
        "'Sian Jones' is not a known person: did you mean 'Siân Jones'?",
    )
    assert member_line
    similar = [p for p in problems if p["code"] == "similar-names"]
    assert [(p["path"], p["line"], p["message"]) for p in similar] == [
        (
            str(meeting),
            lines.index("      - paul bywaters, Evidence Group") + 1,
            f"'paul bywaters' differs from 'Paul Bywaters' ({group}:{paul_line}) "
            "only in case or accents",
        ),
    ]
    assert all(p["severity"] == "warning" for p in similar)


def test_two_people_declared_in_people_yaml_are_not_reported(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = content / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "people:\n",
            "people:\n  - name: Sian Jones\n    id: sian-jones-leeds\n"
            "  - name: Siân Jones\n    id: sian-jones-cardiff\n",
        ),
        encoding="utf-8",
    )
    _, problems = check_json(content, capsys=capsys)
    assert [p for p in problems if p["code"] == "similar-names"] == []


def test_a_declared_alias_is_not_reported(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # people.yaml gives Josh MacAlister the alias "Josh Macalister": writing it is fine.
    meeting = content / "meetings" / "evidence-group" / "2021-07-30.md"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("- Josh MacAlister,", "- Josh Macalister,"), encoding="utf-8")
    _, problems = check_json(content, capsys=capsys)
    assert problems == []


# --- JSON Schemas for editors ---------------------------------------------------------------------


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _as_editor_sees(value: Any) -> Any:
    """YAML as a schema-aware editor reads it: dates are strings there."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    return value


def _front_matter(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return _as_editor_sees(yaml.safe_load(text.split("---\n")[1]))


def _errors(schema_name: str, value: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        _schema(schema_name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(value)]


def _yaml(path: Path) -> Any:
    return _as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_sample_content_is_valid_against_the_schemas() -> None:
    content = REPO / "content"
    assert _errors("site", _yaml(content / "site.yaml")) == []
    assert _errors("people", _yaml(content / "people.yaml")) == []
    groups = sorted((content / "groups").glob("*.yaml"))
    meetings = sorted((content / "meetings").rglob("*.md"))
    assert groups and meetings
    for group in groups:
        assert _errors("group", _yaml(group)) == [], group
    for meeting in meetings:
        assert _errors("meeting", _front_matter(meeting)) == [], meeting


def test_a_new_meeting_file_is_valid_against_the_schema(content: Path) -> None:
    assert (
        main(
            ["new", "meeting", "evidence-group", "--date", "2021-09-10", "--content", str(content)]
        )
        == 0
    )
    new = content / "meetings" / "evidence-group" / "2021-09-10.md"
    assert _errors("meeting", _front_matter(new)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: present", "kind: presnt"), "'presnt' is not one of"),
        (("date: 2021-07-30", "date: 30 July 2021"), "does not match"),
        (("number: 3 ", "number: three "), "'three' is not of type 'integer'"),
        (('"1.5": open', '"1.5": finished'), "is not valid under any of the given schemas"),
        (("status: approved", "statu: approved"), "Additional properties are not allowed"),
    ],
)
def test_the_meeting_schema_catches_what_check_catches(
    content: Path, change: tuple[str, str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = content / "meetings" / "evidence-group" / "2021-07-30.md"
    text = meeting.read_text(encoding="utf-8")
    assert change[0] in text
    meeting.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    errors = _errors("meeting", _front_matter(meeting))
    assert any(expected in e for e in errors), errors
    _, problems = check_json(content, capsys=capsys)
    assert problems, "site-gen check finds the same mistake"


def test_the_schemas_know_every_key_and_word_site_gen_knows() -> None:
    meeting = _schema("meeting")
    defs = meeting["$defs"]
    assert set(meeting["properties"]) == MEETING_KEYS
    assert set(defs["section"]["properties"]) == SECTION_KEYS
    entry_keys = set().union(*(set(o.get("properties", {})) for o in defs["entry"]["oneOf"]))
    assert entry_keys == ENTRY_KEYS
    assert set(defs["update"]["oneOf"][1]["properties"]) == UPDATE_KEYS
    correction = meeting["properties"]["corrections"]["items"]["properties"]
    assert set(correction) == {"date", "note", "private"}  # as parse/lifecycle.py reads them
    assert set(defs["attendanceKind"]["enum"]) == {str(k) for k in AttendanceKind}
    assert set(meeting["properties"]["status"]["enum"]) == {str(s) for s in MeetingStatus}
    statuses = {s.replace(" ", "_") for s in defs["actionStatus"]["enum"]}
    assert statuses == {str(s) for s in AUTHOR_ACTION_STATUSES}

    group = _schema("group")
    assert set(group["properties"]) == GROUP_KEYS
    assert set(group["properties"]["members"]["items"]["oneOf"][1]["properties"]) == MEMBER_KEYS
    people = _schema("people")
    assert set(people["properties"]) == {"people", "bodies", "private"}
    assert set(people["properties"]["people"]["items"]["properties"]) == PERSON_KEYS
    assert set(people["properties"]["bodies"]["items"]["properties"]) == BODY_KEYS
    assert set(_schema("site")["properties"]) == SITE_KEYS

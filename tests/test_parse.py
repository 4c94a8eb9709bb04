"""Parse stage: one file at a time, into records with source lines."""

from __future__ import annotations

from datetime import date

from site_gen.load import SourceFile
from site_gen.markdown import make_markdown
from site_gen.parse import MeetingRecord, parse_group, parse_meeting, parse_site
from site_gen.problems import Problems
from site_gen.slugs import slugify
from site_gen.vocabulary import ActionStatus, AttendanceKind
from site_gen.yaml_lines import parse_yaml

MEETING = """\
---
group: board
date: 2022-02-03
number: 7
attendance:
  - label: Board members
    kind: present
    people:
      - Siân Ó Súilleabháin, Chair, Wales
      - name: Ravi Patel
        role: Treasurer
      - body: Secretariat
  - kind: apologies
    people: [Lee Chan]
action_updates:
  "6.2": closed
  "6.3": {status: in progress, note: Half done}
---

## Welcome & apologies

Text with *emphasis*.

## Finance: Q3
"""


def parse(text: str) -> tuple[MeetingRecord | None, Problems]:
    problems = Problems()
    source = SourceFile("meetings/board/x.md", text, "meetings/board/x.md")
    return parse_meeting(source, make_markdown(), problems), problems


def test_meeting_front_matter_and_agenda() -> None:
    record, problems = parse(MEETING)
    assert not problems.items
    assert record is not None
    assert (record.group, record.date, record.number) == ("board", date(2022, 2, 3), 7)
    first, second = record.sections
    assert (first.label, first.kind) == ("Board members", AttendanceKind.PRESENT)
    assert [(e.name, e.role, e.is_body, e.line) for e in first.entries] == [
        ("Siân Ó Súilleabháin", "Chair, Wales", False, 9),
        ("Ravi Patel", "Treasurer", False, 10),
        ("Secretariat", "", True, 12),
    ]
    assert (second.label, [e.name for e in second.entries]) == ("Apologies", ["Lee Chan"])
    updates = [(u.action_id, u.status, u.note, u.line) for u in record.updates]
    assert updates == [
        ("6.2", ActionStatus.CLOSED, "", 16),
        ("6.3", ActionStatus.IN_PROGRESS, "Half done", 17),
    ]
    headings = [(h.anchor, h.title, h.line) for h in record.headings]
    assert headings == [
        ("welcome-apologies", "Welcome & apologies", 20),
        ("finance-q3", "Finance: Q3", 24),
    ]
    assert "<em>emphasis</em>" in record.body_html


def test_group_file_plain_and_detailed_members() -> None:
    problems = Problems()
    text = (
        "name: Board\nmembers:\n  - Ann Lee\n"
        "  - name: Bo Chan\n    role: Chair\n    from: 2020-01-01\n"
    )
    group = parse_group(SourceFile("groups/board.yaml", text, "groups/board.yaml"), problems)
    assert group is not None and not problems.items
    assert [(m.name, m.role, m.start, m.line) for m in group.members] == [
        ("Ann Lee", "Member", None, 3),
        ("Bo Chan", "Chair", date(2020, 1, 1), 4),
    ]


def test_site_config_defaults_and_unknown_keys_warn() -> None:
    problems = Problems()
    config = parse_site(SourceFile("site.yaml", "title: T\ncolour: red\n", "site.yaml"), problems)
    assert (config.title, config.language, config.base_url) == ("T", "en", "")
    assert [(p.line, p.severity, p.message) for p in problems.items] == [
        (2, "warning", "unknown key 'colour' in site.yaml is ignored")
    ]


def test_yaml_lines_are_file_lines() -> None:
    problems = Problems()
    data = parse_yaml("a: 1\nlist:\n  - x\n  - y\n", "f.md", problems, first_line=2)
    assert data.key_lines == {"a": 2, "list": 3}
    assert data["list"].item_lines == [4, 5]


def test_slugs_are_safe_ascii_from_any_name() -> None:
    assert slugify("Siân Ó Súilleabháin") == "sian-o-suilleabhain"
    assert slugify("Łukasz Żółć") == "lukasz-zolc"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Meeting: 3.1 / Q&A") == "meeting-3-1-q-a"

"""`site-gen import`, run as the real command: minutes in other forms become content that builds.

The seed (real minutes, as text from a PDF) must build into the same site as the sample
content written by hand; minutes in other styles, and a real Word document, must come out
with every attendee, action and update where it belongs, and the report must list them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from site_gen.model import Action, Meeting, Site
from site_gen.pipeline import BuildOptions, BuildResult, build

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "seed" / "evidence-group-2021-07-30.txt"
STYLES = REPO / "tests" / "fixtures" / "import"
SITE_GEN = Path(sys.executable).parent / "site-gen"


def site_gen(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    if not SITE_GEN.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    return subprocess.run(
        [str(SITE_GEN), *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd
    )


def built(content: Path, out: Path) -> BuildResult:
    result = build(BuildOptions(content, out, drafts=True))
    assert not result.failed, "\n".join(p.format() for p in result.problems)
    return result


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- the seed, round trip -------------------------------------------------------------------


def _sections(meeting: Meeting) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    return [
        (
            s.label,
            str(s.kind),
            [(a.name, a.role, "body" if a.body_id else a.person_id or "") for a in s.attendees],
        )
        for s in meeting.sections
    ]


def _owners(action: Action) -> list[tuple[str | None, str | None, str | None]]:
    return [(o.person_id, o.body_id, o.group) for o in action.owners]


def _actions(site: Site) -> list[tuple[object, ...]]:
    return [
        (
            a.group,
            a.key,
            a.action_id,
            a.task,
            a.owner_text,
            _owners(a),
            a.raised_in,
            str(a.status),
            [(str(e.kind), e.meeting, str(e.status), e.anchor) for e in a.events],
        )
        for a in site.actions
    ]


def test_the_seed_builds_into_the_sample_site(tmp_path: Path, sample_content: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    result = site_gen("import", SEED, "--content", content, "--status", "approved")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""

    mine = built(content, tmp_path / "mine").site
    sample = built(sample_content, tmp_path / "sample").site
    assert mine is not None and sample is not None
    assert len(mine.meetings) == len(sample.meetings) == 1
    got, expected = mine.meetings[0], sample.meetings[0]
    assert (got.group, got.date, got.number, got.status) == (
        expected.group,
        expected.date,
        expected.number,
        expected.status,
    )
    assert _sections(got) == _sections(expected)
    assert got.agenda == expected.agenda
    assert got.body_html == expected.body_html, "every bullet, link and emphasis survives"
    assert _actions(mine) == _actions(sample)
    # The sample also has a group whose minutes are not published; the seed names only this one.
    assert [g.slug for g in mine.groups] == ["evidence-group"]
    mine_group, sample_group = (
        mine.group_by_slug["evidence-group"],
        sample.group_by_slug["evidence-group"],
    )
    assert mine_group.name == sample_group.name
    assert [(m.person_id, m.role) for m in mine_group.memberships] == [
        (m.person_id, m.role) for m in sample_group.memberships
    ]
    assert [p.id for p in mine.people] == [p.id for p in sample.people]
    assert [b.id for b in mine.bodies] == [b.id for b in sample.bodies]


def test_the_seed_report_lists_what_it_read(tmp_path: Path, sample_content: Path) -> None:
    result = site_gen("import", SEED, "--content", tmp_path / "content")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    sample = built(sample_content, tmp_path / "sample").site
    assert sample is not None
    for section in sample.meetings[0].sections:
        for attendee in section.attendees:
            assert f"{attendee.name}" in report, attendee.name
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    for action in sample.actions:
        if action.raised_in:
            line = next(i for i, text in enumerate(seed_lines, 1) if action.task in text)
            label = action.action_id or "(no id)"
            start = f"{SEED}:{line}: {label}: {action.owner_text} ("
            said = next(text for text in report.splitlines() if start in text)
            assert said.endswith(f") to {action.task}"), said
    assert f"{SEED}:39: 2.4 closed (task: form a sub-group on the Call for Evidence)" in report
    assert f"{SEED}:39: 1.10" in report and f"{SEED}:39: 2.7" in report  # mentions, not updates
    assert f"{SEED}:63: joined" in report and "page break" in report
    assert f"{SEED}:20: the label 'Review Team' names no kind of attendance" in report
    last = report.splitlines()[-1]
    assert last.startswith(f"Imported 1 meeting from 1 file into {tmp_path / 'content'}")
    text = (tmp_path / "content" / "meetings" / "evidence-group" / "2021-07-30.md").read_text()
    assert "\nstatus: draft\n" in text, "imported minutes are drafts until someone checks them"


def test_never_overwrites_and_never_replaces_group_or_people_files(
    tmp_path: Path, sample_content: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(sample_content, content)
    before = files(content)
    result = site_gen("import", SEED, "--content", content)
    assert result.returncode == 1
    assert "already exists; site-gen never replaces a file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert files(content) == before

    # The same meeting under another file name is the same meeting.
    meeting = content / "meetings" / "evidence-group" / "2021-07-30.md"
    renamed = meeting.with_name("july.md")
    meeting.rename(renamed)
    result = site_gen("import", SEED, "--content", content)
    assert result.returncode == 1
    assert f"{renamed} is already the Evidence Group meeting of that day" in result.stdout
    assert not meeting.exists()

    renamed.unlink()
    before = files(content)
    result = site_gen("import", SEED, "--content", content, "--status", "approved")
    assert result.returncode == 0, result.stdout
    after = files(content)
    assert set(after) - set(before) == {"meetings/evidence-group/2021-07-30.md"}
    assert {k: after[k] for k in before} == before, "the group file and people.yaml stay"
    assert f"{SEED}:3: group: Evidence Group\n" in result.stdout, "a known group"
    site = built(content, tmp_path / "out").site
    assert site is not None and len(site.actions) == 13


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    result = site_gen("import", SEED, "--content", content, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert not content.exists()
    assert f"-> {content / 'meetings' / 'evidence-group' / '2021-07-30.md'}" in result.stdout
    assert f"would create {content / 'groups' / 'evidence-group.yaml'}" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("Would import 1 meeting from 1 file")


# --- other styles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    group: str
    day: date
    number: int
    sections: list[tuple[str, str, list[str]]]  # label, kind, names as written
    agenda: list[str]
    actions: dict[str, set[str]]  # id -> owners: person ids, or "body:<id>"
    updates: dict[str, str]  # id -> status
    notes: dict[str, str]  # id -> note of the update
    in_body: list[str]  # text the minutes keep as written
    report: list[str]  # things the report must say


STYLE_CASES = {
    "finance-committee-2025-03-04.txt": Expected(
        group="finance-committee",
        day=date(2025, 3, 4),
        number=5,
        sections=[
            ("Present", "present", ["Jane Smith", "Alan Brown", "Carol White", "Dev Patel"]),
            ("In attendance", "in_attendance", ["Grace Lee"]),
            ("Apologies", "apologies", ["Tom Hughes"]),
        ],
        agenda=[
            "1. Welcome and apologies",
            "2. Review of previous actions",
            "3. Budget 2025/26",
            "4. Any other business",
        ],
        actions={
            "5.1": {"jane-smith", "alan-brown"},
            "5.2": {"carol-white"},
            "5.3": {"grace-lee"},
        },
        updates={"4.1": "closed", "4.2": "in_progress", "4.3": "open", "4.4": "dropped"},
        notes={"4.2": "two quotes received", "4.4": "No longer needed"},
        in_body=["Riverside Community Trust"],
        report=[
            "line 28: 5.1: JS/AB (Jane Smith, Alan Brown) to present the budget",
            "line 30: 5.3: GL (Grace Lee) to book the room",
            "line 1: 'Riverside Community Trust' kept as text at the top",
            "line 5: number: 5",
        ],
    ),
    "board-of-trustees-2024-11-12.md": Expected(
        group="board-of-trustees",
        day=date(2024, 11, 12),
        number=7,
        sections=[
            (
                "Trustees present",
                "present",
                ["Ruth Okafor", "Ben Adeyemi", "Sofia Marques", "Liam O'Brien"],
            ),
            ("In attendance", "in_attendance", ["Priya Shah", "Finance Team members"]),
            ("Apologies", "apologies", ["Hannah Kowalski"]),
        ],
        agenda=[
            "1. Minutes and matters arising",
            "2. Annual accounts",
            "3. Chief Executive's report",
            "4. Date of next meeting",
        ],
        actions={
            "7.1": {"ben-adeyemi"},
            "7.2": {"body:finance-team"},
            "7.3": {"priya-shah", "sofia-marques"},
        },
        updates={"6.2": "closed", "6.3": "in_progress"},
        notes={},
        in_body=["Ben presented the draft accounts."],
        report=[
            "line 40: 7.3: Priya and Sofia (Priya Shah, Sofia Marques) to",
            "line 17: 'Finance Team members' is a body (a team, not a person)",
            "line 25: 6.3 in_progress",
        ],
    ),
    "parish-council-2023-05-09.txt": Expected(
        group="ashford-parish-council",
        day=date(2023, 5, 9),
        number=13,
        sections=[
            (
                "Present",
                "present",
                ["Cllr Margaret Bell", "Cllr Owen Price", "Cllr Nadia Hussain"],
            ),
            ("Also present", "in_attendance", ["Sam Turner"]),
            ("Absent", "absent", ["Cllr Peter Grant"]),
        ],
        agenda=[
            "Item 1 - Election of Chair",
            "Item 2 - Review of action log",
            "Item 3 - Playground inspection",
            "Item 4 - Correspondence",
        ],
        actions={
            "13.1": {"cllr-margaret-bell"},
            "13.2": {"cllr-nadia-hussain", "cllr-owen-price"},
        },
        updates={"12.3": "closed", "12.4": "in_progress"},
        notes={},
        in_body=["ACTION: as discussed", "work on the gate at the same time."],
        report=[
            "line 26: joined",
            "line 31: 'ACTION: as discussed': an action, but not written as 'owner to task'",
            "gives more than one status: no update recorded",
            "line 35: 12.5",
            "line 1: group: Ashford Parish Council, a new group",
        ],
    ),
}


def at(source: Path, said: str) -> str:
    """ "line 12: text" as the report writes it: "path:12: text"."""
    return re.sub(r"^line (\d+): ", lambda m: f"{source}:{m[1]}: ", said)


def _check_style(expected: Expected, content: Path, out: Path, report: str, source: Path) -> None:
    result = built(content, out)
    assert result.problems == (), "\n".join(p.format() for p in result.problems)
    site = result.site
    assert site is not None
    (meeting,) = site.meetings
    assert (meeting.group, meeting.date, meeting.number) == (
        expected.group,
        expected.day,
        expected.number,
    )
    sections = [(s.label, str(s.kind), [a.name for a in s.attendees]) for s in meeting.sections]
    assert sections == expected.sections
    assert [item.title for item in meeting.agenda] == expected.agenda
    raised = {a.action_id: a for a in site.actions if a.raised_in}
    assert set(raised) == set(expected.actions)
    for action_id, owners in expected.actions.items():
        got = {o.person_id or f"body:{o.body_id}" for o in raised[action_id].owners}
        assert got == owners, action_id
    updates = {a.action_id: e for a in site.actions for e in a.events if str(e.kind) == "updated"}
    assert {i: str(e.status) for i, e in updates.items()} == expected.updates
    assert {i: e.note for i, e in updates.items() if e.note} == expected.notes
    for text in expected.in_body:
        assert text in meeting.body_html
    for section in meeting.sections:
        for attendee in section.attendees:
            assert attendee.name in report, f"the report does not list {attendee.name}"
    for action in raised.values():
        assert f"{action.action_id}: " in report and action.task in report
    for line in expected.report:
        assert at(source, line) in report


@pytest.mark.parametrize("name", sorted(STYLE_CASES))
def test_minutes_in_other_styles(name: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    result = site_gen("import", STYLES / name, "--content", content)
    assert result.returncode == 0, result.stdout + result.stderr
    _check_style(STYLE_CASES[name], content, tmp_path / "out", result.stdout, STYLES / name)


def test_several_files_in_one_run(tmp_path: Path) -> None:
    content = tmp_path / "content"
    names = sorted(STYLE_CASES)
    result = site_gen("import", *(STYLES / n for n in names), "--content", content)
    assert result.returncode == 0, result.stdout
    site = built(content, tmp_path / "out").site
    assert site is not None
    assert sorted(m.group for m in site.meetings) == sorted(STYLE_CASES[n].group for n in names)
    assert sorted(p.name for p in (content / "groups").iterdir()) == sorted(
        f"{STYLE_CASES[n].group}.yaml" for n in names
    )


def test_minutes_without_a_date_are_not_imported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    result = site_gen("import", STYLES / "no-date.txt", "--content", content)
    assert result.returncode == 1
    assert f"{STYLES / 'no-date.txt'}:1: not imported: no date found (hint: " in result.stdout
    assert "no date found: the meeting cannot be filed without one" in result.stdout
    assert not content.exists() or files(content) == {}


def test_files_that_are_not_minutes(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    names = ("scan.pdf", "binary.txt", "fake.docx", "old.doc", "missing.txt")
    result = site_gen("import", *names, "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert "scan.pdf:1: not imported: the PDF cannot be read" in out
    assert "binary.txt:1: not imported: this is not a text file (hint: " in out
    assert "fake.docx:1: not imported: this is not a Word .docx file" in out
    assert "old.doc:1: not imported: .doc files cannot be read (hint: open it in Word" in out
    assert "missing.txt:1: not imported: no such file" in out
    for name in names:  # every refusal has a hint, and a row in the table
        assert re.search(rf"^{re.escape(name)}:1: not imported: .* \(hint: .+\)$", out, re.M)
        assert re.search(rf"^\| {re.escape(name)} .*\|\s+1 \|$", out, re.M), name
    assert out.splitlines()[-1].startswith("Imported 0 meetings from 5 files into content")
    assert not (tmp_path / "content").exists()


def test_help_names_every_option() -> None:
    result = site_gen("import", "--help")
    assert result.returncode == 0
    for option in ("FILE_OR_FOLDER", "--content", "--group", "--date", "--status", "--dry-run"):
        assert option in result.stdout


# --- a real Word document ----------------------------------------------------------------------


def _word_minutes(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Design Group", level=1)
    document.add_paragraph("Minutes of the second meeting, 14 January 2022")
    document.add_heading("Attendees", level=2)
    label = document.add_paragraph()
    label.add_run("Members present:").bold = True
    for name in ("Amara Nwosu, Chair", "Felix Wagner", "Inês Duarte"):
        document.add_paragraph(name, style="List Bullet")
    document.add_paragraph("Observing:")
    document.add_paragraph("Kai Tanaka, Department for Education", style="List Bullet")
    document.add_paragraph("Apologies:")
    document.add_paragraph("Zoe Clarke", style="List Bullet")
    document.add_heading("Item 1: Review of actions", level=2)
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Action", "Task", "Status"),
        ("1.1", "Felix to share the survey results", "Closed"),
        ("1.2", "Inês to map the local services", "In progress"),
    ]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_heading("Item 2: Service design principles", level=2)
    paragraph = document.add_paragraph("The group agreed the principles in the paper, with ")
    paragraph.add_run("one").italic = True
    paragraph.add_run(" change: principle 4 becomes *optional*.")
    document.add_paragraph("Actions:")
    document.add_paragraph("2.1 Felix to circulate the final principles", style="List Bullet")
    document.add_paragraph(
        "2.2 Amara and Inês to meet the Experts by Experience Board", style="List Bullet"
    )
    document.save(str(path))


def test_a_word_document(tmp_path: Path) -> None:
    source = tmp_path / "design-group.docx"
    _word_minutes(source)
    content = tmp_path / "content"
    result = site_gen("import", source, "--content", content)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = Expected(
        group="design-group",
        day=date(2022, 1, 14),
        number=2,
        sections=[
            ("Members present", "present", ["Amara Nwosu", "Felix Wagner", "Inês Duarte"]),
            ("Observing", "observer", ["Kai Tanaka"]),
            ("Apologies", "apologies", ["Zoe Clarke"]),
        ],
        agenda=["Item 1: Review of actions", "Item 2: Service design principles"],
        actions={"2.1": {"felix-wagner"}, "2.2": {"amara-nwosu", "ines-duarte"}},
        updates={"1.1": "closed", "1.2": "in_progress"},
        notes={},
        in_body=[
            "with <em>one</em> change: principle 4 becomes *optional*.",
            "Felix to share the survey results",
        ],
        report=["line 1: group: Design Group", "line 2: number: 2"],
    )
    _check_style(expected, content, tmp_path / "out", result.stdout, source)
    text = (content / "meetings" / "design-group" / "2022-01-14.md").read_text("utf-8")
    assert "task: Felix to share the survey results" in text

"""Every content value is a `path:line` problem or a right result, never a traceback or a
silent wrong one; `site-gen check` finds what the build finds; CSV cells are never formulas.
Issue 11, classes 12 (content values), 13 (silent wrong results) and 14 (CSV).

Built through the real pipeline with tests.test_no_leak.build_and_scan, which also asserts
that check reports the same errors as the build.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.outputs.csv_table import csv_bytes
from tests.test_no_leak import Held, meeting_file, write_content

Build = Callable[..., Held]
MEETING = "meetings/board/2024-01-10.md"


def _meeting(front: str, body: str = "Minutes.\n", day: str = "2024-01-10") -> dict[str, str]:
    return {f"meetings/board/{day}.md": f"---\n{front}---\n\n{body}"}


def _line(files: dict[str, str], name: str, needle: str) -> int:
    return next(n for n, text in enumerate(files[name].splitlines(), 1) if needle in text)


# (files, the file, the text of the line the error must be at)
VALUES: dict[str, tuple[dict[str, str], str, str]] = {
    "a superscript number": (_meeting("date: 2024-01-10\nnumber: '\u00b3'\n"), MEETING, "number"),
    "a circled number": (_meeting("date: 2024-01-10\nnumber: '\u2463'\n"), MEETING, "number"),
    "a number of 5,000 digits": (
        _meeting(f"date: 2024-01-10\nnumber: {'9' * 5000}\n"),
        MEETING,
        "number",
    ),
    "a full-width number": (_meeting("date: 2024-01-10\nnumber: '\uff13'\n"), MEETING, "number"),
    "overdue_after as a superscript": (
        {"site.yaml": "title: T\noverdue_after: '\u00b2'\n"},
        "site.yaml",
        "overdue",
    ),
    "overdue_after of 20 digits": (
        {"site.yaml": f"title: T\noverdue_after: {'9' * 20}\n"},
        "site.yaml",
        "overdue",
    ),
    "the last day of year 9999": (
        _meeting("date: 9999-12-31\n", day="9999-12-31"),
        "meetings/board/9999-12-31.md",
        "date",
    ),
    "the first day of year 1": (
        _meeting("date: 0001-01-01\n", day="0001-01-01"),
        "meetings/board/0001-01-01.md",
        "date",
    ),
    "approved at the end of time": (
        _meeting("date: 2024-01-10\napproved_at: 9999-12-31\n"),
        MEETING,
        "approved_at",
    ),
    "a correction at the end of time": (
        _meeting(
            "date: 2024-01-10\nstatus: corrected\ncorrections:\n  - {date: 9999-12-31, note: x}\n"
        ),
        MEETING,
        "- {date",
    ),
    "a membership until the end of time": (
        {"groups/board.yaml": "name: Board\nmembers:\n  - {name: Ann Public, until: 9999-12-31}\n"},
        "groups/board.yaml",
        "until",
    ),
    "an update of 'index'": (
        _meeting("date: 2024-01-10\naction_updates:\n  index: closed\n"),
        MEETING,
        "index",
    ),
    "an update with a NUL": (
        _meeting('date: 2024-01-10\naction_updates:\n  "1.\\0": closed\n'),
        MEETING,
        '"1.',
    ),
    "an update of 300 characters": (
        _meeting(f'date: 2024-01-10\naction_updates:\n  "{"1." * 150}1": closed\n'),
        MEETING,
        '"1.1',
    ),
    "an update of a/b/c": (
        _meeting("date: 2024-01-10\naction_updates:\n  a/b/c: closed\n"),
        MEETING,
        "a/b/c",
    ),
    "an update of ''": (
        _meeting('date: 2024-01-10\naction_updates:\n  "": closed\n'),
        MEETING,
        '""',
    ),
    "an update of 3-1": (
        _meeting('date: 2024-01-10\naction_updates:\n  "3-1": closed\n'),
        MEETING,
        "3-1",
    ),
    "an update of ../x": (
        _meeting('date: 2024-01-10\naction_updates:\n  "../1.1": closed\n'),
        MEETING,
        "../",
    ),
    "a paper path with a NUL": (
        _meeting('date: 2024-01-10\npapers:\n  - {title: x, file: "papers/a\\0.pdf"}\n'),
        MEETING,
        "papers/a",
    ),
    "a base_url with a newline": (
        {"site.yaml": 'title: T\nbase_url: "https://x.org/\\nX: 1"\n'},
        "site.yaml",
        "base_url",
    ),
    "a base_url with a space": (
        {"site.yaml": 'title: T\nbase_url: "https://x .org/"\n'},
        "site.yaml",
        "base_url",
    ),
    "a base_url with no host": (
        {"site.yaml": "title: T\nbase_url: https:///\n"},
        "site.yaml",
        "base_url",
    ),
    "a base_url with a bad port": (
        {"site.yaml": "title: T\nbase_url: https://x.org:99999999/\n"},
        "site.yaml",
        "base_url",
    ),
    "a title with a NUL": (_meeting('date: 2024-01-10\ntitle: "a\\0b"\n'), MEETING, "title"),
    "a name with an escape character": (
        _meeting(
            'date: 2024-01-10\nattendance:\n  - {label: P, kind: present, people: ["Ann\\eX"]}\n'
        ),
        MEETING,
        "people",
    ),
    "a paper that is private and not": (
        _meeting("date: 2024-01-10\npapers:\n  - {title: x, file: papers/a.pdf, private: maybe}\n"),
        MEETING,
        "private",
    ),
}


@pytest.mark.parametrize("case", VALUES.values(), ids=VALUES.keys())
def test_a_bad_value_is_an_error_at_its_line(
    held: Build, case: tuple[dict[str, str], str, str]
) -> None:
    files, name, needle = case
    outcome = held(files)
    assert outcome.result.failed
    assert (name, _line(files, name, needle)) in outcome.errors, outcome.errors


def test_action_ids_too_long_for_a_file_name_are_text(held: Build) -> None:
    """An id in the minutes longer than the grammar allows is no id: the build succeeds."""
    body = (
        "Actions:\n\n- Ann to do it (" + "1." * 150 + "1)\n\nAgreed: that (D" + "1." * 150 + "1)\n"
    )
    outcome = held(meeting_file(body))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert max(len(p.name.encode()) for p in outcome.out.rglob("*")) < 120


def test_a_name_of_600_characters_makes_a_file_name(held: Build) -> None:
    front = f"attendance:\n  - {{label: P, kind: present, people: [{'Ann' * 200} Public]}}\n"
    outcome = held(meeting_file("Minutes.\n", front=front))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert max(len(p.name.encode()) for p in outcome.out.rglob("*")) < 120


def test_a_bad_base_url_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    site_gen = Path(sys.executable).parent / "site-gen"
    if not site_gen.is_file():
        pytest.skip(f"the site-gen script is not installed beside {sys.executable}")
    content = write_content(tmp_path, meeting_file("Minutes.\n"))
    for url in ("https://x.org/\nX: 1", "https://x .org/", "https:///"):
        done = subprocess.run(
            [str(site_gen), "build", "--content", str(content), "--base-url", url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 2 and "is not a web address" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_control_characters_in_the_minutes_never_reach_a_file(held: Build) -> None:
    """An escape, a bell or a form feed in the minutes would make every feed invalid XML."""
    body = "## Item \x1b two\x0c\n\nText \x07 and \x7f.\n\nActions:\n\n- Ann to do \x1b it (1.1)\n"
    outcome = held(meeting_file(body), search=False)
    assert not outcome.result.failed
    others = ("owner-unresolved", "no-attendance")
    codes = [(p.line, p.code) for p in outcome.result.problems if p.code not in others]
    assert codes == [(10, "control-character")]
    for path in outcome.out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".atom", ".xml", ".ics", ".json", ".csv"):
            assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", path.read_bytes()), path


# --- Class 13: silent wrong results ----------------------------------------------------------
@pytest.mark.parametrize(
    ("flag", "published"),
    [("false", True), ("no", True), ("False", True), ("true", False), ("yes", False)],
)
def test_paper_private_is_a_boolean(held: Build, flag: str, published: bool) -> None:
    front = f"papers:\n  - {{title: Agenda pack, file: papers/pack.txt, private: {flag}}}\n"
    outcome = held({"papers/pack.txt": "PAPER-TEXT", **meeting_file("Minutes.\n", front=front)})
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert (b"PAPER-TEXT" in outcome.output()) is published
    assert (b"Agenda pack" in outcome.output()) is published


def test_two_meetings_of_a_group_with_one_number_are_warned(held: Build) -> None:
    files = {**meeting_file("One.\n"), **meeting_file("Two.\n", day="2024-02-14")}
    outcome = held(files)
    assert not outcome.result.failed
    (warning,) = [p for p in outcome.result.problems if p.code == "duplicate-number"]
    assert warning.path.endswith("2024-02-14.md") and warning.line == 3
    assert "meeting number 1 of board" in warning.message


def test_a_file_named_for_another_day_is_warned(held: Build) -> None:
    files = {"meetings/board/2024-01-10.md": "---\ndate: 2024-01-11\n---\n\nMinutes.\n"}
    outcome = held(files)
    assert not outcome.result.failed
    found = [p for p in outcome.result.problems if p.code != "no-attendance"]
    assert [(p.line, p.severity, p.message) for p in found] == [
        (2, "warning", "the file is named for 2024-01-10 but its 'date' is 2024-01-11")
    ]


INVISIBLE_SPELLINGS = {
    "a zero-width space": "Ann\u200b Public",
    "a zero-width joiner inside": "An\u200dn Public",
    "a soft hyphen": "Ann Pub\u00adlic",
    "full-width letters": "\uff21nn Public",
    "a no-break space": "Ann\u00a0Public",
    "a byte order mark": "\ufeffAnn Public",
}


@pytest.mark.parametrize("name", INVISIBLE_SPELLINGS.values(), ids=INVISIBLE_SPELLINGS.keys())
def test_names_that_look_the_same_are_the_same_person(held: Build, name: str) -> None:
    front = f'attendance:\n  - {{label: Present, kind: present, people: ["{name}", Bob Other]}}\n'
    body = f"Actions:\n\n- {name.split()[0]} to write the letter (1.1)\n"
    outcome = held(meeting_file(body, front=front))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    assert not [p for p in outcome.result.problems if p.code == "shared-address"]
    people = sorted(p.name for p in (outcome.out / "people").glob("*.html"))
    assert people == ["ann-public.html", "bob-other.html", "index.html"]
    assert "Ann Public" in (outcome.out / "people" / "ann-public.html").read_text()
    assert "write the letter" in (outcome.out / "people" / "ann-public.html").read_text()


# --- Class 14: CSV cells are never formulas --------------------------------------------------
FORMULAS = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\uff1dWIDE"]


def test_csv_cells_cannot_become_formulas(held: Build) -> None:
    tasks = "".join(f"- =Ann Public to {task} (1.{n})\n" for n, task in enumerate(FORMULAS, 1))
    front = "attendance:\n  - {label: P, kind: present, people: ['=Ann Public']}\n"
    outcome = held(meeting_file(f"Actions:\n\n{tasks}", front=front))
    assert not outcome.result.failed, [p.format() for p in outcome.result.problems]
    tables = sorted(outcome.out.rglob("*.csv"))
    assert tables, "the site writes CSV"
    cells = [
        cell
        for table in tables
        for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline=""))
        for cell in row
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r", "\uff1d")]
    for task in FORMULAS:
        assert f"'{task}" in cells  # kept, as text
    assert "'=Ann Public" in cells  # the owners column too


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@a", "\tx", "\rx", "\uff20x"])
def test_every_cell_that_starts_a_formula_is_made_text(text: str) -> None:
    table = csv_bytes(["h"], [[text, "plain", ""]]).decode()
    assert list(csv.reader(io.StringIO(table, newline="")))[1] == ["'" + text, "plain", ""]

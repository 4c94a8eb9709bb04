"""The record inside real-world minutes, through the real commands: `site-gen import` of
minutes of our own in the styles real groups use, then `site-gen build`, then the open data.

Each fixture writes its conventions the way minutes do (roll calls, year-file notes, a
board's plain text, a wiki page, a scribe's email, an attendance table, a numbered archive)
and each test says what a clerk would expect to find on the site, and what must not be
there (the traps: "AI" the technology, a speaker's "Name:", people only named in prose).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_import import site_gen

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import-record"


def imported(tmp_path: Path, *sources: str, group: str | None = None) -> dict[str, Any]:
    """Import `sources` into fresh content, build it, and return the open data."""
    content, out = tmp_path / "content", tmp_path / "out"
    args = [*(FIXTURES / s for s in sources), "--content", content, "--status", "approved"]
    result = site_gen("import", *args, *(["--group", group] if group else []))
    assert result.returncode == 0, result.stdout + result.stderr
    built = site_gen("build", "--content", content, "--out", out)
    assert built.returncode == 0, built.stdout + built.stderr
    assert " 0 errors" in built.stdout or "error" not in built.stdout, built.stdout
    data = {
        name: json.loads((out / "data" / f"{name}.json").read_text(encoding="utf-8"))[name]
        for name in ("meetings", "actions")
    }
    data["report"] = result.stdout
    data["content"] = content
    return data


def attendance(data: dict[str, Any], day: str) -> dict[str, list[str]]:
    meeting = next(m for m in data["meetings"] if m["date"] == day)
    found: dict[str, list[str]] = {}
    for section in meeting["attendance"]:
        found.setdefault(section["kind"], []).extend(a["name"] for a in section["attendees"])
    return found


def raised(data: dict[str, Any], day: str) -> dict[str, list[str]]:
    """task (or number) -> owners' names, for the actions raised on `day`."""
    return {
        a["number"] or a["task"]: [o["name"] for o in a["owners"]]
        for a in data["actions"]
        if a["raised_date"] == day
    }


def updated(data: dict[str, Any], day: str) -> dict[str, str]:
    return {
        a["number"] or a["task"]: e["status"]
        for a in data["actions"]
        for e in a["history"]
        if e["event"] == "updated" and e["date"] == day and a["raised_date"] != day
    }


def test_a_roll_call_with_member_classes_guests_and_apologies(tmp_path: Path) -> None:
    data = imported(tmp_path, "roll-call-2024-05-08.md")
    assert attendance(data, "2024-05-08") == {
        "present": ["Ines Albar", "Wen Chao", "Priya Eze"],
        # Unticked, except the one who also sent apologies.
        "absent": ["Olu Danjuma", "Marco Fiore"],
        "in_attendance": ["Hana Gold", "Ravi Hale"],
        "apologies": ["Tomas Brandt"],
    }
    assert raised(data, "2024-05-08") == {
        "ask the contractor for a new date": [],
        "circulate the survey results": ["Wen Chao"],
        "draft the funding letter": ["Ines Albar", "Priya Eze"],
        "Survey deadline: close Friday 10 May": [],  # a deadline, not an owner
    }
    # A speaker's "Ines: we should ..." is no action; Marco Polo of the prose is no one.
    names = {n for names in attendance(data, "2024-05-08").values() for n in names}
    assert "Marco Polo" not in names


def test_year_file_notes_follow_their_actions_from_one_meeting_to_the_next(
    tmp_path: Path,
) -> None:
    data = imported(tmp_path, "notes", group="Steering")
    assert attendance(data, "2019-10-02") == {
        "present": ["Nell Ortiz", "Abe Park", "Cy Quinn", "Dora Reyes"],
        "absent": ["Eli Soto", "Fay Tran"],  # struck out of the list; listed as absent
    }
    assert raised(data, "2019-10-02") == {
        "draft the charter text": ["Abe Park"],
        "ask the lawyers about the licence": ["Dora Reyes"],
        "Making progress on the website is hard": [],  # "AI:" with no one named
        "publish the roadmap": ["Cy Quinn"],
        "update the backlog": ["Cy Quinn"],  # a surname
    }
    mailing = next(a for a in data["actions"] if a["task"] == "set up the mailing list")
    assert mailing["raised_date"] == "2019-09-18"
    assert [e["event"] for e in mailing["history"]] == ["raised", "mentioned"]
    roadmap = next(a for a in data["actions"] if a["task"] == "publish the roadmap")
    assert roadmap["status"] == "closed"
    # "AI / ML working group" is artificial intelligence, not an action item.
    assert not any("models" in a["task"] for a in data["actions"])


def test_a_board_in_plain_text(tmp_path: Path) -> None:
    data = imported(tmp_path, "board-2015-03-18.txt")
    assert attendance(data, "2015-03-18") == {
        "present": ["Gil Abbot", "Hal Berg", "Ivy Cole", "Jon Dale"],
        "absent": ["Kit Evans"],
    }
    late = next(
        a
        for s in data["meetings"][0]["attendance"]
        for a in s["attendees"]
        if a["name"] == "Hal Berg"
    )
    assert late["arrived"] == "at 18:50"  # shown as "arrived at 18:50"
    assert raised(data, "2015-03-18") == {
        "ask the bank about the overdraft": ["Hal Berg"],
        "inspect the narrowboat hull": ["Gil Abbot"],
    }
    # Reviewed actions from before the record: the two with a status; an empty one is none.
    assert updated(data, "2015-03-18") == {
        "renew the insurance policy": "open",
        "repaint the lock gates": "closed",
    }
    assert "(none)" not in json.dumps(data["meetings"])


def test_a_wiki_page_with_attendance_at_the_end_and_a_status_list(tmp_path: Path) -> None:
    data = imported(tmp_path, "wiki-2012-06-14.md")
    assert attendance(data, "2012-06-14") == {
        "apologies": ["Uma", "Vic"],
        "present": ["Wes Abel", "Xia Bo", "Yan Cruz"],
    }
    assert raised(data, "2012-06-14") == {
        "write the release notes": ["Wes Abel"],
        "demo the checker on July 6": ["Wes Abel", "Xia Bo"],
        "Draft the FAQ": ["Yan Cruz", "Wes Abel"],
    }
    assert updated(data, "2012-06-14") == {
        "Fix the parser crash.": "closed",
        "Update the website.": "in_progress",
    }
    body = (next((tmp_path / "content" / "meetings").rglob("*.md"))).read_text(encoding="utf-8")
    assert "## Attendees" not in body  # read into the front matter, not left as a heading


def test_a_scribe_email_with_a_wrapped_present_list_and_handles(tmp_path: Path) -> None:
    data = imported(tmp_path, "scribe-2021-02-09.txt")
    assert attendance(data, "2021-02-09") == {
        "present": [
            "Ada Obi",
            "Ben Pike",
            "Cal Quarshie",
            "Eve Stone",  # a name wrapped across two lines
            "Fin Tate",
            "Gus Umeh GS1",
            "Hal Vance",
        ],
        "apologies": ["Dee Rowe"],  # "Regrets+" outranks the list a tool made
    }
    assert raised(data, "2021-02-09") == {
        "move the registry to the group repository and tell the list.": ["Ben Pike"],
        "close out the explainer work item": ["Cal Quarshie", "Eve Stone"],
    }


def test_an_attendance_table_marked_with_x_and_regrets_in_the_notes(tmp_path: Path) -> None:
    data = imported(tmp_path, "table-2023-09-12.md", group="Council")
    assert attendance(data, "2023-09-12") == {
        "present": ["Jo Amis", "Lea Cort", "Max Dunn"],
        "apologies": ["Kai Bell"],
    }
    assert raised(data, "2023-09-12") == {"profile the home page and report back.": ["Lea Cort"]}


def test_a_numbered_archive_imports_and_builds_with_its_record_intact(tmp_path: Path) -> None:
    data = imported(tmp_path, "numbered")
    assert attendance(data, "2024-04-02") == {
        "present": ["Rosa Lind", "Omar Nasser", "Pat Quell", "Sue Rigby"],
        "apologies": ["Tariq Umar", "Una Vale", "Vera Wong"],  # a list on the next line
    }
    assert raised(data, "2024-04-02") == {
        "4.1": ["Rosa Lind"],
        "4.2": ["Omar Nasser"],
        "4.3": ["Pat Quell"],
    }
    # 4.2 listed again under actions is carried forward, not raised twice.
    assert raised(data, "2024-05-07") == {
        "5.1": ["Tariq Umar"],
        "5.2": ["Sue Rigby", "Omar Nasser"],
    }
    assert updated(data, "2024-05-07") == {"4.1": "closed", "4.2": "in_progress", "4.3": "closed"}
    assert not any("autumn" in a["task"] or "AI tools" in a["task"] for a in data["actions"])
    # A line kept above "---" stays a line: never a heading made of it.
    body = tmp_path / "content" / "meetings" / "allotments-committee" / "2024-05-07.md"
    assert "Allotment Society" in body.read_text(encoding="utf-8")
    page = (tmp_path / "out" / "groups" / "allotments-committee" / "2024-05-07.html").read_text(
        encoding="utf-8"
    )
    assert "<h2>Allotment Society</h2>" not in page
    assert "4.2" in data["report"] and "(an earlier action)" in data["report"]


def test_someone_who_only_sent_apologies_has_their_meetings_on_their_page(
    tmp_path: Path,
) -> None:
    imported(tmp_path, "numbered")
    page = (tmp_path / "out" / "people" / "una-vale.html").read_text(encoding="utf-8")
    assert "Not listed at any published meeting" not in page
    assert "Apologies" in page and "2 April 2024" in page


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_every_fixture_builds_without_warnings_about_the_record(name: str, tmp_path: Path) -> None:
    """What import can foresee is settled in what it writes: nothing is raised twice."""
    content, out = tmp_path / "content", tmp_path / "out"
    result = site_gen("import", FIXTURES / name, "--content", content, "--group", "Group")
    assert result.returncode == 0, result.stdout
    built = site_gen("build", "--content", content, "--out", out, "--drafts")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "raised twice" not in built.stdout + built.stderr


def test_a_word_document_whose_actions_are_a_table(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Parks Committee", level=1)
    document.add_paragraph("Minutes of meeting 6, held on 3 June 2024")
    document.add_paragraph("Present: Nia Ode (NO), Omar Pell, Rhea Sax")
    document.add_heading("1. Review of actions", level=2)
    _table(
        document,
        [
            ("Ref", "Action", "Who", "Status"),
            ("5.1", "Mow the east field", "Omar", "Done"),
            ("5.2", "Fix the bench", "NO", "In progress"),
        ],
    )
    document.add_heading("2. New actions", level=2)
    _table(
        document,
        [
            ("No.", "Action", "Owner"),
            ("6.1", "Order new bins", "Rhea"),
            ("6.2", "Book the hall", "NO"),
        ],
    )
    source = tmp_path / "parks-2024-06-03.docx"
    document.save(str(source))
    content, out = tmp_path / "content", tmp_path / "out"
    result = site_gen("import", source, "--content", content, "--status", "approved")
    assert result.returncode == 0, result.stdout + result.stderr
    built = site_gen("build", "--content", content, "--out", out)
    assert built.returncode == 0, built.stdout
    data = json.loads((out / "data" / "actions.json").read_text(encoding="utf-8"))["actions"]
    raised = {a["number"]: [o["name"] for o in a["owners"]] for a in data if a["raised_in"]}
    assert raised == {"6.1": ["Rhea Sax"], "6.2": ["Nia Ode"]}
    updated = {
        a["number"]: e["status"] for a in data for e in a["history"] if e["event"] == "updated"
    }
    assert updated == {"5.1": "closed", "5.2": "in_progress"}


def test_an_id_raised_again_for_another_task_is_settled_in_what_import_writes(
    tmp_path: Path,
) -> None:
    """Ids that start again each year: the archive still builds, and the report says how."""
    data = imported(tmp_path, "ids-again")
    assert raised(data, "2023-01-10") == {"1.1": ["Ada Bell"], "1.2": ["Cal Dunn"]}
    assert raised(data, "2024-01-09") == {
        "book the band (`1.1`)": ["Cal Dunn"],  # 1.1 again, another task: no id
        "1.3": ["Ada Bell"],
        "print the songs (`1.3`)": ["Ada Bell"],  # 1.3 twice in one meeting
    }
    grease = next(a for a in data["actions"] if a["number"] == "1.2")
    assert [e["event"] for e in grease["history"]] == ["raised", "updated"]  # carried forward
    assert "action 1.1 was raised before for another task" in data["report"]
    body = next((data["content"] / "meetings").rglob("2024-01-09.md")).read_text("utf-8")
    assert "Cal to book the band (`1.1`)" in body


def _table(document: Any, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text

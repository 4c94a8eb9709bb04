"""A whole archive in one command: folders read whole, files of several meetings split,
cancelled and private meetings handled as a clerk expects, meetings read oldest first, the
date rule, a table of figures, deterministic output and nothing ever replaced. Everything
runs through the real command and the real build."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.importer.command import read_file
from site_gen.importer.dates import find_date, find_dates, numeric_order, path_date, path_years
from site_gen.importer.identity import group_name
from site_gen.importer.infer import Known, infer
from site_gen.importer.meetings import split_meetings
from site_gen.importer.plain import markdown_document
from site_gen.pipeline import BuildOptions, build
from tests.test_import import files, site_gen

# A year of a group's meetings in one file, newest first, as many groups keep them.
YEAR = """# 2023 Canal Trust Meeting Notes

Notes are newest first. Join the mailing list for the invitations.

## December 5, 2023 [Private Meeting]

Present: Ada Stone, Ben Ward

### Legal letter

Discussed a staff matter. SECRET-STAFF-MATTER

Actions:

- Ada to brief the lawyer (9.1)

## November 21, 2023 - Canceled (no quorum)

Items move to the next meeting.

## November 7, 2023

Present: Ada Stone, Ben Ward, Cy Young

### Review of actions

- 1.1 Ben to survey the towpath - Closed

## October 3rd, 2023

Present: Ada Stone, Ben Ward

### Towpath

Actions:

- Ben to survey the towpath (1.1)

## Template for new meetings

Present:
"""


def test_a_year_in_one_file(tmp_path: Path) -> None:
    source = tmp_path / "2023-meeting-notes.md"
    source.write_text(YEAR, encoding="utf-8")
    content = tmp_path / "content"
    result = site_gen("import", source, "--content", content, "--status", "approved")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert f"{source}: 4 meetings in one file" in out
    assert f"{source}:1: lines 1-3, before the first meeting's heading" in out
    assert f"{source}:39: lines 39-41 ('Template for new meetings'): a template" in out
    assert f"{source}:17: November 21, 2023 - Canceled (no quorum): a cancelled meeting" in out
    meetings = content / "meetings" / "canal-trust"
    assert sorted(p.name for p in meetings.iterdir()) == [
        "2023-10-03.md",
        "2023-11-07.md",
        "2023-12-05.md",
    ], "the cancelled meeting is noted, never invented"
    # Each meeting's lines keep their numbers in the file.
    assert f"{source}:31: Ada Stone [present]" in out
    assert f"{source}:37: 1.1: Ben (Ben Ward) to survey the towpath" in out
    assert f"{source}:27: 1.1 closed" in out

    private = (meetings / "2023-12-05.md").read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in private, "a private meeting stays a draft, whatever --status"
    assert "::: confidential Private Meeting" in private
    published = build(BuildOptions(content, tmp_path / "out"))
    assert not published.failed, [p.format() for p in published.problems]
    assert published.site is not None
    assert [m.date for m in published.site.meetings] == [date(2023, 10, 3), date(2023, 11, 7)]
    for page in (tmp_path / "out").rglob("*"):
        if page.is_file():
            assert b"SECRET-STAFF-MATTER" not in page.read_bytes(), page
    with_drafts = build(BuildOptions(content, tmp_path / "drafts", drafts=True))
    assert with_drafts.site is not None
    assert f"{source}:15: 9.1: Ada to brief the lawyer" in out
    withheld = [a for a in with_drafts.site.actions if a.action_id == "9.1"]
    assert [a.withheld for a in withheld] == [True], "counted and followed, never shown"
    for page in (tmp_path / "drafts").rglob("*"):
        if page.is_file():  # even as a draft, a private meeting's minutes are withheld
            assert b"SECRET-STAFF-MATTER" not in page.read_bytes(), page
    # Read oldest first: the later meeting closes the action the earlier one raised.
    (action,) = published.site.actions
    assert (action.action_id, str(action.status), action.raised_in) == (
        "1.1",
        "closed",
        "canal-trust/2023-10-03",
    )


def _archive(root: Path) -> Path:
    archive = root / "minutes"
    (archive / "2024").mkdir(parents=True)
    (archive / "2024" / "2024-02-06.md").write_text(
        "# Orchard Group meeting\n\nPresent: Ann Lee, Bob Ray\n\n## Apples\n\n"
        "Actions:\n\n- Ann to prune the trees (2.1)\n",
        encoding="utf-8",
    )
    (archive / "2024" / "2024-03-05.md").write_text(
        "# Orchard Group meeting\n\n5 March 2025\n\nPresent: Ann Lee\n\n## Review of actions\n\n"
        "- 2.1 Ann to prune the trees - Done\n",
        encoding="utf-8",
    )
    (archive / "notes.txt").write_text("Orchard Group\n\nPresent: Ann Lee\n", encoding="utf-8")
    (archive / "_posts").mkdir()  # a Jekyll site's posts
    (archive / "_posts" / "2024-04-02-orchard.md").write_text(
        "# Orchard Group meeting\n\nPresent: Bob Ray\n", encoding="utf-8"
    )
    (archive / "logo.png").write_bytes(b"\x89PNG\r\n")
    (archive / ".draft.md").write_text("# hidden\n", encoding="utf-8")
    return archive


def test_a_whole_archive_in_one_command(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    content = tmp_path / "content"
    result = site_gen("import", archive, "--content", content)
    assert result.returncode == 1, "a file was refused"
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    notes = archive / "notes.txt"
    assert f"{notes}:1: not imported: no date found (hint: give it with --date YYYY-MM-DD" in out
    assert "passed over files that are not minutes (1 .png)" in out
    assert ".draft.md" not in out, "hidden files are not read"
    # The file's name wins over its text, and the disagreement is for the clerk to check.
    march = archive / "2024" / "2024-03-05.md"
    assert f"-> {content / 'meetings' / 'orchard-group' / '2024-03-05.md'}" in out
    assert re.search(
        rf"{re.escape(str(march))}:3: the date in the minutes, 2025-03-05 \('5 March 2025'\), "
        r"is not the date in the file's name, 2024-03-05, which is used",
        out,
    )
    # The table: a row a file, and the total.
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert table[0].split("|")[1:-1] == [
        " file                           ",
        " meetings ",
        " attendees ",
        " apologies ",
        " actions ",
        " owners resolved ",
        " updates ",
        " to check ",
        " not imported ",
    ] or table[0].startswith("| file")
    rows = {cells[0]: cells[1:] for cells in (_cells(line) for line in table[2:])}
    assert rows[str(archive / "2024" / "2024-02-06.md")][:6] == ["1", "2", "0", "1", "1/1", "0"]
    assert rows[str(march)][:6] == ["1", "1", "0", "0", "0/0", "1"]
    assert rows[str(notes)][-1] == "1"
    assert rows[str(archive / "_posts" / "2024-04-02-orchard.md")][:2] == ["1", "1"]
    assert rows["total (4 files)"][:6] == ["3", "4", "0", "1", "1/1", "1"]
    assert out.splitlines()[-1].startswith(
        f"Imported 3 meetings from 4 files into {content} (1 not imported)"
    )

    # --date settles the file that does not say; nothing else is touched or replaced.
    before = files(content)
    again = site_gen("import", notes, "--content", content, "--date", "2024-01-09")
    assert again.returncode == 0, again.stdout
    assert set(files(content)) - set(before) == {"meetings/orchard-group/2024-01-09.md"}
    assert {k: v for k, v in files(content).items() if k in before} == before
    replaced = site_gen("import", archive, "--content", content)
    assert replaced.returncode == 1
    assert "already exists; site-gen never replaces a file" in replaced.stdout
    assert {k: v for k, v in files(content).items() if k in before} == before


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_same_archive_gives_the_same_files(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    first, second = tmp_path / "one", tmp_path / "two"
    site_gen("import", archive, "--content", first)
    site_gen("import", archive, "--content", second)
    assert files(first) == files(second) != {}


# --- dates and titles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday 4th March 2025", date(2025, 3, 4)),
        ("4 March, 2025", date(2025, 3, 4)),
        ("March 4th, 2025", date(2025, 3, 4)),
        ("Dec 13, 2021 [Private Meeting]", date(2021, 12, 13)),
        ("Sept. 9 2020", date(2020, 9, 9)),
        ("2025-03-04", date(2025, 3, 4)),
        ("Council meeting 2024 08 30", date(2024, 8, 30)),
        ("20200721", date(2020, 7, 21)),
        ("21-Jul-2020", date(2020, 7, 21)),
        ("minutes of 04/03/2025", date(2025, 3, 4)),
        ("https://example.org/2020-01-14/ Minutes for 2020-01-15", date(2020, 1, 15)),
    ],
)
def test_dates_as_minutes_write_them(text: str, expected: date) -> None:
    found = find_date(text)
    assert found is not None and found.day == expected


def test_what_is_not_a_date() -> None:
    assert find_dates("actions 1.5, 1.8 and 2.3; item 3.1; 2024 budget; call 0800 123 4567") == []
    assert find_dates("see https://example.org/meetings/2020-01-14/") == []
    assert find_date("31/02/2024") is None


def test_numeric_dates_follow_the_archive_then_the_language() -> None:
    assert find_date("04/03/2025", month_first=True).day == date(2025, 4, 3)  # type: ignore[union-attr]
    assert find_date("04/03/2025").day == date(2025, 3, 4)  # type: ignore[union-attr]
    assert numeric_order(["met 31/01/2025", "met 04/03/2025"]) is False  # day first
    assert numeric_order(["met 01/31/2025"]) is True
    assert numeric_order(["met 04/03/2025"]) is None
    assert numeric_order(["31/01/2025", "01/31/2025"]) is None, "evidence that disagrees"


def test_dates_in_paths() -> None:
    def day(path: str) -> date | None:
        found = path_date(path)
        return found.day if found else None

    assert day("board/board_minutes_1999_06_22.txt") == date(1999, 6, 22)
    assert day("meetings/2024-01-09/irc.log") == date(2024, 1, 9)
    assert day("2019-01-14-project-progression.md") == date(2019, 1, 14)
    assert day("team/2025/2026-02-06.md") == date(2026, 2, 6)
    assert day("notes/20200721.pdf") == date(2020, 7, 21)
    assert day("2017-meeting-notes.md") is None
    assert path_years("team/2025/2026-02-06.md") == [(2025, "the folder '2025'")]
    assert path_years("k8s/2017-meeting-notes.md") == [(2017, "the file's name")]


def test_day_month_and_a_two_digit_year_in_a_file_name() -> None:
    """D-M-YY and DD-MM-YY in names ("29-4-24-minutes"); one that could be either order is
    left to the minutes; in prose such a form is not a date."""
    found = {n: path_date(n) for n in ("wg/29-4-24-minutes.md", "14.11.23 notes.txt", "6-5-24.md")}
    assert {n: f.day if f else None for n, f in found.items()} == {
        "wg/29-4-24-minutes.md": date(2024, 4, 29),
        "14.11.23 notes.txt": date(2023, 11, 14),
        "6-5-24.md": None,
    }
    assert find_date("items 4-3-25 were read") is None
    assert path_years("2024/29-4-24-minutes.md") == [(2024, "the folder '2024'")]


@pytest.mark.parametrize(
    ("title", "group"),
    [
        ("# AWSF TAC Meeting - September 12, 2018", "AWSF TAC"),
        ("# **Lakeside TAC Meeting - 29 June, 2022**", "Lakeside TAC"),
        ("# Build team meeting = April 25, 2022", "Build team"),
        ("W3C CCG Weekly Teleconference Transcript for 2024-01-09", "W3C CCG"),
        ("Board of Directors Meeting Agenda", "Board of Directors"),
        ("Minutes of the Finance Committee meeting held on 4 March 2025", "Finance Committee"),
        ("# 2024 Steering Group Meeting Notes", "Steering Group"),
        ("ASHFORD PARISH COUNCIL", "Ashford Parish Council"),
        ("# 2023-06-15", None),
        ("Tuesday 4 March 2025, 10:00am", None),
        ("Meeting 5", None),
    ],
)
def test_group_names_in_titles(title: str, group: str | None) -> None:
    assert group_name(title) == group


def test_a_body_date_against_the_path_and_a_year_folder(tmp_path: Path) -> None:
    folder = tmp_path / "minutes" / "2025"
    folder.mkdir(parents=True)
    source = folder / "2026-02-06.md"
    source.write_text("# Hardware Team Meeting 2026-02-06\n\nPresent: Ann Lee\n", "utf-8")
    result = site_gen("import", source, "--content", tmp_path / "content", "--dry-run")
    assert result.returncode == 0, result.stdout
    assert "the folder '2025' says 2025, but the meeting's date is 2026-02-06" in result.stdout


# --- any file at all ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "# Minutes",
        "## 3 March 2024",
        "## 2024-02-01 [Private Meeting]",
        "## Jan 5, 2024 - Cancelled",
        "**December 7, 2017**",
        "Present: Ann Lee, Bob Ray",
        "* [x] Ann Lee",
        "Actions:",
        "- Ann to write (1.1)",
        "1.1 Closed",
        "---",
        "title: x",
        "<table><tr><td>x</td><td>Ann</td></tr></table>",
        "<!-- end list -->",
        ":::",
        "[2024-01-09T16:56:30Z]\t<ann_lee>\tpresent+",
        "    indented 04/03/2025",
        "",
    ]
)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(
    pieces=st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=25),
    suffix=st.sampled_from([".md", ".txt", ".html", ".log", ".docx", ".pdf"]),
)
def test_any_file_is_read_or_refused_never_a_traceback(pieces: list[str], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"minutes{suffix}"
        text = "\n".join(pieces)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = read_file(path)  # never raises: a refusal is a result
        assert result.failure or result.outcomes
        count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        for outcome in result.outcomes:
            for line in outcome.document.lines:
                assert 1 <= line.number <= count, line
            minutes = infer(outcome.document, Known())
            for finding in (*minutes.inferred, *minutes.unsure):
                assert finding.line is None or 1 <= finding.line <= count, finding


def test_dated_topics_do_not_split_one_meeting() -> None:
    text = (
        "# Council meeting 2025-07-18\n\n## Attendance\n\nAnn, Bob\n\n"
        "### Update from 2025-07-08 board meeting\n\nNotes.\n\n"
        "### Substitute for 2025-08-12 board meeting\n\nNotes.\n\n"
        "### Travel budget\n\n### Team charters\n\n### Review of the all-hands\n\n"
        "## Next meeting 2025-08-01\n"
    )
    split = split_meetings(markdown_document("council.md", text))
    assert len(split.parts) == 1 and split.parts[0].part is None and split.left_out == ()
    year = "# Notes\n\n## 2025-03-04\n\nA\n\n## 2025-02-04\n\nB\n\n## 2025-01-07\n\nC\n"
    parts = split_meetings(markdown_document("2025.md", year)).parts
    assert [p.part.heading for p in parts if p.part] == ["2025-03-04", "2025-02-04", "2025-01-07"]
    assert [[ln.number for ln in p.lines if ln.text] for p in parts] == [[5], [9], [13]]

"""The import recall measure: its name rule, its matching and scoring, and the whole command on
minutes of our own through the real importer and build."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from benchmarks.import_recall.__main__ import main
from benchmarks.import_recall.labels import Action, Attendance, Meeting, Update, read_labels
from benchmarks.import_recall.names import name_key, normalise
from benchmarks.import_recall.opendata import RecoveredAction, RecoveredMeeting, RecoveredUpdate
from benchmarks.import_recall.runs import (
    date_order,
    draft_days,
    import_archive,
    import_file,
    run_group,
)
from benchmarks.import_recall.score import Ratio, match, score

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Ana Lima (@analima)", "ana lima"),
        ("@rvasquez", "rvasquez"),
        ("Tomás Ruiz - Treasurer, Riverside Trust", "tomas ruiz"),
        ("Ines O\u2019Hara [Observer]", "ines o hara"),
        ("[Kofi Mensah]", "kofi mensah"),
        ("**Priya Nair** (Chair", "priya nair"),
        ("Jo Bright @ Acme Ltd", "jo bright"),
        ("Lee-Ann Park\t{Acme}", "lee ann park"),
        ("Sam_Hill_Jones", "sam hill jones"),
        ("Max Roe joined at 10:05", "max roe joined at 10 05"),  # an arrival is not cut
    ],
)
def test_names_normalise_the_ways_attendance_writes_them(written: str, normal: str) -> None:
    assert normalise(written) == normal


def test_a_name_key_is_12_hex_digits_and_equal_for_equal_names() -> None:
    key = name_key("Ana Lima (Chair)")
    assert key is not None and len(key) == 12 and int(key, 16) >= 0
    assert key == name_key("ANA LIMA, Riverside Trust") != name_key("Ana Lime")
    assert name_key("(  )") is None


def test_files_are_imported_oldest_first_by_the_date_in_their_path() -> None:
    paths = [
        Path("b/2019-01-21.md"),
        Path("notes.txt"),
        Path("2018/minutes.md"),
        Path("board_minutes_2005_09_29.txt"),
        Path("2025/2026-02-06.md"),
        Path("2017-meeting-notes.md"),
        Path("20200721.md"),
    ]
    assert [p.as_posix() for p in sorted(paths, key=date_order)] == [
        "board_minutes_2005_09_29.txt",
        "2017-meeting-notes.md",
        "2018/minutes.md",
        "b/2019-01-21.md",
        "20200721.md",
        "2025/2026-02-06.md",
        "notes.txt",
    ]


def _label(day: str, **fields: object) -> Meeting:
    values: dict[str, object] = {
        "file": "club/minutes.md",
        "meeting": None,
        "day": date.fromisoformat(day),
        "other_days": (),
        "held": True,
        "attendance": None,
        "actions": (),
        "updates": (),
        "decisions": 0,
        "notes": "",
    }
    values.update(fields)
    return Meeting(**values)  # type: ignore[arg-type]


def _keys(*names: str) -> tuple[str, ...]:
    return tuple(k for n in names if (k := name_key(n)))


def test_exact_dates_are_matched_before_other_dates() -> None:
    labels = [
        _label("2020-01-15", other_days=(date(2020, 1, 14),)),
        _label("2020-01-14"),
        _label("2020-03-01", held=False),
    ]
    on_14 = RecoveredMeeting("club/2020-01-14", "2020-01-14")
    on_15 = RecoveredMeeting("club/2020-01-15", "2020-01-15")
    on_0301 = RecoveredMeeting("club/2020-03-01", "2020-03-01")
    assert match(labels, [on_14, on_15, on_0301]) == [(on_15, False), (on_14, False), (None, False)]
    assert match(labels, [on_14, on_0301]) == [(None, False), (on_14, False), (None, False)]
    assert match(labels[:1], [on_14]) == [(on_14, True)]
    assert score(labels[0], on_14, other_day=True).other_day == 1
    assert score(labels[2], None).meetings == Ratio(0, 0)  # a stub not held is not missed


def test_two_meetings_of_one_day_go_by_the_attendance_they_share() -> None:
    ana, ben = _keys("Ana Lima", "Ben Ode")
    label = _label("2021-05-04", attendance=Attendance({"present": (ben,)}))
    other = RecoveredMeeting("team-a/2021-05-04", "2021-05-04", attended={ana})
    right = RecoveredMeeting("team-b/2021-05-04", "2021-05-04", attended={ben})
    assert match([label], [other, right]) == [(right, False)]


def test_a_meeting_scores_each_part_of_the_record() -> None:
    ana, ben, cy, dee, eve = _keys("Ana Lima", "Ben Ode", "Cy Tan", "Dee Roy", "Eve Nash")
    label = _label(
        "2022-02-02",
        attendance=Attendance(
            {"present": (ana, ben), "observer": (cy,), "apologies": (dee,), "absent": (eve,)}
        ),
        actions=(
            Action("2.1", (ana,)),
            Action("2.2", (ben, cy)),
            Action(None, (dee,)),
            Action(None, ("group",)),
            Action(None, ()),
        ),
        updates=(
            Update("1.4", (), "closed"),
            Update("1.5", (), "open"),
            Update(None, (ben,), "in_progress"),
            Update(None, (eve,), "dropped"),
        ),
        decisions=3,
    )
    found = RecoveredMeeting(
        "club/2022-02-02",
        "2022-02-02",
        attended={ana, cy, dee, *_keys("Stray Name")},  # Dee recovered on the wrong side
        away={eve},
        raised=[
            RecoveredAction("2.1", (ana,)),
            RecoveredAction("2.2", (ben,)),
            RecoveredAction("2.9", ()),
            RecoveredAction(None, ("group",)),
        ],
        updates=[
            RecoveredUpdate("1.4", (), "closed"),
            RecoveredUpdate("1.5", (), "closed"),
            RecoveredUpdate(None, (ben, ana), "in_progress"),
            RecoveredUpdate(None, (ben,), "dropped"),
        ],
        decisions=5,
    )
    t = score(label, found)
    assert t.meetings == Ratio(1, 1)
    assert t.present == Ratio(2, 3)  # Ana and Cy; Ben missed
    assert t.apologies == Ratio(1, 2)  # Eve; Dee is on the wrong side
    assert t.precision == Ratio(4, 5)  # the stray name is not labelled
    assert (t.numbered, t.false_raises) == (Ratio(2, 2), 1)
    assert (t.unnumbered, t.extra_unnumbered) == (Ratio(1, 3), 0)
    assert t.owners == Ratio(3, 5)  # Ana, Ben, the group; Cy and Dee missed
    assert t.updates == Ratio(2, 4)  # 1.4 closed and Ben's; 1.5's status and Eve's owner differ
    assert (t.decisions, t.extra_decisions) == (Ratio(3, 3), 2)


def test_a_meeting_not_found_misses_all_it_labels_and_headcounts_are_left_out() -> None:
    ana = _keys("Ana Lima")
    label = _label(
        "2022-02-02",
        attendance=Attendance({"present": ana}),
        actions=(Action("3.1", ana), Action(None, ())),
        decisions=2,
    )
    t = score(label, None)
    assert (t.meetings, t.present, t.numbered, t.unnumbered) == (
        Ratio(0, 1),
        Ratio(0, 1),
        Ratio(0, 1),
        Ratio(0, 1),
    )
    assert (t.owners, t.decisions, t.precision) == (Ratio(0, 1), Ratio(0, 2), Ratio(0, 0))
    headcount = _label("2022-03-03", attendance=Attendance({}, headcount=19))
    invented = RecoveredMeeting("club/2022-03-03", "2022-03-03", attended=set(ana))
    t = score(headcount, invented)
    assert (t.present, t.precision) == (Ratio(0, 0), Ratio(0, 1))


def test_a_crash_or_a_failed_build_is_a_row_never_an_exception(tmp_path: Path) -> None:
    crash = tmp_path / "crash.py"
    crash.write_text("import sys\nsys.stderr.write('Traceback (most recent call last):\\n')\n"
                     "sys.stderr.write('KeyError: boom\\n')\nsys.exit(3)\n")  # fmt: skip
    crashing = (sys.executable, str(crash))
    minutes = tmp_path / "club" / "2024-01-10.md"
    minutes.parent.mkdir()
    minutes.write_text("Present: Ana Lima\n")
    done = import_file(minutes, tmp_path / "content", "club", crashing)
    assert done.meetings == [] and done.failure.startswith("importer crashed (exit 3)")
    assert "KeyError: boom" in done.failure
    for per_file in (False, True):  # a crash of the one command is retried file by file
        run = run_group(minutes.parent, tmp_path / f"work{per_file}", crashing, per_file=per_file)
        assert run.files_imported == 0 and not run.built and run.out is None
        assert [f.failure.split(":")[0] for f in run.imports] == ["importer crashed (exit 3)"]
        assert run.build_failure.startswith("build crashed (exit 3)")
        retried = "importer crashed (exit 3): KeyError: boom; imported again file by file"
        assert run.import_note == ("" if per_file else retried)

    refuses = tmp_path / "refuses.py"
    refuses.write_text("import sys\nprint(sys.argv[2] + ': group: club (--group)')\n"
                       "print(sys.argv[2] + ':1: not imported: no date found')\n"
                       "print('Imported 0 of 1 file')\nsys.exit(1)\n")  # fmt: skip
    done = import_file(minutes, tmp_path / "content", "club", (sys.executable, str(refuses)))
    assert (done.failure, done.note, done.imported) == ("no date found", "", False)
    accepts = tmp_path / "accepts.py"
    accepts.write_text("import sys\nprint(sys.argv[2] + ': a cancelled meeting: noted')\n")
    done = import_file(minutes, tmp_path / "content", "club", (sys.executable, str(accepts)))
    assert (done.failure, done.note, done.imported) == ("", "a cancelled meeting: noted", True)


def test_an_archive_import_tells_which_files_were_not_imported(tmp_path: Path) -> None:
    archive = tmp_path / "archive.py"  # refuses the notes, as an importer reports it
    archive.write_text(
        "import sys\n"
        "files = sys.argv[2 : sys.argv.index('--content')]\n"
        "refused = [f for f in files if 'notes' in f]\n"
        "for f in files:\n"
        "    print(f + ': group: club (--group)')\n"
        "for f in refused:\n"
        "    print(f + ':3: not imported: no date found (hint: give it with --date)')\n"
        "sys.exit(1 if refused else 0)\n"
    )
    club = tmp_path / "club"
    club.mkdir()
    paths = [club / "2024-01-10.md", club / "walk-notes.txt", club / "2024-02-14.md"]
    for path in paths:
        path.write_text("Present: Ana Lima\n")
    done, note = import_archive(paths, tmp_path / "content", "club", (sys.executable, str(archive)))
    assert note == ""
    assert [(f.path.name, f.failure, f.imported) for f in done] == [
        ("2024-01-10.md", "", True),
        ("walk-notes.txt", "no date found (hint: give it with --date)", False),
        ("2024-02-14.md", "", True),
    ]
    run = run_group(club, tmp_path / "work", (sys.executable, str(archive)))
    assert [f.path.name for f in run.imports] == [
        "2024-01-10.md",
        "2024-02-14.md",
        "walk-notes.txt",
    ]
    assert (run.files_imported, run.import_note) == (2, "")


def test_meetings_written_as_drafts_are_told_apart_from_meetings_not_found(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "content" / "meetings" / "club"
    folder.mkdir(parents=True)
    (folder / "2024-01-10.md").write_text(
        "---\ngroup: club\ndate: 2024-01-10\nstatus: draft\n---\n"
    )
    (folder / "2024-02-14.md").write_text(
        "---\ngroup: club\ndate: 2024-02-14\nstatus: approved\n---\n\nstatus: draft\n---\n"
    )
    assert draft_days(tmp_path / "content") == {"2024-01-10"}
    assert score(_label("2024-01-10"), None, draft=True).drafts == 1
    found = RecoveredMeeting("club/2024-01-10", "2024-01-10")
    assert score(_label("2024-01-10"), found, draft=True).drafts == 0


# --- the whole command, on minutes of our own -----------------------------------------------

FIRST = """# Garden Club Committee

Minutes of the meeting held on 10 January 2024

Present: Alice Moreno (Chair), Bilal Khan, Chen Wei
In attendance: Dora Price (Secretary)
Apologies: Emeka Obi

## 1. Plots for the spring

Agreed: the club will rent two more plots from April.

Actions:

- 1.1 Alice to ask the council for the plot prices
- 1.2 Bilal to draft the seed order

Action: Chen to water the seedlings while the club is away.

## 2. Any other business

None.
"""

SECOND = """# Garden Club Committee

Minutes of the meeting held on 14 February 2024

Present: Alice Moreno (Chair), Bilal Khan, Emeka Obi
Apologies: Chen Wei

## 1. Review of previous actions

- 1.1 Alice to ask the council for the plot prices \u2013 Closed
- 1.2 Bilal to draft the seed order \u2013 Open

## 2. Tools

Actions:

- 2.1 Emeka to list the tools that need repair

## 3. Any other business

None.
"""


def _labels_file(path: Path) -> None:
    def keys(*names: str) -> list[str]:
        return list(_keys(*names))

    meetings = [
        {  # Zed is labelled but not in the minutes: present can only be 4 of 5 here
            "file": "garden-club/2024-01-10.md",
            "date": "2024-01-10",
            "attendance": {
                "counts": {"present": 4, "in_attendance": 1, "apologies": 1},
                "present": keys("Alice Moreno", "Bilal Khan", "Chen Wei", "Zed Unlisted"),
                "in_attendance": keys("Dora Price"),
                "apologies": keys("Emeka Obi"),
            },
            "actions": [  # 1.2 is left out: recovering it is a false raise
                {"id": "1.1", "owners": keys("Alice Moreno")},
                {"id": None, "owners": keys("Chen Wei")},
            ],
            "decisions": 1,
        },
        {  # Emeka is left out of the present: recovering him costs precision
            "file": "garden-club/2024-02-14.md",
            "date": "2024-02-14",
            "attendance": {
                "counts": {"present": 2, "apologies": 1},
                "present": keys("Alice Moreno", "Bilal Khan"),
                "apologies": keys("Chen Wei"),
            },
            "actions": [
                {"id": "2.1", "owners": keys("Emeka Obi")},
                {"id": "2.2", "owners": keys("Bilal Khan")},  # not in the minutes
            ],
            "updates": [
                {"id": "1.1", "status": "closed"},
                {"id": "1.2", "status": "in_progress"},  # the minutes say open
            ],
            "decisions": 0,
        },
        {  # a file no importer can date: its meeting is not found
            "file": "garden-club/walk-notes.txt",
            "date": "2024-03-01",
            "attendance": {"counts": {"present": 1}, "present": keys("Alice Moreno")},
        },
    ]
    path.write_text(json.dumps({"meetings": meetings}), encoding="utf-8")  # JSON is YAML


def _corpus(tmp_path: Path) -> Path:
    club = tmp_path / "corpus" / "garden-club"
    club.mkdir(parents=True)
    (club / "2024-02-14.md").write_text(SECOND, encoding="utf-8")
    (club / "2024-01-10.md").write_text(FIRST, encoding="utf-8")
    (club / "walk-notes.txt").write_text("A walk round the plots, on no particular day.\n")
    lost = tmp_path / "corpus" / "lost-group"
    lost.mkdir()
    (lost / "scrap.txt").write_text("A scrap of paper with no date on it.\n")
    labels = tmp_path / "labels.yaml"
    _labels_file(labels)
    assert read_labels(labels)[1] == []
    return labels


def _measure(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.import_recall", str(tmp_path / "corpus"),
         str(tmp_path / "labels.yaml"), "--json", str(tmp_path / "out.json"), *options],
        cwd=PROJECT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_the_command_imports_builds_and_scores_a_corpus_of_our_own(tmp_path: Path) -> None:
    _corpus(tmp_path)

    done = _measure(tmp_path, "--details")
    assert done.returncode == 0, done.stderr
    figures = json.loads((tmp_path / "out.json").read_text())
    garden, lost_group = figures["groups"]
    assert (garden["group"], garden["files"], garden["imported"]) == ("garden-club", 3, 2)
    assert garden["built"] and garden["errors"] == 0
    assert [f.split(":")[0] for f in garden["failures"]] == ["walk-notes.txt"]
    assert [m["found"] for m in garden["meetings"]] == [
        "garden-club/2024-01-10",
        "garden-club/2024-02-14",
        None,
    ]
    t = garden["tally"]
    assert t["meetings"] == {"found": 2, "total": 3}
    assert t["present"] == {"found": 6, "total": 8}
    assert t["apologies"] == {"found": 2, "total": 2}
    assert t["precision"] == {"found": 8, "total": 9}
    assert t["numbered"] == {"found": 2, "total": 3} and t["false_raises"] == 1
    assert t["unnumbered"] == {"found": 1, "total": 1}
    assert t["owners"] == {"found": 3, "total": 4}
    assert t["updates"] == {"found": 1, "total": 2}
    assert t["decisions"] == {"found": 1, "total": 1}
    assert (lost_group["files"], lost_group["imported"], lost_group["built"]) == (1, 0, False)
    assert figures["total"]["present"] == t["present"]
    table = done.stdout.splitlines()
    assert table[2].startswith("| garden-club | 3 | 2 | 2/3 (67%) | 0 | 0 | 6/8 (75%) | 8/9 (89%)")
    assert table[3].startswith("| lost-group | 1 | 0 | - | 1 (failed) |")  # no content folder
    assert any(line.startswith("- lost-group: site not built") for line in table)
    assert any(
        line.startswith("garden-club/walk-notes.txt 2024-03-01: NOT FOUND") for line in table
    )


def test_file_by_file_with_the_group_left_to_the_importer_meetings_still_match(
    tmp_path: Path,
) -> None:
    _corpus(tmp_path)
    done = _measure(tmp_path, "--infer-group", "--per-file", "--group", "garden-club")
    assert done.returncode == 0, done.stderr
    (garden,) = json.loads((tmp_path / "out.json").read_text())["groups"]
    assert [m["found"] for m in garden["meetings"]] == [
        "garden-club-committee/2024-01-10",
        "garden-club-committee/2024-02-14",
        None,
    ]
    assert garden["tally"]["present"] == {"found": 6, "total": 8}


def test_the_labels_reader_reports_every_broken_rule(tmp_path: Path) -> None:
    ana = name_key("Ana Lima")
    broken = tmp_path / "labels.yaml"
    broken.write_text(
        json.dumps(
            {
                "meetings": [
                    {
                        "file": "club/2024.md",
                        "date": "2024-13-01",
                        "attendance": {"counts": {"present": 2}, "present": [ana, "Ana Lima"]},
                        "actions": [{"id": "1.1", "owners": []}, {"id": "1.1", "owners": []}],
                        "updates": [{"id": None, "owners": [], "status": "finished"}],
                        "decisions": -1,
                    },
                    {"file": "club/2024.md", "date": "2024-02-01", "held": False, "decisions": 1},
                    {"file": "nofolder.md", "date": "2024-03-01", "attendance": {}},
                ]
            }
        ),
        encoding="utf-8",
    )
    meetings, problems = read_labels(broken)
    assert len(meetings) == 3
    for expected in (
        "'2024-13-01' is not a YYYY-MM-DD date",
        "'Ana Lima' is not a 12-digit name key",
        "an action id is raised twice",
        "status 'finished' is not one of",
        "an update needs the earlier action's id or its owners",
        "decisions must be a count",
        "a meeting not held has nothing to recover",
        "several meetings of one file each need 'meeting'",
        "file must be a path inside the corpus",
        "attendance with no names and no headcount",
    ):
        assert any(expected in p for p in problems), expected


def test_a_keep_folder_with_something_in_it_is_refused_before_any_import(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text('{"meetings": []}')
    (tmp_path / "keep" / "old").mkdir(parents=True)
    assert main([str(tmp_path), str(labels), "--keep", str(tmp_path / "keep")]) == 2
    assert list((tmp_path / "keep").iterdir()) == [tmp_path / "keep" / "old"]

"""Attacks, round 3, on what this session changed: serve's reloads as a clerk drives them
(edits in quick succession, output edited or deleted by hand, a build in another terminal,
meetings withheld after publication and back), a killed build's leftover spool, hidden
files under meetings/, and person pages' "Meetings by year" counts as a leaker reads them.

Every check runs the real `site-gen` command on an archive written here, and compares what
it wrote with a cold `--no-cache` build of the same content."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.commands.serve import IDLE_SECONDS
from tests.attack_archive import tree, write_archive
from tests.build_cli import build_args, site_gen
from tests.test_serve import SITE_GEN, WAIT, serving

BOARD_TWO = "meetings/board/2024-02-14.md"
BOARD_ONE = "meetings/board/2024-01-10.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cold(content: Path, where: Path, *more: str) -> dict[str, bytes]:
    shutil.rmtree(where, ignore_errors=True)
    run = site_gen(*build_args(content, where, "--no-cache", "--no-search", *more))
    assert run.returncode == 0, run.stderr
    return tree(where)


def _settles_as_cold(out: Path, cold: dict[str, bytes]) -> None:
    """Serve's output equals the cold build's, at latest once serve has paused and surveyed."""
    deadline = time.monotonic() + WAIT
    while True:
        try:
            served = tree(out)
        except FileNotFoundError:  # a file swapped away while it was being read
            served = {}
        if served == cold:
            return
        if time.monotonic() > deadline:
            differ = sorted(n for n in served.keys() | cold.keys() if served.get(n) != cold.get(n))
            pytest.fail(f"serve's output never matched a cold build: {differ[:20]}")
        time.sleep(0.2)


def _nowhere(out: Path, *words: str) -> None:
    for name, data in tree(out).items():
        for word in words:
            assert word.encode() not in data, (word, name)


Step = Callable[[Path, Path], None]


def _status_flip(content: Path, out: Path) -> None:
    # An action's status changed and changed back before serve could settle.
    path = content / BOARD_TWO
    _edit(path, "status: open, note: BOARD-TWO-NOTE", "status: closed, note: BOARD-TWO-NOTE")
    time.sleep(0.05)
    _edit(path, "status: closed, note: BOARD-TWO-NOTE", "status: open, note: BOARD-TWO-NOTE")


def _quick_edits(content: Path, out: Path) -> None:
    path = content / BOARD_ONE
    for word in ("QUICK-A", "QUICK-B", "QUICK-C"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("potholes", f"potholes {word}", 1), encoding="utf-8")
        time.sleep(0.03)


def _decision_changed(content: Path, out: Path) -> None:
    _edit(content / BOARD_ONE, "BOARD-ONE-DECISION to mend", "BOARD-ONE-DECISION to resurface")


def _made_draft(content: Path, out: Path) -> None:
    _edit(content / BOARD_TWO, "status: approved", "status: draft")


def _made_approved(content: Path, out: Path) -> None:
    _edit(content / BOARD_TWO, "status: draft", "status: approved")


def _made_confidential(content: Path, out: Path) -> None:
    _edit(
        content / BOARD_TWO,
        "Actions:\n\n- Bob Second to BOARD-TWO-ACTION order bulbs (2.1)\n",
        "::: confidential Contracts\nActions:\n\n"
        "- Bob Second to BOARD-TWO-ACTION order bulbs (2.1)\n:::\n",
    )


def _made_public(content: Path, out: Path) -> None:
    _edit(content / BOARD_TWO, "::: confidential Contracts\n", "")
    _edit(content / BOARD_TWO, "(2.1)\n:::\n", "(2.1)\n")


def _hidden_minutes(content: Path, out: Path) -> None:
    hidden = content / "meetings/board/.2024-04-10.md"
    hidden.write_text(
        "---\ndate: 2024-04-10\nnumber: 9\nstatus: approved\n---\n\nHIDDEN-SWAP-TEXT\n",
        encoding="utf-8",
    )
    trash = content / "meetings/.trash/board"
    trash.mkdir(parents=True)
    (trash / "2024-05-01.md").write_text(
        "---\ndate: 2024-05-01\nnumber: 10\nstatus: approved\n---\n\nHIDDEN-TRASH-TEXT\n",
        encoding="utf-8",
    )
    _mac_twins(content)


def _mac_twins(content: Path) -> None:
    """What a Mac leaves beside each file copied to a shared drive: "._" twins, not text."""
    for name in ("groups/._finance.yaml", "meetings/finance/._2024-01-17.md"):
        (content / name).write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X HIDDEN-TWIN")


def _output_folder_deleted(content: Path, out: Path) -> None:
    # Long after the clerk paused (serve surveyed the output then): nothing in the content
    # changes, so only serve's own look at the output can bring it back.
    time.sleep(3 * IDLE_SECONDS)
    shutil.rmtree(out / "groups")


def _output_file_edited(content: Path, out: Path) -> None:
    time.sleep(3 * IDLE_SECONDS)
    (out / "index.html").write_text("EDITED-BY-HAND", encoding="utf-8")
    (out / "people" / "EXTRA-BY-HAND.html").write_text("extra", encoding="utf-8")


def _output_deleted(content: Path, out: Path) -> None:
    time.sleep(3 * IDLE_SECONDS)
    shutil.rmtree(out)


def _minutes_hidden(content: Path, out: Path) -> None:
    # Renamed as an editor's backup would be: no longer minutes, so gone from the site.
    (content / BOARD_TWO).rename(content / "meetings/board/.2024-02-14.md.bak")


def _minutes_back(content: Path, out: Path) -> None:
    (content / "meetings/board/.2024-02-14.md.bak").rename(content / BOARD_TWO)


def _searchable_build_in_another_terminal(content: Path, out: Path) -> None:
    # A build as the clerk publishes (with the search index) into serve's own folder.
    time.sleep(3 * IDLE_SECONDS)
    run = site_gen(*build_args(content, out))
    assert "Traceback" not in run.stderr, run.stderr


def _build_while_serve_reloads(content: Path, out: Path) -> None:
    # The other terminal's build and serve's reload of an edit, at the same time.
    other = subprocess.Popen(
        [str(SITE_GEN), *map(str, build_args(content, out, "--no-search"))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for word in ("SAME-TIME-A", "SAME-TIME-B"):
        time.sleep(0.1)
        _edit(content / BOARD_ONE, "potholes", f"potholes {word}")
    _, said = other.communicate(timeout=WAIT)
    assert "Traceback" not in said, said


def _build_in_another_terminal(content: Path, out: Path) -> None:
    _edit(content / BOARD_ONE, "potholes", "potholes OTHER-TERMINAL")
    run = site_gen(*build_args(content, out, "--no-search"))
    assert "Traceback" not in run.stderr, run.stderr


STEPS: list[tuple[str, Step, tuple[str, ...]]] = [
    ("a status changed and changed back", _status_flip, ()),
    ("edits in quick succession", _quick_edits, ()),
    ("a decision changed", _decision_changed, ()),
    ("a meeting made a draft", _made_draft, ("BOARD-TWO-BODY", "BOARD-TWO-ACTION")),
    ("the draft approved again", _made_approved, ()),
    ("an item made confidential", _made_confidential, ("BOARD-TWO-ACTION",)),
    ("the item public again", _made_public, ()),
    ("hidden files saved", _hidden_minutes, ("HIDDEN-SWAP-TEXT", "HIDDEN-TRASH-TEXT")),
    ("a folder of the output deleted", _output_folder_deleted, ()),
    ("output files edited by hand", _output_file_edited, ("EDITED-BY-HAND",)),
    ("a build in another terminal", _build_in_another_terminal, ()),
    ("a build while serve reloads", _build_while_serve_reloads, ()),
    ("the whole output deleted", _output_deleted, ()),
    ("minutes renamed to a hidden name", _minutes_hidden, ("BOARD-TWO-BODY", "BOARD-TWO-ACTION")),
    ("the minutes named back", _minutes_back, ()),
    ("a build with search in another terminal", _searchable_build_in_another_terminal, ()),
]


def test_serve_settles_as_a_cold_build_after_each_of_a_clerks_steps(tmp_path: Path) -> None:
    if not SITE_GEN.is_file():
        pytest.skip("the site-gen script is not installed")
    content = write_archive(tmp_path / "content")
    out, cold_out = tmp_path / "preview", tmp_path / "cold"
    with serving(content, "--out", str(out), "--no-drafts") as server:
        _settles_as_cold(out, _cold(content, cold_out))
        for name, step, withheld in STEPS:
            step(content, out)
            cold = _cold(content, cold_out)
            for word in withheld:
                assert all(word.encode() not in data for data in cold.values()), (name, word)
            _settles_as_cold(out, cold)
            _nowhere(out, *withheld)
        assert server.process.poll() is None, "".join(server.lines)
    assert "Traceback" not in "".join(server.lines), "".join(server.lines)


def test_a_killed_builds_spool_is_removed_and_never_read(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    out = tmp_path / "site"
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    # What a build killed mid-write leaves beside the output: a spool of a dead process,
    # its numbered files holding what a stale output would be.
    spool = tmp_path / ".site.new-999999999-spool-x1"
    spool.mkdir()
    (spool / "0").write_bytes(b"STALE-SPOOL-BYTES")
    (spool / "1").write_bytes(b"STALE-SPOOL-BYTES")
    _edit(content / BOARD_ONE, "potholes", "potholes AFTER-KILL")
    run = site_gen(*build_args(content, out, "--no-search"))
    assert run.returncode == 0, run.stderr
    assert not spool.exists()
    assert tree(out) == _cold(content, tmp_path / "cold")
    assert not [p for p in tmp_path.iterdir() if "-spool-" in p.name]


def test_a_failed_template_mid_build_leaves_the_output_and_no_spool(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    out = tmp_path / "site"
    assert site_gen(*build_args(content, out)).returncode == 0
    before = tree(out)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "person.html").write_text("{{ no_such_thing.attribute.deeper }}\n", "utf-8")
    _edit(content / BOARD_ONE, "potholes", "potholes NEVER-WRITTEN")
    run = site_gen(*build_args(content, out, "--templates", theme))
    assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr
    assert tree(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.new-")]


def test_hidden_files_beside_minutes_and_groups_are_not_read(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    plain = _cold(content, tmp_path / "plain")
    _hidden_minutes(content, tmp_path / "site")
    (content / "groups/.board.yaml.swp").write_text("name: HIDDEN-SWAP-GROUP\n", "utf-8")
    out = tmp_path / "site"
    run = site_gen(*build_args(content, out, "--no-cache", "--no-search"))
    assert run.returncode == 0, run.stderr
    assert "warning" not in run.stderr, run.stderr
    assert tree(out) == plain


def _cache_db(out: Path) -> Path:
    found = list(out.parent.glob(".site-gen-cache/cache.sqlite"))
    assert len(found) == 1, found
    return found[0]


def _restore(backup: Path, db_path: Path, kinds: tuple[str, ...]) -> None:
    """The rows of `kinds` in the cache put back as `backup` held them (sealed, genuine)."""
    with sqlite3.connect(backup) as old:
        rows = old.execute("SELECT kind, key, digest, data FROM entries").fetchall()
    with sqlite3.connect(db_path) as db:
        for kind, key, digest, data in rows:
            if kind in kinds:
                db.execute(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", (kind, key, digest, data)
                )


@pytest.mark.parametrize(
    ("kinds", "content_back"),
    [(("memo", "written"), True), (("memo",), True), (("written",), False)],
)
def test_stale_cache_entries_put_back_never_keep_an_output_a_cold_build_would_not_write(
    tmp_path: Path, kinds: tuple[str, ...], content_back: bool
) -> None:
    """Entries of the cache restored from a backup taken before the last build (sealed and
    genuine, but of an older output), with or without the content put back as it was."""
    content = write_archive(tmp_path / "content")
    out = tmp_path / "site"
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(_cache_db(out), backup)
    original = (content / BOARD_ONE).read_text(encoding="utf-8")
    _edit(content / BOARD_ONE, "potholes", "potholes NEWER-BUILD")
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    if content_back:
        (content / BOARD_ONE).write_text(original, encoding="utf-8")
    _restore(backup, _cache_db(out), kinds)
    run = site_gen(*build_args(content, out, "--no-search"))
    assert run.returncode == 0, run.stderr
    assert tree(out) == _cold(content, tmp_path / "cold")


def test_entries_swapped_between_outputs_or_kinds_are_ignored(tmp_path: Path) -> None:
    """Two outputs beside each other share a cache: one's record of what it wrote, moved to
    the other's key or to another kind, must be taken for no record at all."""
    content = write_archive(tmp_path / "content")
    one, two = tmp_path / "one", tmp_path / "two"
    assert site_gen(*build_args(content, one, "--no-search")).returncode == 0
    _edit(content / BOARD_ONE, "potholes", "potholes SECOND-OUTPUT")
    assert site_gen(*build_args(content, two, "--no-search")).returncode == 0
    with sqlite3.connect(_cache_db(one)) as db:
        rows = db.execute("SELECT kind, key, digest, data FROM entries").fetchall()
        kinds = {kind for kind, *_ in rows}
        assert {"memo", "written"} <= kinds, kinds
        by = {(kind, key): (digest, data) for kind, key, digest, data in rows}
        keys = sorted({key for kind, key in by if kind == "written"})
        assert len(keys) == 2, keys
        first, second = keys
        for kind in ("memo", "written"):  # each output's records given to the other
            a, b = by[(kind, first)], by[(kind, second)]
            db.execute(
                "UPDATE entries SET digest=?, data=? WHERE kind=? AND key=?", (*b, kind, first)
            )
            db.execute(
                "UPDATE entries SET digest=?, data=? WHERE kind=? AND key=?", (*a, kind, second)
            )
    for out in (one, two):
        run = site_gen(*build_args(content, out, "--no-search"))
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
        assert tree(out) == _cold(content, tmp_path / "cold")


# A person at more than 100 meetings: the page lists the latest 100 and counts the rest by
# year and group. Withheld meetings sit in years of their own, so a year or a count that
# shows one is a leak.
def _big_archive(content: Path) -> None:
    write_archive(content)
    board, finance = content / "meetings/board", content / "meetings/finance"
    shutil.rmtree(board)
    shutil.rmtree(finance)
    board.mkdir()
    finance.mkdir()

    def minutes(folder: Path, day: str, number: int, status: str, who: str, body: str) -> None:
        (folder / f"{day}.md").write_text(
            f"---\ndate: {day}\nnumber: {number}\nstatus: {status}\nattendance:\n"
            f"  - label: Present\n    kind: present\n    people:\n      - {who}\n"
            f"      - Bob Second\n---\n\n## Item 1: Notes\n\n{body}\n",
            encoding="utf-8",
        )

    number = 0
    for year in (2020, 2021, 2022, 2023):
        for month in range(1, 13):
            for day in (3, 17):
                number += 1
                # Known by an alias in some minutes; both groups meet on the same day.
                who = "Ann Old" if day == 17 and year == 2021 else "Ann Owner"
                minutes(board, f"{year}-{month:02d}-{day:02d}", number, "approved", who, "B")
                if year == 2022 and day == 3:
                    minutes(finance, f"{year}-{month:02d}-{day:02d}", number, "approved", who, "F")
    for month in range(1, 7):  # a year of drafts only
        minutes(board, f"2019-{month:02d}-05", 900 + month, "draft", "Ann Owner", "DRAFT-BODY")
    (content / "people.yaml").write_text(
        (content / "people.yaml")
        .read_text(encoding="utf-8")
        .replace("  - name: Ann Owner\n", "  - name: Ann Owner\n    aliases: [Ann Old]\n", 1),
        encoding="utf-8",
    )


def _meetings_by_year(page: str) -> dict[str, str]:
    # A year with none of its meetings listed has no link to them.
    rows = r'<th scope="row">(?:<a href="#meetings-\d{4}">)?(\d{4})(?:</a>)?</th>'
    rows += r'<td data-label="Meetings">(\d+)<'
    return dict(re.findall(rows, page))


def test_person_page_counts_by_year_show_no_withheld_meeting(tmp_path: Path) -> None:
    content = tmp_path / "content"
    _big_archive(content)
    out = tmp_path / "site"
    run = site_gen(*build_args(content, out, "--no-cache"))
    assert run.returncode == 0, run.stderr
    page = (out / "people/ann-owner.html").read_text(encoding="utf-8")
    assert "Meetings by year" in page
    assert "2019" not in page  # the year of drafts only
    assert "DRAFT-BODY" not in page
    board = (out / "groups/board/index.html").read_text(encoding="utf-8")
    assert 'id="year-2019"' not in board
    # Every meeting counted once, as Ann or as Ann Old; both groups' meetings on one day.
    assert _meetings_by_year(page) == {"2023": "24", "2022": "36", "2021": "24", "2020": "24"}
    assert "The latest 100 of 108 meetings" in page
    finance = (out / "groups/finance/index.html").read_text(encoding="utf-8")
    for year, group_page in ((2020, board), (2021, board), (2022, finance), (2023, board)):
        assert f'id="year-{year}"' in group_page  # the anchors the counts link to
    _nowhere(out, "DRAFT-BODY")
    drafts = tmp_path / "drafts"
    run = site_gen(*build_args(content, drafts, "--no-cache", "--drafts"))
    assert run.returncode == 0, run.stderr
    previewed = _meetings_by_year((drafts / "people/ann-owner.html").read_text(encoding="utf-8"))
    assert previewed["2019"] == "6"  # what --drafts adds, and only then


def test_serve_keeps_person_counts_by_year_as_a_cold_build_writes_them(tmp_path: Path) -> None:
    """Reloads that replace one meeting in the kept model: a meeting of the counted years
    made a draft and back, an attendee changed, a person renamed with the old name an alias."""
    if not SITE_GEN.is_file():
        pytest.skip("the site-gen script is not installed")
    content = tmp_path / "content"
    _big_archive(content)
    out, cold_out = tmp_path / "preview", tmp_path / "cold"
    meeting = content / "meetings/finance/2022-06-03.md"

    def people_renamed(content: Path, out: Path) -> None:
        _edit(
            content / "people.yaml",
            "  - name: Ann Owner\n    aliases: [Ann Old]\n",
            "  - name: Ann Newname\n    aliases: [Ann Old, Ann Owner]\n",
        )

    steps: list[Step] = [
        lambda c, o: _edit(meeting, "status: approved", "status: draft"),
        lambda c, o: _edit(meeting, "status: draft", "status: approved"),
        lambda c, o: _edit(meeting, "      - Ann Owner\n", "      - Ann Old\n"),
        lambda c, o: _edit(meeting, "      - Ann Old\n", ""),
        people_renamed,
    ]
    with serving(content, "--out", str(out), "--no-drafts") as server:
        _settles_as_cold(out, _cold(content, cold_out))
        for step in steps:
            step(content, out)
            _settles_as_cold(out, _cold(content, cold_out))
        assert server.process.poll() is None, "".join(server.lines)
    page = (out / "people/ann-newname.html").read_text(encoding="utf-8")
    assert _meetings_by_year(page)["2022"] == "35"  # the finance meeting she left
    assert "Traceback" not in "".join(server.lines), "".join(server.lines)


def test_hidden_files_of_a_themes_static_folder_are_not_published(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    theme = tmp_path / "theme"
    static = theme / "static"
    (static / ".git").mkdir(parents=True)
    (static / "extra.css").write_text("body { color: black }\n", "utf-8")
    (static / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1 SECRET-FOLDER-LISTING")
    (static / ".extra.css.swp").write_bytes(b"b0VIM SECRET-SWAP")
    (static / ".git" / "config").write_text("[remote] url = SECRET-REMOTE\n", "utf-8")
    out = tmp_path / "site"
    run = site_gen(*build_args(content, out, "--no-cache", "--no-search", "--templates", theme))
    assert run.returncode == 0, run.stderr
    published = tree(out)
    assert any(name.endswith("extra.css") for name in published)
    hidden = [name for name in published if "/." in f"/{name}"]
    assert hidden == [".site-gen"], hidden  # the output's own mark, and no theme file
    _nowhere(out, "SECRET-FOLDER-LISTING", "SECRET-SWAP", "SECRET-REMOTE")

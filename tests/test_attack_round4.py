"""Attacks, round 4, on what this session changed: a build with nothing changed replays
without reading the content (told by each file's state on disk), the pages rendered on
every core, the cache's decoders specialised per dataclass, and the leaner parse.

Every check runs the real `site-gen` command on an archive written here, and compares what
it wrote with a cold `--no-cache` build of the same content. The replay's checks wait out
the window in which a file's state is not trusted (load.RACY_NS) once for all their
archives, so that each edit is judged by the states alone, as a clerk's edit of yesterday
would be."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from site_gen import cache as build_cache
from site_gen.cache_codec import DecodeError, decode
from site_gen.cache_folder import KEY
from site_gen.incremental.session import BuildMemo, CachedParse, OutputRecord, WrittenBy
from site_gen.load import RACY_NS
from site_gen.parse.records import MeetingRecord
from tests.attack_archive import meeting, tree, write_archive
from tests.build_cli import ROOT, build_args, site_gen
from tests.test_cache_safety import sealed_with

BOARD_ONE = "meetings/board/2024-01-10.md"
BOARD_TWO = "meetings/board/2024-02-14.md"
# Two minutes of the same size, under the same name in two groups: swapped by renames,
# every file's size and name stays as it was.
TWIN_BOARD = "meetings/board/2024-04-10.md"
TWIN_FINANCE = "meetings/finance/2024-04-10.md"


def _twin(word: str) -> str:
    return meeting("2024-04-10", 4, f"## Item 1: Twins\n\n{word}-TWIN-BODY here.\n")


def _archive(content: Path) -> Path:
    write_archive(content)
    (content / TWIN_BOARD).write_text(_twin("BOARDS"), encoding="utf-8")
    (content / TWIN_FINANCE).write_text(_twin("FINANC"), encoding="utf-8")
    theme = content.parent / "theme"
    theme.mkdir()
    shutil.copyfile(ROOT / "templates" / "base.html", theme / "base.html")
    return content


def _build(content: Path, out: Path, *more: str) -> subprocess.CompletedProcess[str]:
    theme = content.parent / "theme"
    run = site_gen(*build_args(content, out, "--no-search", "--templates", theme, *more))
    assert "Traceback" not in run.stderr, run.stderr
    return run


def _cold(content: Path, where: Path, *more: str) -> tuple[int, dict[str, bytes]]:
    shutil.rmtree(where, ignore_errors=True)
    run = _build(content, where / "out", "--no-cache", *more)
    return run.returncode, tree(where / "out") if (where / "out").exists() else {}


def _kept(path: Path, old: bytes, new: bytes) -> None:
    """`old` replaced by `new` (of the same length) in place, the file's times set back as
    they were: its size and modification time are as before (a tool that keeps them)."""
    assert len(old) == len(new)
    before = path.stat()
    data = path.read_bytes()
    assert old in data, (path, old)
    path.write_bytes(data.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _saved_atomically(path: Path, old: bytes, new: bytes) -> None:
    """An editor's atomic save: the new text written beside, renamed over the file, with
    the old modification time (and the same size)."""
    before = path.stat()
    data = path.read_bytes()
    beside = path.with_name(f".{path.name}.swp~")
    beside.write_bytes(data.replace(old, new, 1))
    os.utime(beside, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(beside, path)
    assert path.stat().st_size == before.st_size


def _swapped(content: Path, one: str, two: str) -> None:
    aside = content / "aside.tmp"
    os.rename(content / one, aside)
    os.rename(content / two, content / one)
    os.rename(aside, content / two)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _restored_from_backup(content: Path) -> None:
    """`cp -a` of the meetings folder put back over an edited one (old times, new inodes)."""
    shutil.rmtree(content / "meetings")
    subprocess.run(
        ["cp", "-a", str(content.parent / "backup"), str(content / "meetings")], check=True
    )


def _git(content: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.org",
        "GIT_COMMITTER_NAME": "Clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.org",
    }
    subprocess.run(["git", "-C", str(content), *args], check=True, capture_output=True, env=env)


def _prepare_backup(content: Path) -> None:
    subprocess.run(
        ["cp", "-a", str(content / "meetings"), str(content.parent / "backup")], check=True
    )
    _edit(content / BOARD_ONE, "potholes", "potholes BACKED-UP-LATER")


def _prepare_git(content: Path) -> None:
    _git(content, "init", "-q")
    _git(content, "add", "-A")
    _git(content, "commit", "-q", "-m", "first")
    _edit(content / BOARD_ONE, "potholes", "potholes GIT-NEWER")
    _git(content, "commit", "-q", "-am", "second")


def _output_page_linked(content: Path) -> None:
    page = _out(content) / "index.html"
    page.rename(content.parent / "moved.html")
    page.symlink_to(content.parent / "moved.html")


def _out(content: Path) -> Path:
    return content.parent / "site" / "out"


Edit = Callable[[Path], object]
# Each change to a built archive that the next build must see, by what a clerk or an enemy
# does; with what must then be in no output file.
CHANGES: dict[str, tuple[Edit, tuple[str, ...]]] = {
    "minutes edited, size and times kept": (
        lambda c: _kept(c / BOARD_ONE, b"potholes", b"POTHOLES"),
        (),
    ),
    "minutes saved atomically, size and time kept": (
        lambda c: _saved_atomically(c / BOARD_TWO, b"on lamps", b"ON LAMPS"),
        (),
    ),
    "two minutes of equal size swapped by renames": (
        lambda c: _swapped(c, TWIN_BOARD, TWIN_FINANCE),
        (),
    ),
    "meetings folder put back from a backup (cp -a)": (_restored_from_backup, ("BACKED-UP-LATER",)),
    "minutes restored from git": (
        lambda c: _git(c, "checkout", "-q", "HEAD~1", "--", BOARD_ONE),
        ("GIT-NEWER",),
    ),
    "people.yaml edited, size and times kept": (
        lambda c: _kept(c / "people.yaml", b"affiliation: Clerk", b"affiliation: Clark"),
        (),
    ),
    "a group file edited, size and times kept": (
        lambda c: _kept(c / "groups/board.yaml", b"role: Chair", b"role: Chaz!"),
        (),
    ),
    "site.yaml edited, size and times kept": (
        lambda c: _kept(c / "site.yaml", b"Attack parish", b"Attack burgh!"),
        (),
    ),
    "a theme template edited, size and times kept": (
        lambda c: _kept(c.parent / "theme" / "base.html", b"<footer", b"<FOOTER"),
        (),
    ),
    "a paper edited, size and times kept": (
        lambda c: _kept(c / "papers" / "survey.pdf", b"survey", b"SURVEY"),
        (),
    ),
    "a paper deleted": (lambda c: (c / "papers" / "survey.pdf").unlink(), ()),
    "a paper replaced by rename, size and time kept": (
        lambda c: _saved_atomically(c / "papers" / "survey.pdf", b"survey", b"SURVEY"),
        (),
    ),
    "minutes added": (
        lambda c: (c / "meetings/board/2024-05-15.md").write_text(
            meeting("2024-05-15", 5, "## Item 1: New\n\nADDED-BODY\n"), encoding="utf-8"
        ),
        (),
    ),
    "minutes deleted": (lambda c: (c / TWIN_FINANCE).unlink(), ("FINANC-TWIN-BODY",)),
    "minutes made draft": (
        lambda c: _edit(c / BOARD_TWO, "status: approved", "status: draft"),
        ("BOARD-TWO-BODY", "BOARD-TWO-ACTION", "BOARD-TWO-NOTE"),
    ),
    "an action list made confidential": (
        lambda c: _edit(
            c / BOARD_TWO,
            "Actions:\n\n- Bob Second to BOARD-TWO-ACTION order bulbs (2.1)\n",
            "::: confidential Contracts\nActions:\n\n"
            "- Bob Second to BOARD-TWO-ACTION order bulbs (2.1)\n:::\n",
        ),
        ("BOARD-TWO-ACTION",),
    ),
    "an output page edited by hand": (
        lambda c: (_out(c) / "index.html").write_text("DEFACED", encoding="utf-8"),
        ("DEFACED",),
    ),
    "an output page deleted by hand": (lambda c: (_out(c) / "index.html").unlink(), ()),
    "a file added to the output by hand": (
        lambda c: (_out(c) / "planted.html").write_text("PLANTED", encoding="utf-8"),
        ("PLANTED",),
    ),
    "an output page replaced by a link": (_output_page_linked, ()),
}
PREPARE: dict[str, Edit] = {
    "meetings folder put back from a backup (cp -a)": _prepare_backup,
    "minutes restored from git": _prepare_git,
}


def _as_written(content: Path) -> str:
    """A digest of the content and theme files' names and bytes (not git's own)."""
    h = hashlib.blake2b()
    for root in (content, content.parent / "theme"):
        for name, data in sorted(tree(root).items()):
            if not name.startswith(".git/"):
                h.update(f"{root.name}/{name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def _wait_out_the_racy_window() -> None:
    time.sleep(RACY_NS / 1e9 + 0.3)


def _withheld_in(out: Path, words: tuple[str, ...]) -> list[tuple[str, str]]:
    found = tree(out) if out.exists() else {}
    return [(word, name) for name, data in found.items() for word in words if word.encode() in data]


def test_every_change_after_a_trusted_build_gives_the_cold_builds_output(tmp_path: Path) -> None:
    """Each archive is built until the cache trusts its files' states, then changed as a
    clerk (or an enemy) would, waited on so the change is judged by the states alone, and
    built again: the output is the cold build's, and nothing withheld is anywhere in it."""
    contents = {name: _archive(tmp_path / f"a{n}" / "content") for n, name in enumerate(CHANGES)}
    for name, content in contents.items():
        if name in PREPARE:
            PREPARE[name](content)
    _wait_out_the_racy_window()
    for content in contents.values():  # files older than the window: their states recorded
        assert _build(content, _out(content)).returncode == 0
    before = {name: tree(_out(content)) for name, content in contents.items()}
    for name, content in contents.items():
        CHANGES[name][0](content)
    _wait_out_the_racy_window()
    wrong = []
    colds: dict[str, tuple[int, dict[str, bytes]]] = {}
    for name, content in contents.items():
        run = _build(content, _out(content))
        same = _as_written(content)  # archives left as they were share one cold build
        if same not in colds:
            colds[same] = _cold(content, content.parent / "cold")
        code, cold = colds[same]
        # A change a cold build refuses (a paper gone) fails here too, the output left.
        expected = cold if code == 0 else before[name]
        if (run.returncode, tree(_out(content))) != (code, expected):
            wrong.append(name)
        assert _withheld_in(_out(content), CHANGES[name][1]) == [], name
        # A cold build makes files, never links (which tree() reads through).
        assert [p for p in _out(content).rglob("*") if p.is_symlink()] == [], name
    assert wrong == []


def test_an_edit_within_the_same_second_as_the_last_is_never_missed(tmp_path: Path) -> None:
    """Built, edited, built at once, edited again in the same second keeping size and
    times, then built after the racy window: the second edit is in the output."""
    content = _archive(tmp_path / "content")
    out = _out(content)
    _wait_out_the_racy_window()
    assert _build(content, out).returncode == 0
    assert _build(content, out).returncode == 0  # trusted now
    _kept(content / BOARD_ONE, b"potholes", b"POTHOLEs")
    assert _build(content, out).returncode == 0
    _kept(content / BOARD_ONE, b"POTHOLEs", b"POTHOLES")
    _wait_out_the_racy_window()
    assert _build(content, out).returncode == 0
    assert tree(out) == _cold(content, tmp_path / "cold")[1]
    assert b"POTHOLES" in b"".join(tree(out).values())


# The cache's entries forged with the owner's own key (as if it had leaked, or as a bug
# might write them): each damaged in its types, which no decoder may take. ---------------


def _nodes(
    value: object, at: tuple[int | str, ...] = ()
) -> list[tuple[tuple[int | str, ...], object]]:
    """Every value inside `value` (JSON), with where it is."""
    found: list[tuple[tuple[int | str, ...], object]] = [(at, value)]
    if isinstance(value, list):
        for n, item in enumerate(value):
            found += _nodes(item, (*at, n))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*at, key))
    return found


def _put_at(value: object, at: tuple[int | str, ...], new: object) -> object:
    if not at:
        return new
    holder: Any = value
    for step in at[:-1]:
        holder = holder[step]
    holder[at[-1]] = new
    return value


# What no declared type takes in place of a value of each JSON kind: a list for a string,
# a number for a string or an enum, an int for a bool, a bool for an int, a dict for a
# dataclass or a tuple, a list for a dict.
def _wrong(node: object) -> object | None:
    if isinstance(node, bool):
        return int(node)
    if isinstance(node, int):
        return True
    if isinstance(node, str):
        return [node] if len(node) % 2 else 7
    if isinstance(node, list):
        return {"forged": node}
    if isinstance(node, dict):
        return [*node]
    return None


def _forged(data: bytes, choice: int) -> bytes:
    """One value inside the entry `data` replaced by one of a wrong type; or, for some
    choices, the record's own fields one too many or one too few, or nested past reason."""
    value = json.loads(data)
    record = value[1]
    if choice % 5 == 3 and isinstance(record, list):
        record.append(record[-1] if record else None)  # an extra field
    elif choice % 5 == 4 and isinstance(record, list) and record:
        record.pop()  # a field missing
    elif choice % 11 == 10:
        return b'["' + b'x", ' + b"[" * 200_000 + b"]" * 200_000 + b"]"
    else:
        candidates = [(at, node) for at, node in _nodes(record, (1,)) if _wrong(node) is not None]
        at, node = candidates[(choice * 7919) % len(candidates)]
        value = _put_at(value, at, _wrong(node))
    return json.dumps(value).encode()


KINDS: dict[str, type] = {
    "meeting": CachedParse,
    "output": OutputRecord,
    "memo": BuildMemo,
    "written": WrittenBy,
}
NAMES: dict[str, object] = {"MeetingRecord": MeetingRecord}


def _cache_db(out: Path) -> Path:
    return out.parent / build_cache.DEFAULT_NAME / build_cache.DATABASE


def test_entries_sealed_with_the_owners_key_but_of_wrong_types_are_refused(
    tmp_path: Path,
) -> None:
    content = _archive(tmp_path / "content")
    out = _out(content)
    assert _build(content, out, "--jobs", "1").returncode == 0
    _edit(content / BOARD_TWO, "on lamps", "on lamps EDITED-SINCE")  # a build with work to do
    code, cold = _cold(content, tmp_path / "cold")
    assert code == 0
    secret = (out.parent / build_cache.DEFAULT_NAME / KEY).read_bytes()
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(_cache_db(out), backup)
    with sqlite3.connect(backup) as db:
        rows = db.execute("SELECT kind, key, data FROM entries").fetchall()
    assert {kind for kind, _, _ in rows} >= {"meeting", "output", "memo", "written"}
    for kind, key, data in rows:
        stored = sqlite3.connect(backup).execute(
            "SELECT digest FROM entries WHERE kind = ? AND key = ?", (kind, key)
        )
        assert stored.fetchone()[0] == sealed_with(secret, kind, key, bytes(data))
        for choice in range(150):  # the decoders themselves, on many more forgeries
            with pytest.raises(DecodeError):
                decode(tuple[str, KINDS[kind]], _forged(bytes(data), choice), NAMES)  # type: ignore[valid-type]
    for round_ in range(6):
        shutil.copyfile(backup, _cache_db(out))
        with sqlite3.connect(_cache_db(out)) as db:
            for n, (kind, key, data) in enumerate(rows):
                bad = _forged(bytes(data), round_ * 13 + n)
                db.execute(
                    "UPDATE entries SET digest = ?, data = ? WHERE kind = ? AND key = ?",
                    (sealed_with(secret, kind, key, bad), bad, kind, key),
                )
        run = _build(content, out, "--jobs", "1")
        assert run.returncode == 0, run.stderr
        assert tree(out) == cold, round_


# Minutes in unusual forms, built by the code before this round and by this one. ------------------

ODD_PEOPLE = """\
people:
  - &ann {name: Ann Owner, affiliation: Clerk, aliases: [A. Owner, AO]}
  - name: Bob Second
  - name: "Siân Ó\\u200dSúilleabháin"
bodies:
  - name: Highways Office
"""
ODD_GROUP = (
    "name: Board\ndescription: >-\n  The board,\n  folded over lines.\n"
    "members:\n  - name: Ann Owner\n    role: Chair\n  - Bob Second\n"
)

ODD_FRONT = """\
---
date: 2024-{month}-05
number: {number}
status: approved
attendance:
  - &present
    label: "Present\\u2028(members)"
    kind: present
    people: &who
      - Ann Owner
      - "Bob Second, Treasurer"
  - label: Observing
    kind: observer
    people: [{{body: Highways Office}}]
action_updates:
  "{earlier}":
    status: closed
    note: |
      Done in full.
      Second line of the note.
  "{mentioned}":
    status: in progress
    note: >
      folded
      note
"""

ODD_BODIES = [
    # Actions in every listed form, with HTML blocks, decisions and references.
    "## Item 1: Roads\u00a0and\u2009lanes\n\n"
    '<div class="note">\n\nHTML-BLOCK *inside* a div\n\n</div>\n\n'
    "<!-- Actions:\n- Ann Owner to COMMENTED-OUT thing (9.9)\n-->\n\n"
    "Agreed: ODD-DECISION the lane is mended (D{n}.1)\n\n"
    "Actions:\n\n"
    "1. Ann Owner to NUMBERED-ACTION write (\u200b{n}.1)\n"
    "* Bob Second and Ann Owner to JOINT-ACTION meet ({n}.2)\n"
    "+ AO: ALIAS-ACTION the letters\n"
    "- Highways Office to BODY-ACTION resurface\n  with a lazy\ncontinuation\n"
    "- Ann Owner to NESTED-ACTION sort\n  - a nested note\n\n"
    "Action: Bob Second to MARKER-ACTION order bulbs\n\n"
    "[AI:Ann Owner] BRACKET-ACTION count the lamps\n\n"
    "As decision D{n}.1 says, and actions {earlier} and {mentioned}, see resolution D{n}.\n",
    # Withheld parts and odd whitespace.
    "## Item 1:\tTabs\there\n\n\tindented\tcode with tabs\n\n"
    "::: confidential Staffing\nCONFIDENTIAL-TEXT here.\n\n"
    "Agreed: CONFIDENTIAL-DECISION (D{n}.2)\n\n"
    "Actions:\n\n- Ann Owner to CONFIDENTIAL-ACTION ({n}.3)\n:::\n\n"
    "::: exempt Legal\nEXEMPT-TEXT\n:::\n\n"
    "## 1. Matters arising\n\n"
    "- {earlier} Ann Owner to write to the council (done)\n"
    "- {mentioned} Bob Second to count the lamps\n  - Status: in progress\n"
    "- Sam: ask the school about parking\n  Status: done, the school agreed\n\n"
    "## New actions\n\n- Bob Second - DASH-ACTION sweep ({n}.4)\n- (AO) INITIALS-ACTION mop\n"
    "Line\u2028separated\u0085next\x0cform feed \U0001f600 e\u0301 \u202eRTL\u202c\n",
]
# Minutes whose problems both codes must report alike (path, line, words).
ODD_PROBLEMS = {
    "meetings/board/2024-07-05.md": "---\ndate: 2024-07-05\nnumber: 7\nstatus: approved\n"
    'attendance:\n  - label: "A\\u2028B"\n    kind: present\n'
    "    people:\n\t- Ann Owner\n---\n\nx\n",
    "meetings/board/2024-08-05.md": "---\ndate: 2024-08-05\nnumber: 8\nstatus: approved\n"
    'title: "x\u2028y"\nnumber: 9\n---\n\nActions:\n\n- Nobody Known to UNKNOWN-OWNER (8.1)\n',
    "meetings/board/2024-09-05.md": (
        "\ufeff---\r\ndate: 2024-09-31\r\nnumber: 9\r\n---\r\n\r\nx\r\n"
    ),
}


def _odd_archive(content: Path, broken: bool) -> Path:
    files = {
        "site.yaml": "title: Odd parish\nlanguage: en\n",
        "people.yaml": ODD_PEOPLE,
        "groups/board.yaml": ODD_GROUP,
    }
    for n, body in enumerate(ODD_BODIES * 3, start=1):
        front = ODD_FRONT.format(
            month=f"{n:02d}", number=n, earlier=f"{max(n - 1, 1)}.1", mentioned=f"{n + 3}.2"
        )
        text = (
            front
            + "---\n\n"
            + body.format(n=n, earlier=f"{max(n - 1, 1)}.1", mentioned=f"{n + 3}.2")
        )
        if n % 2:  # a Windows editor's save: a BOM and CRLF
            text = "\ufeff" + text.replace("\n", "\r\n")
        files[f"meetings/board/2024-{n:02d}-05.md"] = text
    if broken:
        files.update(ODD_PROBLEMS)
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return content


def _normalised(said: str, *folders: Path) -> str:
    for folder in folders:
        said = said.replace(str(folder), "FOLDER")
    return said


# The code before this round's parse, cache and render changes (their first commit's parent):
# the differential's other side, while the repository holds it.
BEFORE = "7a538f1"


def _code_before(where: Path) -> Path:
    """The code before this round, as a scratch export."""
    known = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{BEFORE}^{{commit}}"], capture_output=True
    )
    if known.returncode != 0:
        pytest.skip("the code before this round is not in this repository")
    where.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BEFORE], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive.stdout, check=True)
    return where


def _built_by(
    code: Path, content: Path, out: Path, *more: str
) -> tuple[int, str, dict[str, bytes]]:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_gen.cli",
            *map(str, build_args(content, out, "--no-search", *more)),
        ],
        capture_output=True,
        text=True,
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        check=False,
    )
    assert "Traceback" not in run.stderr, run.stderr
    said = _normalised(run.stderr, out, content)
    return run.returncode, said, tree(out) if out.exists() else {}


@pytest.mark.parametrize("broken", [False, True], ids=["builds", "refused"])
def test_unusual_minutes_give_the_records_problems_and_pages_of_the_code_before(
    tmp_path: Path, broken: bool
) -> None:
    """BOM and CRLF, anchors and block strings in front matter, tabs, odd Unicode (line and
    paragraph separators, NEL, form feed, joiners, bidi controls), HTML blocks, actions in
    every form, withheld parts, decisions referenced: the code before this round and now, any
    number of workers, and a cached build after an edit, all alike."""
    before = _code_before(tmp_path / "before")
    content = _odd_archive(tmp_path / "content", broken)
    theirs = _built_by(
        before, content, tmp_path / "before-site" / "out", "--no-cache", "--jobs", "1"
    )
    ours = _built_by(ROOT, content, tmp_path / "ours" / "out", "--no-cache", "--jobs", "3")
    assert ours == theirs
    assert ours[0] == (1 if broken else 0)
    if broken:
        return
    words = ("CONFIDENTIAL-", "EXEMPT-TEXT", "COMMENTED-OUT")
    assert _withheld_in(tmp_path / "ours" / "out", words) == []
    cached = tmp_path / "cached" / "out"
    assert _built_by(ROOT, content, cached, "--jobs", "2")[0] == 0
    _edit(content / "meetings/board/2024-01-05.md", "HTML-BLOCK", "HTML-BLOCK EDITED")
    again = _built_by(ROOT, content, cached, "--jobs", "2")
    assert again == _built_by(ROOT, content, tmp_path / "cold" / "out", "--no-cache", "--jobs", "1")


# Pages rendered on every core. -----------------------------------------------------------


def _generated(where: Path, meetings: int) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.corpus",
            "--meetings",
            str(meetings),
            "--out",
            str(where),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return where


def _failing_theme(theme: Path) -> Path:
    """meeting.html failing on a few meetings' pages in the middle of the build (those
    whose previous meeting's date ends in 7), fine on the rest."""
    theme.mkdir(parents=True)
    text = (ROOT / "templates" / "meeting.html").read_text(encoding="utf-8")
    trap = (
        '{% if previous and (previous.date|string)[-1:] == "7" %}{{ no_such.attribute }}{% endif %}'
    )
    assert "{% block breadcrumbs %}" in text
    text = text.replace("{% block breadcrumbs %}", "{% block breadcrumbs %}" + trap, 1)
    (theme / "meeting.html").write_text(text, encoding="utf-8")
    return theme


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_template_failing_on_pages_in_the_middle_is_reported_and_writes_nothing(
    tmp_path: Path, jobs: str
) -> None:
    content = _generated(tmp_path / "content", 40)
    out = tmp_path / "site" / "out"
    assert site_gen(*build_args(content, out, "--no-search", "--jobs", jobs)).returncode == 0
    before = tree(out)
    theme = _failing_theme(tmp_path / "theme")
    run = site_gen(*build_args(content, out, "--no-search", "--jobs", jobs, "--templates", theme))
    assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert errors, run.stderr
    for line in errors:
        assert re.fullmatch(r".+meeting\.html:\d+: error: template error: .+", line), line
    assert tree(out) == before
    left = [p.name for p in out.parent.iterdir() if p.name not in ("out", build_cache.DEFAULT_NAME)]
    assert left == []


def test_a_build_killed_while_rendering_then_run_again_gives_the_cold_output(
    tmp_path: Path,
) -> None:
    content = _generated(tmp_path / "content", 60)
    out = tmp_path / "site" / "out"
    command = [
        sys.executable,
        "-m",
        "site_gen.cli",
        *map(str, build_args(content, out, "--no-search", "--jobs", "3")),
    ]
    killed = 0
    for delay in (0.8, 1.6):  # killed at two points of its work, with its workers
        started = subprocess.Popen(
            command,
            cwd=ROOT,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if started.poll() is None:
            os.killpg(started.pid, signal.SIGKILL)
        killed += started.wait() == -signal.SIGKILL
    assert killed  # at least once it was at work
    run = site_gen(*build_args(content, out, "--no-search", "--jobs", "2"))
    assert run.returncode == 0, run.stderr
    cold = tmp_path / "cold" / "out"
    for jobs in ("1", "3"):
        shutil.rmtree(cold.parent, ignore_errors=True)
        made = site_gen(*build_args(content, cold, "--no-search", "--no-cache", "--jobs", jobs))
        assert made.returncode == 0, made.stderr
        assert tree(out) == tree(cold), jobs
    left = [p.name for p in out.parent.iterdir() if p.name not in ("out", build_cache.DEFAULT_NAME)]
    assert left == []


@pytest.mark.xfail(
    strict=True,
    reason="found, not fixed: YAML counts NEL, U+2028 and U+2029 as line breaks (a cp1252 "
    "ellipsis decoded as Latin-1 is a NEL), so every problem after one is reported a "
    "line further down for each; the code before this round does the same",
)
def test_a_line_separator_in_front_matter_moves_no_problem_off_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "meetings/board").mkdir(parents=True)
    (content / "groups").mkdir()
    (content / "groups/board.yaml").write_text("name: Board\n", encoding="utf-8")
    (content / "site.yaml").write_text("title: T\n", encoding="utf-8")
    minutes = (
        '---\ndate: 2024-03-05\ntitle: "Roads\u2028and\x85lanes"\nnumber: 3\nstatus: approved\n'
        "number: 4\n---\n\nText.\n"
    )
    (content / "meetings/board/2024-03-05.md").write_text(minutes, encoding="utf-8")
    run = site_gen(*build_args(content, _out(content), "--no-cache", "--no-search"))
    assert run.returncode == 1
    assert "2024-03-05.md:6: error: 'number' is given twice (first on line 4)" in run.stderr


def test_a_build_without_the_cache_never_links_a_file_from_outside_the_output(
    tmp_path: Path,
) -> None:
    """A page put back as a link to the very same bytes outside the output folder: a
    --no-cache build compares bytes to keep a file, and must make a file of its own, never
    a hard link to the one outside (which would change the site whenever it changes)."""
    content = _archive(tmp_path / "content")
    out = _out(content)
    assert _build(content, out, "--no-cache").returncode == 0
    outside = tmp_path / "outside.html"
    (out / "index.html").rename(outside)
    (out / "index.html").symlink_to(outside)
    assert _build(content, out, "--no-cache").returncode == 0
    page = out / "index.html"
    assert not page.is_symlink()
    assert page.stat().st_ino != outside.stat().st_ino
    outside.write_text("CHANGED-OUTSIDE", encoding="utf-8")
    assert b"CHANGED-OUTSIDE" not in page.read_bytes()


def _non_optional(hint: object, data: object, at: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    """Where in `data` (JSON of `hint`) a value is declared never to be null: through
    records and the items of tuples, as far as the data goes."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(data, list):
        hints = typing.get_type_hints(hint, localns=NAMES)
        found = []
        for n, field in enumerate(f for f in dataclasses.fields(hint) if f.init):
            if type(None) not in typing.get_args(hints[field.name]):
                found.append((*at, n))
            found += _non_optional(hints[field.name], data[n], (*at, n))
        return found
    if origin is tuple and isinstance(data, list) and data:
        item = args[0] if len(args) == 2 and args[1] is Ellipsis else None
        if item is not None:
            return _non_optional(item, data[0], (*at, 0))
    if type(None) in args and data is not None:
        return _non_optional(next(a for a in args if a is not type(None)), data, at)
    return []


def test_null_where_a_value_is_declared_is_refused(tmp_path: Path) -> None:
    """Every entry of a built archive's cache, with null put in each place its type says
    may never be null (nested records and tuples' items too): the decoders refuse it."""
    content = _archive(tmp_path / "content")
    out = _out(content)
    assert _build(content, out, "--jobs", "1").returncode == 0
    with sqlite3.connect(_cache_db(out)) as db:
        rows = db.execute("SELECT kind, key, data FROM entries").fetchall()
    tried = 0
    for kind, _, data in rows:
        value = json.loads(data)
        for at in _non_optional(KINDS[kind], value[1]):
            forged = _put_at(json.loads(data), (1, *at), None)
            with pytest.raises(DecodeError):
                decode(tuple[str, KINDS[kind]], json.dumps(forged).encode(), NAMES)  # type: ignore[valid-type]
            tried += 1
    assert tried > 100, tried

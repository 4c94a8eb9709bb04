"""Attacks on the real `site-gen serve`: a process on a free port, its watcher on real files,
edits made as editors make them (an atomic rename, swap files, two saves in quick succession,
a meeting moved to another group's folder, a new group, a published meeting made a draft).
After each, the folder serve writes must come to equal what a cold `--no-cache` build of the
same content writes, and the page served must show it. Waits are bounded, never expected."""

from __future__ import annotations

import os
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from site_gen.pipeline import BuildOptions, build
from tests.attack_archive import tree, write_archive
from tests.test_serve import WAIT, serving

Step = Callable[[Path], None]


def _replace(content: Path, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    temporary = path.with_name(f".{path.name}.swp")  # vim's swap file, left beside it
    temporary.write_bytes(b"b0VIM 9.0\x00" + text.encode())
    saved = path.with_name(f".~{path.name}.tmp")  # then saved by an atomic rename
    saved.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(saved, path)
    temporary.unlink()


def _two_saves(content: Path) -> None:
    path = content / "meetings/finance/2024-02-21.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("on accounts", "FIRST-SAVE"), encoding="utf-8")
    time.sleep(0.02)  # within the watcher's debounce
    path.write_text(text.replace("on accounts", "SECOND-SAVE"), encoding="utf-8")


def _move(content: Path) -> None:
    (content / "meetings/board/2024-03-20.md").rename(content / "meetings/finance/2024-03-20.md")


def _new_group(content: Path) -> None:
    (content / "groups/planning.yaml").write_text(
        "name: Planning\nmembers: [Bob Second]\n", "utf-8"
    )
    folder = content / "meetings/planning"
    folder.mkdir()
    (folder / "2024-04-03.md").write_text(
        "---\ndate: 2024-04-03\nnumber: 1\nstatus: approved\n---\n\n## Item 1: Plans\n\n"
        "PLANNING-BODY\n",
        encoding="utf-8",
    )


STEPS: list[tuple[str, Step, str, str]] = [  # what, how, a page, a word it must show or not
    (
        "an atomic save beside a swap file",
        lambda c: _replace(c, "meetings/board/2024-02-14.md", "on lamps", "on ATOMIC lamps"),
        "groups/board/2024-02-14.html",
        "ATOMIC",
    ),
    ("two saves in quick succession", _two_saves, "groups/finance/2024-02-21.html", "SECOND-SAVE"),
    ("a meeting moved to another group", _move, "groups/finance/2024-03-20.html", "BOARD-THREE"),
    ("a new group and its folder", _new_group, "groups/planning/2024-04-03.html", "PLANNING-BODY"),
    (
        "a person renamed",
        lambda c: _replace(
            c,
            "people.yaml",
            "- name: Ann Owner\n",
            "- name: Ann Renamed\n    aliases: [Ann Owner]\n",
        ),
        "actions/index.html",
        "Ann Renamed",
    ),
    (
        "a published meeting made a draft",
        lambda c: _replace(c, "meetings/board/2024-02-14.md", "approved", "draft"),
        "groups/board/2024-02-14.html",
        "",  # gone, and its words nowhere
    ),
]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _differences(served: Path, cold: Path) -> list[str]:
    a, b = tree(served), tree(cold)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_serve_writes_what_a_cold_build_writes_after_each_kind_of_save(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    out = tmp_path / "preview"
    with serving(content, "--out", str(out), "--no-drafts") as server:
        for n, (what, step, page, word) in enumerate(STEPS):
            step(content)
            cold = tmp_path / f"cold-{n}"
            made = build(BuildOptions(content=content, out=cold, jobs=1, cache=False))
            assert not made.failed, (what, [p.format() for p in made.problems])
            deadline = time.monotonic() + WAIT
            while _differences(out, cold):  # the reload has come, and settled, or never will
                assert time.monotonic() < deadline, (what, _differences(out, cold)[:5])
                time.sleep(0.2)
            status, shown = _get(server.url + page)
            if word:
                assert status == 200 and word in shown, (what, status)
            else:
                assert status == 404, (what, status)
                assert b"BOARD-TWO" not in b"".join(tree(out).values()), what
            shutil.rmtree(cold)


def test_serve_reloads_a_meeting_read_through_a_link_when_the_file_linked_to_changes(
    tmp_path: Path,
) -> None:
    """A meeting that is a link to a file elsewhere in the content folder: the watcher sees
    that file change, under its own name, and the page must follow it."""
    content = write_archive(tmp_path / "content")
    real = content / "archive/2024-02-14.md"
    real.parent.mkdir()
    meeting = content / "meetings/board/2024-02-14.md"
    os.replace(meeting, real)
    meeting.symlink_to(Path("../../archive/2024-02-14.md"))
    with serving(content, "--out", str(tmp_path / "preview"), "--no-drafts") as server:
        real.write_text(real.read_text(encoding="utf-8").replace("on lamps", "on LINKED lamps"))
        cold = tmp_path / "cold"
        assert not build(BuildOptions(content=content, out=cold, jobs=1, cache=False)).failed
        deadline = time.monotonic() + WAIT
        while _differences(tmp_path / "preview", cold):
            assert time.monotonic() < deadline, _differences(tmp_path / "preview", cold)
            time.sleep(0.2)
        status, shown = _get(server.url + "groups/board/2024-02-14.html")
        assert status == 200 and "LINKED lamps" in shown

"""A build with nothing changed reads no content file: it tells the content unchanged by
each file's state on disk (load.content_stats), as the build that made the output found
it, and any edit, addition, deletion or rename, or a file the load would warn of, is seen.

A file changed in the last seconds is never judged by its state (an edit within the same
tick of the clock could leave it as it was), so these tests wait that long once or twice."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from site_gen.load import RACY_NS, content_stats
from site_gen.pipeline import BuildOptions, build
from tests.opened_files import opened


def _wait_out_the_racy_window() -> None:
    time.sleep(RACY_NS / 1e9 + 0.2)


def _meetings(content: Path) -> list[Path]:
    return sorted((content / "meetings").rglob("*.md"))


def _same_size_and_time(path: Path) -> None:
    """Change one letter, keeping the size and setting the times back, as a clerk's tool
    that restores them (or `cp -p`) does."""
    before = path.stat()
    text = path.read_bytes()
    at = text.index(b"the ", text.find(b"\n---\n", 4) + 1)  # in the minutes, if any
    path.write_bytes(text[:at] + b"thE " + text[at + 4 :])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_a_build_with_nothing_changed_opens_no_content_file(
    small_corpus_copy: Path, tmp_path: Path
) -> None:
    content = small_corpus_copy
    options = BuildOptions(content=content, out=tmp_path / "site" / "output", jobs=1)
    assert not build(options).failed
    _wait_out_the_racy_window()
    assert not build(options).failed  # records what it found before reading, now settled
    with opened() as files:
        again = build(options)
    assert again.site is None and again.written is not None  # replayed
    read = [path for path in files if Path(path).is_relative_to(content)]
    assert read == [], read
    # An edit that keeps the file's size and times is still built.
    edited = _meetings(content)[len(_meetings(content)) // 2]
    _same_size_and_time(edited)
    _wait_out_the_racy_window()
    made = build(options)
    assert made.site is not None and not made.failed
    assert any("thE " in meeting.body_html for meeting in made.site.meetings)


def _edits(meeting: Path) -> dict[str, Callable[[Path], object]]:
    """Each change a build must see, made in a content folder (a copy), by what it does."""
    relative = meeting.relative_to(meeting.parents[2])
    return {
        "edited, size and times kept": lambda c: _same_size_and_time(c / relative),
        "added": lambda c: shutil.copyfile(c / relative, (c / relative).with_name("new.md")),
        "deleted": lambda c: (c / relative).unlink(),
        "renamed": lambda c: (c / relative).rename((c / relative).with_name("moved.md")),
        "saved as .txt beside": lambda c: (c / relative).with_suffix(".txt").write_text("x"),
        "people.yaml, size and times kept": lambda c: _same_size_and_time(c / "people.yaml"),
        "a group added": lambda c: shutil.copyfile(c / "site.yaml", c / "groups" / "new.yaml"),
        "linked instead": lambda c: _linked(c / relative, c / "elsewhere.md"),
    }


def _linked(path: Path, target: Path) -> None:
    """The file moved aside and a link to it put in its place (the same text, read through
    a link)."""
    path.rename(target)
    path.symlink_to(target)


def test_every_change_to_the_content_changes_its_stats(small_corpus: Path, tmp_path: Path) -> None:
    edits = _edits(_meetings(small_corpus)[3])
    copies = {name: tmp_path / f"c{n}" for n, name in enumerate(["as it was", *edits])}
    for copy in copies.values():
        shutil.copytree(small_corpus, copy)
    _wait_out_the_racy_window()
    before = {name: content_stats(copy) for name, copy in copies.items()}
    assert None not in before.values()
    for name, edit in edits.items():
        edit(copies[name])
    assert content_stats(copies["added"]) is None  # just written: not judged by its state
    _wait_out_the_racy_window()
    assert content_stats(copies["as it was"]) == before["as it was"]
    unseen = [name for name in edits if content_stats(copies[name]) == before[name]]
    assert unseen == []

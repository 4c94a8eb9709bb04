"""Write stage: swaps a whole new site in, or leaves the old one as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.output_folder import MARKER, UnsafeOutput, check_output_folder
from site_gen.write import (
    Deferred,
    OutputRecord,
    WriteSummary,
    write_site,
)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_writes_files_and_marks_the_folder_as_ours(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = write_site([("index.html", b"home"), ("a/b.html", b"b")], out)
    assert tree(out) == {"index.html": b"home", "a/b.html": b"b", MARKER: tree(out)[MARKER]}
    assert (summary.files, summary.changed) == (2, 2)
    assert (out.stat().st_mode & 0o777) == 0o755  # a published site is readable


def test_rewrite_replaces_stale_files_and_counts_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site([("index.html", b"home"), ("old.html", b"old")], out)
    summary = write_site([("index.html", b"home"), ("new.html", b"new")], out)
    assert sorted(tree(out)) == [MARKER, "index.html", "new.html"]
    assert (summary.files, summary.changed) == (2, 1)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folders left


def test_a_failure_mid_write_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site([("index.html", b"v1"), ("page.html", b"v1")], out)
    before = tree(out)

    def failing() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"v2"
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_site(failing(), out)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize("name", ["../escape.html", "/etc/passwd", "a/../../b.html"])
def test_refuses_paths_outside_the_output(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="outside the output folder"):
        write_site([(name, b"x")], tmp_path / "out")
    assert not (tmp_path / "escape.html").exists()


def test_refuses_output_folders_it_must_not_replace(tmp_path: Path) -> None:
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    with pytest.raises(UnsafeOutput, match="holds the content folder"):
        check_output_folder(content, content, force=True)
    with pytest.raises(UnsafeOutput, match="holds the content folder"):
        check_output_folder(tmp_path / "site", content, force=True)
    with pytest.raises(UnsafeOutput, match="inside the content folder"):
        check_output_folder(content / "out", content, force=False)
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("precious")
    with pytest.raises(UnsafeOutput, match="not made by site_gen"):
        check_output_folder(foreign, content, force=False)
    check_output_folder(foreign, content, force=True)  # the author insisted
    (foreign / ".git").mkdir()
    with pytest.raises(UnsafeOutput, match="repository"):
        check_output_folder(foreign, content, force=True)  # never a repository, even forced
    check_output_folder(tmp_path / "new", content, force=False)


def test_unchanged_files_are_hard_links_to_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site([("same.html", b"same"), ("other.html", b"v1")], out)
    before = {p.name: p.stat().st_ino for p in out.iterdir()}
    summary = write_site([("same.html", b"same"), ("other.html", b"v2")], out)
    assert summary.changed == 1
    assert (out / "same.html").stat().st_ino == before["same.html"]  # not written again
    assert (out / "other.html").stat().st_ino != before["other.html"]
    assert (out / "same.html").stat().st_nlink == 1  # the old folder is gone


def test_a_recorded_file_is_kept_without_being_made(tmp_path: Path) -> None:
    out = tmp_path / "out"
    made: list[str] = []

    def page(name: str, key: str, data: bytes) -> tuple[str, Deferred]:
        return name, Deferred(lambda: made.append(name) or data, lambda: key)

    first = write_site([page("a.html", "k1", b"a"), page("b.html", "k1", b"b")], out)
    assert made == ["a.html", "b.html"]
    made.clear()
    second = write_site(
        [page("a.html", "k1", b"a"), page("b.html", "k2", b"b2")], out, previous=first.record
    )
    assert made == ["b.html"] and second.changed == 1
    assert (out / "a.html").read_bytes() == b"a" and (out / "b.html").read_bytes() == b"b2"


def test_one_changed_file_is_renamed_into_place_and_a_stray_file_forces_a_new_folder(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    files = [("a.html", b"a"), ("sub/b.html", b"b"), ("sub/c.html", b"c")]
    first = write_site(files, out)
    before = {name: (out / name).stat().st_ino for name in tree(out)}
    second = write_site([*files[:2], ("sub/c.html", b"c2")], out, previous=first.record)
    assert second.changed == 1 and (out / "sub/c.html").read_bytes() == b"c2"
    after = {name: (out / name).stat().st_ino for name in tree(out)}
    # Only that file is new: the others, the marker and the folder itself are as they were.
    assert {n for n in after if after[n] != before[n]} == {"sub/c.html"}
    assert sorted(tree(out)) == sorted([MARKER, "a.html", "sub/b.html", "sub/c.html"])
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert second.record is not None
    third = write_site([*files[:2], ("sub/c.html", b"c2")], out, previous=second.record)
    assert third.changed == 0  # the record of the renamed file is right
    (out / "stray.html").write_bytes(b"not ours")
    fourth = write_site([*files[:2], ("sub/c.html", b"c3")], out, previous=third.record)
    assert fourth.changed == 1 and not (out / "stray.html").exists()
    assert (out / "sub/c.html").read_bytes() == b"c3"


def test_finish_runs_on_a_changed_site_and_its_files_are_kept_when_nothing_changed(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    calls: list[Path] = []

    def index(staging: Path) -> None:
        calls.append(staging)
        (staging / "search.json").write_text(str(sorted(p.name for p in staging.iterdir())))

    def write(data: bytes, previous: OutputRecord | None, key: str = "index 1") -> WriteSummary:
        return write_site([("index.html", data)], out, index, previous, finish_key=key)

    first = write(b"home", None)
    assert len(calls) == 1 and (out / "search.json").is_file()
    again = write(b"home", first.record)
    assert len(calls) == 1 and again.changed == 0  # nothing changed: nothing to finish
    assert (out / "search.json").is_file()
    changed = write(b"new", again.record)
    assert len(calls) == 2 and (out / "index.html").read_bytes() == b"new"
    write(b"new", changed.record, key="index 2")  # another indexer: its index is made anew
    assert len(calls) == 3
    write_site([("index.html", b"new")], out, index, changed.record)  # no key: always run
    assert len(calls) == 4

"""Write stage: swaps a whole new site in, or leaves the old one as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.write import MARKER, UnsafeOutput, check_output_folder, write_site


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

"""Write stage: a pure plan, then its application: swaps a whole new site in, renames one
file into place, or leaves the old site as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from site_gen.output_folder import MARKER, UnsafeOutput, check_output_folder
from site_gen.write import (
    KEEP,
    MAKE,
    FileState,
    OnDisk,
    OutputState,
    StaleOutput,
    Strategy,
    Written,
    apply,
    plan,
    survey,
)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def write(
    files: Iterable[tuple[str, bytes]],
    out: Path,
    previous: OutputState | None = None,
    *,
    finish: Callable[[Path], None] | None = None,
    finish_key: str | None = None,
) -> Written:
    """Every file made, as a build without a record (or with `previous`) writes them."""
    items = list(files)
    key = None if finish is None else (finish_key or "")
    planned = plan([(n, MAKE) for n, _ in items], survey(out, previous), finish=key)
    return apply(planned, out, items, finish=finish)


def test_writes_files_and_marks_the_folder_as_ours(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write([("index.html", b"home"), ("a/b.html", b"b")], out)
    assert tree(out) == {"index.html": b"home", "a/b.html": b"b", MARKER: tree(out)[MARKER]}
    assert (written.files, written.changed) == (2, 2)
    assert (out.stat().st_mode & 0o777) == 0o755  # a published site is readable


def test_rewrite_replaces_stale_files_and_counts_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write([("index.html", b"home"), ("old.html", b"old")], out)
    written = write([("index.html", b"home"), ("new.html", b"new")], out)
    assert sorted(tree(out)) == [MARKER, "index.html", "new.html"]
    assert (written.files, written.changed) == (2, 1)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folders left


def test_a_failure_mid_write_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write([("index.html", b"v1"), ("page.html", b"v1")], out)
    before = tree(out)

    def failing() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"v2"
        raise RuntimeError("interrupted")

    planned = plan([("index.html", MAKE), ("page.html", MAKE)], survey(out, None))
    with pytest.raises(RuntimeError):
        apply(planned, out, failing())
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize("name", ["../escape.html", "/etc/passwd", "a/../../b.html"])
def test_refuses_paths_outside_the_output(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="outside the output folder"):
        write([(name, b"x")], tmp_path / "out")
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
    write([("same.html", b"same"), ("other.html", b"v1")], out)
    before = {p.name: p.stat().st_ino for p in out.iterdir()}
    written = write([("same.html", b"same"), ("other.html", b"v2")], out)
    assert written.changed == 1
    assert (out / "same.html").stat().st_ino == before["same.html"]  # not written again
    assert (out / "other.html").stat().st_ino != before["other.html"]
    assert (out / "same.html").stat().st_nlink == 1  # the old folder is gone


def test_a_kept_file_is_never_made_and_must_be_as_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write([("a.html", b"a"), ("b.html", b"b")], out)
    planned = plan([("a.html", KEEP), ("b.html", MAKE)], survey(out, first.state))
    second = apply(planned, out, [("b.html", b"b2")])
    assert second.changed == 1
    assert (out / "a.html").read_bytes() == b"a" and (out / "b.html").read_bytes() == b"b2"
    with pytest.raises(ValueError, match="did not plan"):  # only what the plan makes
        apply(planned, out, [("a.html", b"x"), ("b.html", b"b3")])
    (out / "a.html").write_bytes(b"edited by hand")
    with pytest.raises(StaleOutput):
        plan([("a.html", KEEP), ("b.html", MAKE)], survey(out, second.state))


def test_one_changed_file_is_renamed_into_place_and_a_stray_file_forces_a_new_folder(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    files = [("a.html", b"a"), ("sub/b.html", b"b"), ("sub/c.html", b"c")]
    first = write(files, out)
    before = {name: (out / name).stat().st_ino for name in tree(out)}

    def only_c(data: bytes, state: OutputState) -> Written:
        intents = [("a.html", KEEP), ("sub/b.html", KEEP), ("sub/c.html", MAKE)]
        planned = plan(intents, survey(out, state))
        return apply(planned, out, [("sub/c.html", data)])

    second = only_c(b"c2", first.state)
    assert second.changed == 1 and (out / "sub/c.html").read_bytes() == b"c2"
    after = {name: (out / name).stat().st_ino for name in tree(out)}
    # Only that file is new: the others, the marker and the folder itself are as they were.
    assert {n for n in after if after[n] != before[n]} == {"sub/c.html"}
    assert sorted(tree(out)) == sorted([MARKER, "a.html", "sub/b.html", "sub/c.html"])
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    third = write([*files[:2], ("sub/c.html", b"c2")], out, second.state)
    assert third.changed == 0  # the record of the renamed file is right
    (out / "stray.html").write_bytes(b"not ours")
    fourth = only_c(b"c3", third.state)
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

    def build(data: bytes, previous: OutputState | None, key: str | None = "index 1") -> Written:
        old = previous.files.get("index.html") if previous else None
        same = old is not None and (out / "index.html").read_bytes() == data
        intents = [("index.html", KEEP if same else MAKE)]
        planned = plan(intents, survey(out, previous), finish=key)
        return apply(planned, out, [] if same else [("index.html", data)], finish=index)

    first = build(b"home", None)
    assert len(calls) == 1 and (out / "search.json").is_file()
    again = build(b"home", first.state)
    assert len(calls) == 1 and again.changed == 0  # nothing changed: nothing to finish
    assert (out / "search.json").is_file()
    changed = build(b"new", again.state)
    assert len(calls) == 2 and (out / "index.html").read_bytes() == b"new"
    build(b"new", changed.state, key="index 2")  # another indexer: its index is made anew
    assert len(calls) == 3
    build(b"new", changed.state, key="")  # no key: always run
    assert len(calls) == 4


# The plan alone: pure, from a survey made in memory -------------------------------------


def _state(*names: str, extra: tuple[str, ...] = (MARKER,)) -> OutputState:
    files = {name: FileState(b"d", 1, 1, n, 1) for n, name in enumerate((*names, *extra))}
    return OutputState(files, frozenset(names))


def _as_written(state: OutputState, *, exact: bool = True) -> OnDisk:
    return OnDisk(state, frozenset(state.files), exact)


def test_the_plan_picks_the_strategy_that_touches_least() -> None:
    state = _state("a.html", "b.html")
    on_disk = _as_written(state)
    keep_both = [("a.html", KEEP), ("b.html", KEEP)]
    assert plan(keep_both, on_disk).strategy is Strategy.NOTHING
    one = [("a.html", KEEP), ("b.html", MAKE)]
    assert plan(one, on_disk).strategy is Strategy.ONE
    assert plan(one, on_disk, late=True).strategy is Strategy.STAGED  # more files to come
    assert plan(one, on_disk, finish="index").strategy is Strategy.STAGED  # an index to make
    assert plan([("a.html", MAKE), ("b.html", MAKE)], on_disk).strategy is Strategy.STAGED
    assert plan([*keep_both, ("c.html", MAKE)], on_disk).strategy is Strategy.STAGED  # a new file
    assert plan(one, _as_written(state, exact=False)).strategy is Strategy.STAGED  # a stray file
    stale_marker = OnDisk(state, frozenset({"a.html", "b.html"}), True)
    assert plan(one, stale_marker).strategy is Strategy.STAGED
    no_record = OnDisk(None, frozenset(), False)
    assert plan([("a.html", MAKE)], no_record).strategy is Strategy.STAGED
    with pytest.raises(StaleOutput):  # nothing can be kept that is not on record as written
        plan(one, no_record)


def test_the_plan_keeps_a_finished_site_only_for_the_same_finish() -> None:
    state = OutputState({**_state("a.html").files}, frozenset({"a.html"}), "index 1")
    keep = [("a.html", KEEP)]
    assert plan(keep, _as_written(state), finish="index 1").strategy is Strategy.NOTHING
    assert plan(keep, _as_written(state), finish="index 2").strategy is Strategy.STAGED
    assert plan(keep, _as_written(state), finish="").strategy is Strategy.STAGED  # always runs
    assert plan(keep, _as_written(state)).strategy is Strategy.STAGED  # the index must go


def test_the_plan_refuses_two_files_of_one_name() -> None:
    with pytest.raises(ValueError, match="same name"):
        plan([("a.html", MAKE), ("./a.html", MAKE)], OnDisk(None, frozenset(), False))

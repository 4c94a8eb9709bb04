"""The build cache never changes what is built: every rebuild is byte-identical to a cold
build without it, whatever changed in between, and a damaged cache is survived."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import scenarios
from site_gen import cache as build_cache
from site_gen.cli import main
from site_gen.pipeline import BuildOptions, BuildResult, build
from site_gen.write import MARKER


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def content(small_corpus_copy: Path) -> Path:
    return small_corpus_copy


def build_ok(content: Path, out: Path, **options: object) -> BuildResult:
    result = build(BuildOptions(content=content, out=out, jobs=1, **options))  # type: ignore[arg-type]
    assert not result.failed, [p.format() for p in result.problems]
    return result


def cold(content: Path, tmp_path: Path, templates: Path | None = None) -> BuildResult:
    """The reference: a build from scratch, without the cache, into a new folder."""
    out = tmp_path / "reference" / "out"
    shutil.rmtree(out.parent, ignore_errors=True)
    result = build_ok(content, out, cache=False, templates=templates)
    assert not (out.parent / build_cache.DEFAULT_NAME).exists()  # --no-cache leaves none
    return result


def edit_meeting(content: Path, theme: Path, revision: int) -> None:
    scenarios.edit_meeting(content, revision)


def edit_template(content: Path, theme: Path, revision: int) -> None:
    scenarios.edit_template(theme, revision)


def rename_person(content: Path, theme: Path, revision: int) -> None:
    scenarios.rename_person(content, revision)


def retitle_item(content: Path, theme: Path, revision: int) -> None:
    """An edit to the minutes that shows beyond their page: an agenda item's heading is in
    the calendars and the search filters too."""
    path = scenarios.edited_meeting(content)
    text = path.read_text(encoding="utf-8")
    retitled = re.sub(r"\n## Item (\d+):", rf"\n## Item \1 (revised {revision}):", text, count=1)
    assert retitled != text
    path.write_text(retitled, encoding="utf-8")


def nothing(content: Path, theme: Path, revision: int) -> None:
    pass


Edit = Callable[[Path, Path, int], None]


@pytest.mark.parametrize(
    "edit", [nothing, edit_meeting, retitle_item, edit_template, rename_person]
)
def test_every_rebuild_is_identical_to_a_cold_build(
    edit: Edit, content: Path, tmp_path: Path
) -> None:
    theme = scenarios.theme_override(tmp_path / "theme")
    out = tmp_path / "site" / "out"
    first = build_ok(content, out, templates=theme)
    assert first.written is not None and first.written.changed == first.written.files
    for revision in (1, 2):
        edit(content, theme, revision)
        before = inodes(out)
        result = build_ok(content, out, templates=theme)
        reference = cold(content, tmp_path, templates=theme)
        assert tree(out) == tree(tmp_path / "reference" / "out")
        # Problems found in cached meetings are reported again, exactly as on a cold build.
        assert result.problems == reference.problems and result.problems
        after = inodes(out)
        assert result.written is not None
        kept = [n for n in after if n != MARKER and before.get(n) == after[n]]
        if edit is nothing:
            assert result.written.changed == 0 and after == before  # output left alone
        elif edit is edit_template:
            # Every page changed; what no template makes (the stylesheet, feeds, data) did
            # not, and is the very same file.
            assert "static/style.css" in kept
            assert not [name for name in kept if name.endswith(".html")]
            assert result.written.changed == result.written.files - len(kept)
        else:
            # Only what changed is written; the rest are the very same files.
            assert 0 < result.written.changed < result.written.files / 4
            assert len(kept) == result.written.files - result.written.changed


def test_an_edited_meeting_rewrites_its_page_and_keeps_the_others(
    content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    before = inodes(out)
    edited = scenarios.edit_meeting(content, 1)  # a paragraph added: later lines move down
    result = build_ok(content, out)
    after = inodes(out)
    # A sentence of the minutes shows on its meeting's page only: the one file written, in
    # place (the marker is the same file: no new folder was made).
    assert result.written is not None and result.written.changed == 1
    assert after[MARKER] == before[MARKER]
    page = f"groups/{edited.parent.name}/{edited.stem}.html"
    assert after[page] != before[page]
    assert "Correction 1:" in (out / page).read_text(encoding="utf-8")
    assert after["people/index.html"] == before["people/index.html"]


def _database(out: Path) -> Path:
    return out.parent / build_cache.DEFAULT_NAME / build_cache.DATABASE


def test_a_cache_that_is_not_a_database_is_replaced(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    _database(out).write_bytes(b"this is not a database\n" * 200)
    scenarios.edit_meeting(content, 1)
    result = build_ok(content, out)
    reference = cold(content, tmp_path)
    assert tree(out) == tree(tmp_path / "reference" / "out")
    assert result.problems == reference.problems
    with sqlite3.connect(_database(out)) as db:  # a working cache again
        assert db.execute("SELECT count(*) FROM entries WHERE kind = 'meeting'").fetchone()[0] == 30


def _meeting_entries(out: Path) -> list[tuple[str, bytes, bytes]]:
    with sqlite3.connect(_database(out)) as db:
        rows = db.execute("SELECT key, digest, data FROM entries WHERE kind = 'meeting'")
        return [(key, bytes(d), bytes(data)) for key, d, data in rows.fetchall()]


def test_damaged_or_misplaced_entries_are_never_trusted(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    entries = _meeting_entries(out)
    with sqlite3.connect(_database(out)) as db:
        # One entry's bytes damaged (its digest no longer matches) ...
        key, _, data = entries[0]
        damaged = data[:-40] + bytes(40)
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (damaged, key))
        # ... and every other entry swapped with its neighbour, digests and all: each is a
        # valid entry, but for another meeting. Trusted, they would put minutes on the
        # wrong pages.
        for (key, _, _), (_, other_digest, other_data) in zip(
            entries[1:], entries[2:] + entries[1:2], strict=True
        ):
            db.execute(
                "UPDATE entries SET digest = ?, data = ? WHERE key = ?",
                (other_digest, other_data, key),
            )
    result = build_ok(content, out)
    reference = cold(content, tmp_path)
    assert tree(out) == tree(tmp_path / "reference" / "out")
    assert result.problems == reference.problems


def test_an_output_file_changed_by_hand_is_made_again(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    page = out / "people" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"People", b"Peeple"))  # same size, other bytes
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    (out / "stray.html").write_text("not ours")
    result = build_ok(content, out)
    assert result.written is not None and result.written.changed == 1
    assert page.read_bytes() == original
    assert not (out / "stray.html").exists()
    shutil.rmtree(out)  # the whole output gone: the record of it is worthless
    build_ok(content, out)
    cold(content, tmp_path)
    assert tree(out) == tree(tmp_path / "reference" / "out")


def test_the_cache_can_live_elsewhere_but_never_inside_the_site(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, elsewhere = tmp_path / "site" / "out", tmp_path / "caches" / "minutes"
    build_ok(content, out, cache_dir=elsewhere)
    assert (elsewhere / build_cache.DATABASE).is_file()
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    assert not (out.parent / build_cache.DEFAULT_NAME).exists()
    for inside in (out / "cache", content / "cache"):
        args = ["build", "--content", str(content), "--out", str(out), "--cache-dir", str(inside)]
        assert main(args) == 2
        assert "choose another --cache-dir" in capsys.readouterr().err
        assert not inside.exists()


def test_no_cache_neither_reads_nor_writes_it(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    database = _database(out)
    stamp = database.stat().st_mtime_ns
    scenarios.edit_meeting(content, 1)
    args = ["build", "--content", str(content), "--out", str(out), "--no-cache", "--no-search"]
    assert main(args) == 0
    assert database.stat().st_mtime_ns == stamp
    cold(content, tmp_path)
    assert tree(out) == tree(tmp_path / "reference" / "out")


def test_a_killed_build_leaves_nothing_behind_after_the_next(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    # What a build killed mid-write leaves: a half-written folder beside the output. Its
    # process is gone (pid 2**22 + 1 is above any Linux pid).
    stale = out.parent / f".out.new-{2**22 + 1}-abc"
    (stale / "groups").mkdir(parents=True)
    (stale / "index.html").write_text("half")
    running = out.parent / f".out.new-{os.getpid()}-def"  # a build still under way
    running.mkdir()
    build_ok(content, out)
    assert not stale.exists() and running.exists()
    assert (out / MARKER).is_file()


def with_a_paper(content: Path, data: bytes) -> None:
    """The edited meeting names papers/budget.pdf, which holds `data`."""
    meeting = scenarios.edited_meeting(content)
    text = meeting.read_text(encoding="utf-8")
    papers = "papers:\n  - title: Budget report\n    file: papers/budget.pdf\n---\n"
    meeting.write_text(text.replace("\n---\n", "\n" + papers, 1), encoding="utf-8")
    (content / "papers").mkdir()
    (content / "papers" / "budget.pdf").write_bytes(data)


def test_a_changed_paper_is_copied_again_though_nothing_else_changed(
    content: Path, tmp_path: Path
) -> None:
    with_a_paper(content, b"%PDF first version")
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    (content / "papers" / "budget.pdf").write_bytes(b"%PDF second version, longer")
    result = build_ok(content, out)
    # The paper, and its meeting's page, which gives the paper's size.
    assert result.written is not None and result.written.changed == 2
    cold(content, tmp_path)
    assert tree(out) == tree(tmp_path / "reference" / "out")
    assert b"%PDF second version, longer" in tree(out).values()


def test_a_rebuild_with_nothing_changed_stops_after_reading_and_reports_the_same(
    content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site" / "out"
    first = build_ok(content, out)
    again = build_ok(content, out)
    # Stopped before parsing: no model was made, yet the same figures and problems.
    assert first.site is not None and again.site is None
    assert again.counts == first.counts and again.problems == first.problems
    assert again.written is not None and again.written.changed == 0


@pytest.mark.parametrize(
    "options",
    [{"base_url": "https://example.org/minutes/"}, {"drafts": True}, {"strict": True}],
    ids=["base-url", "drafts", "strict"],
)
def test_other_options_are_never_taken_for_nothing_changed(
    options: dict[str, object], content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    result = build(BuildOptions(content=content, out=out, jobs=1, **options))  # type: ignore[arg-type]
    assert result.site is not None  # built, not stopped early
    reference = build(
        BuildOptions(content=content, out=tmp_path / "ref" / "out", jobs=1, cache=False, **options)  # type: ignore[arg-type]
    )
    assert result.problems == reference.problems and result.failed == reference.failed
    if not result.failed:
        assert tree(out) == tree(tmp_path / "ref" / "out")


def test_a_paper_removed_since_the_last_build_is_an_error_not_nothing_changed(
    content: Path, tmp_path: Path
) -> None:
    with_a_paper(content, b"%PDF")
    out = tmp_path / "site" / "out"
    build_ok(content, out)
    (content / "papers" / "budget.pdf").unlink()
    result = build(BuildOptions(content=content, out=out, jobs=1))
    assert result.failed and [p.code for p in result.problems if p.severity == "error"] == [
        "paper-missing"
    ]
    assert b"%PDF" in tree(out).values()  # the output left as it was

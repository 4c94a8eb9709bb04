"""The live site survives every fault: a full or read-only disk, a broken search index, a kill
between the two renames of the swap. Each is real (a small tmpfs, a process killed with
SIGKILL), run through the real command; after each, the previous output folder is
byte-for-byte as it was, or is put back by the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.outputs.search import check_bundle, find_pagefind
from site_gen.swap import PAUSE_BETWEEN_RENAMES
from tests.build_cli import ROOT, assert_clean_failure, build_args, site_gen, snapshot
from tests.fs_faults import copy_tree, fill, read_only, read_write

Mount = Callable[..., Path]
needs_pagefind = pytest.mark.skipif(find_pagefind() is None, reason="Pagefind is not installed")


def retitle(content: Path, title: str) -> None:
    """A new site title: every page of the site changes."""
    site = content / "site.yaml"
    lines = site.read_text().splitlines()
    site.write_text("\n".join(f"title: {title}" if x.startswith("title:") else x for x in lines))


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*"))


def paused_at_the_swap(
    sample_content: Path, tmp_path: Path
) -> tuple[Path, Path, dict[str, bytes], subprocess.Popen[str]]:
    """A site built, its title changed, and a rebuild stopped between the swap's renames:
    content, out, the site as it was, and the stopped build."""
    content, out = copy_tree(sample_content, tmp_path / "content"), tmp_path / "site" / "out"
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    before = snapshot(out)
    retitle(content, "Retitled minutes")
    paused = tmp_path / "paused"
    build = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", *map(str, build_args(content, out, "--no-search"))],
        cwd=ROOT,
        env={**os.environ, PAUSE_BETWEEN_RENAMES: str(paused)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not paused.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert paused.exists(), "the build never reached the swap"
    return content, out, before, build


def test_a_kill_between_the_two_renames_never_leaves_no_site(
    sample_content: Path, tmp_path: Path
) -> None:
    content, out, before, build = paused_at_the_swap(sample_content, tmp_path)
    os.kill(build.pid, signal.SIGKILL)
    build.communicate()
    assert not out.exists()  # the one moment without a site: only two renames can have it

    # The next build puts the previous site back before anything else: even one that then
    # fails on its content leaves the complete previous site, byte for byte.
    people = content / "people.yaml"
    kept = people.read_bytes()
    people.write_text("people: [unclosed\n")
    failed = site_gen(*build_args(content, out, "--no-search"))
    assert_clean_failure(failed, "people.yaml")
    assert snapshot(out) == before
    people.write_bytes(kept)
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    assert b"Retitled minutes" in (out / "index.html").read_bytes()
    assert leftovers(out) == []


def test_a_failed_swap_puts_the_previous_site_back_in_the_same_build(
    sample_content: Path, tmp_path: Path
) -> None:
    """The other half: the build that fails between the renames restores the site itself."""
    _, out, before, build = paused_at_the_swap(sample_content, tmp_path)
    os.kill(build.pid, signal.SIGINT)  # Ctrl-C: Python unwinds through the swap's handler
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_second_build_into_the_same_output_waits_for_the_first(
    sample_content: Path, tmp_path: Path
) -> None:
    """Concurrent builds into one output take turns: the second touches nothing while the
    first is between its renames (no site at all at that moment), and once the first is
    killed, it puts the previous site back, builds, and leaves a site as a lone build does."""
    content, out, _, first = paused_at_the_swap(sample_content, tmp_path)
    second = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", *map(str, build_args(content, out, "--no-search"))],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert second.stderr is not None
    waiting = second.stderr.readline()
    assert "another build is writing into" in waiting, waiting
    assert not out.exists() and second.poll() is None  # it waits, and has touched nothing
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert leftovers(out) == []
    alone = tmp_path / "alone" / "out"
    assert site_gen(*build_args(content, alone, "--no-search")).returncode == 0
    assert snapshot(out) == snapshot(alone)
    assert b"Retitled minutes" in (out / "index.html").read_bytes()


@pytest.mark.parametrize("search", [True, False], ids=["with-search", "no-search"])
def test_a_full_disk_at_any_point_keeps_the_previous_site(
    sample_content: Path, tmp_path: Path, tmpfs: Mount, search: bool
) -> None:
    """The disk fills at every stage in turn: while pages are written, while Pagefind writes
    its index (it may exit 0 with empty files), while the cache is written. Each build either
    publishes a whole site or fails plainly and leaves the previous one byte for byte."""
    if search and find_pagefind() is None:
        pytest.skip("Pagefind is not installed")
    content = copy_tree(sample_content, tmp_path / "content")
    disk = tmpfs("disk", 8192)
    out = disk / "out"
    flags = [] if search else ["--no-search"]
    assert site_gen(*build_args(content, out, *flags)).returncode == 0
    staging_need = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) + 400_000
    outcomes = []
    for step, leave in enumerate([0, 8_192, *range(40_000, staging_need, staging_need // 14)]):
        before = snapshot(out)
        retitle(content, f"Minutes, edition {step}")
        filler = fill(disk, leave)
        run = site_gen(*build_args(content, out, *flags))
        filler.unlink()
        if run.returncode == 0:
            assert b"edition %d" % step in (out / "index.html").read_bytes()
            if search:
                assert check_bundle(out / "pagefind") == ""
            outcomes.append("built")
        else:
            assert_clean_failure(run, "was left as it was")
            assert snapshot(out) == before, f"the site changed with {leave} bytes free"
            outcomes.append("search" if "search index" in run.stderr else "pages")
        assert leftovers(out) == []
    # Every path was taken: failed writing pages, (with search) failed in the index, built.
    assert {"pages", "built"} <= set(outcomes), outcomes
    if search:
        assert "search" in outcomes, outcomes


@needs_pagefind
def test_an_index_pagefind_left_broken_is_refused(tmp_path: Path, sample_content: Path) -> None:
    """What Pagefind writes is read back: empty, cut short or missing files are caught."""
    site = tmp_path / "site"
    assert site_gen(*build_args(sample_content, site)).returncode == 0
    for damage in ("empty", "truncated", "missing", "entry"):
        bundle = copy_tree(site / "pagefind", tmp_path / damage)
        assert check_bundle(bundle) == ""
        fragment = next((bundle / "fragment").iterdir())
        meta = next(bundle.glob("*.pf_meta"))
        if damage == "empty":
            fragment.write_bytes(b"")
        elif damage == "truncated":
            fragment.write_bytes(fragment.read_bytes()[:-9])
        elif damage == "missing":
            meta.unlink()
        else:
            (bundle / "pagefind-entry.json").write_text('{"version": "1"')
        assert check_bundle(bundle) != "", damage


def test_a_read_only_file_system_fails_plainly_and_keeps_the_site(
    sample_content: Path, tmp_path: Path, tmpfs: Mount
) -> None:
    content = copy_tree(sample_content, tmp_path / "content")
    disk = tmpfs("disk", 8192)
    out = disk / "out"
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    before = snapshot(disk)
    retitle(content, "Never published")
    read_only(disk)
    try:
        for flags in (["--no-search"], ["--no-search", "--no-cache"], ["--force"]):
            run = site_gen(*build_args(content, out, *flags))
            assert_clean_failure(run, "read-only", "was left as it was")
        assert snapshot(disk) == before
        # The first build of a new --out on that disk fails the same way.
        assert_clean_failure(site_gen(*build_args(content, disk / "new")), "read-only")
    finally:
        read_write(disk)
    assert snapshot(disk) == before


def test_a_full_disk_while_one_page_is_replaced_in_place_keeps_the_page(
    sample_content: Path, tmp_path: Path, tmpfs: Mount
) -> None:
    """An edit to one meeting's minutes rewrites only its page, beside itself, then renames
    it into place: on a full disk, no half-written file is left in the live site."""
    content = copy_tree(sample_content, tmp_path / "content")
    disk = tmpfs("disk", 8192)
    out = disk / "out"
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    before = snapshot(out)
    meeting = next((content / "meetings").rglob("*.md"))
    meeting.write_text(meeting.read_text() + "\nA new closing paragraph.\n" * 400)
    filler = fill(disk, 0)
    run = site_gen(*build_args(content, out, "--no-search"))
    assert_clean_failure(run, "No space left on device", "was left as it was")
    assert snapshot(out) == before
    assert not [p for p in out.rglob(".*") if p.name != ".site-gen"]
    filler.unlink()
    assert site_gen(*build_args(content, out, "--no-search")).returncode == 0
    assert b"A new closing paragraph." in b"".join(snapshot(out).values())

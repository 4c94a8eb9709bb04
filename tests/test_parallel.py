"""Parallel builds make the very same files as serial ones, and fail the same way."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from benchmarks.corpus import CorpusSpec, generate
from site_gen import parallel
from site_gen.pipeline import BuildOptions, build


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(CorpusSpec(30, groups=3, years=5), tmp_path_factory.mktemp("c") / "content")


@pytest.fixture
def pool_for_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use worker processes even for a handful of items, so small sites test the pool."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)


def _squares(items: Sequence[int]) -> list[tuple[int, int]]:
    import os

    return [(n * n, os.getpid()) for n in items]


def test_results_come_back_in_order_from_several_processes(pool_for_anything: None) -> None:
    results = list(parallel.map_in_order(_squares, range(100), jobs=2))
    assert [square for square, _ in results] == [n * n for n in range(100)]
    workers = {pid for _, pid in results}
    # Worker processes did the work (how the pool shares the chunks out is its own affair).
    assert os.getpid() not in workers and 1 <= len(workers) <= 2


def test_small_jobs_stay_in_one_process() -> None:
    assert parallel.workers_for(10, jobs=8) == 1
    assert parallel.workers_for(10_000, jobs=1) == 1
    assert parallel.workers_for(10_000, jobs=2) == 2
    assert [list(c) for c in parallel.chunked(range(10), 2)] == [
        [0, 1],
        [2, 3],
        [4, 5],
        [6, 7],
        [8, 9],
    ]


def test_shared_work_comes_back_in_small_chunks_in_order() -> None:
    """Rendered pages travel back by pipe and wait until those before them are taken: no
    chunk may be larger than a few megabytes of pages, and each worker gets several."""
    for count, workers in ((22_633, 2), (500, 2), (7, 3), (1, 2)):
        chunks = parallel.small_chunks(count, workers)
        assert [n for chunk in chunks for n in chunk] == list(range(count))
        assert max(len(chunk) for chunk in chunks) <= parallel._SHARED_CHUNK
        assert len(chunks) >= min(count, workers * 4)


@pytest.mark.parametrize("cache", [False, True])
def test_parallel_and_serial_builds_are_byte_identical(
    corpus: Path, tmp_path: Path, pool_for_anything: None, cache: bool
) -> None:
    results = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs-{jobs}" / "out"
        result = build(BuildOptions(content=corpus, out=out, jobs=jobs, cache=cache))
        assert not result.failed
        results.append(result)
    assert tree(tmp_path / "jobs-1" / "out") == tree(tmp_path / "jobs-2" / "out")
    assert results[0].problems == results[1].problems
    # The outputs came back through a spool beside the output (site_gen.spool): it is gone.
    beside = sorted(p.name for p in (tmp_path / "jobs-2").iterdir())
    assert beside == ([".site-gen-cache", "out"] if cache else ["out"])


def test_a_template_error_in_a_worker_is_reported_and_changes_nothing(
    corpus: Path, tmp_path: Path, pool_for_anything: None
) -> None:
    out = tmp_path / "out"
    assert not build(BuildOptions(content=corpus, out=out, jobs=2)).failed
    before = tree(out)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "action.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ no_such_thing }}\n{% endblock %}\n'
    )
    result = build(BuildOptions(content=corpus, out=out, templates=theme, jobs=2))
    assert result.failed
    [problem] = [p for p in result.problems if p.severity == "error"]
    assert problem.message == "template error: 'no_such_thing' is undefined"
    assert problem.path == str(theme / "action.html") and problem.line == 3
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-gen-cache", "out", "theme"]


def _pid_of(shared: object, indexes: Sequence[int]) -> list[int]:
    return [os.getpid() for _ in indexes]


def test_a_process_with_other_threads_never_forks(pool_for_anything: None) -> None:
    """As `site-gen serve` runs a server and a watcher: work that travels goes to workers the
    forkserver starts; work over what cannot travel stays in this process."""
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert set(parallel.map_shared(_pid_of, None, 100, jobs=2)) == {os.getpid()}
        background = parallel.in_background(os.getpid, jobs=2)
        assert background.result() == os.getpid()
        travelled = list(parallel.map_in_order(_squares, range(100), jobs=2))
        assert [square for square, _ in travelled] == [n * n for n in range(100)]
        assert os.getpid() not in {pid for _, pid in travelled}
    finally:
        stop.set()
        other.join()
    # Alone again it forks. Checked in a fresh process: threads other tests leave running in
    # this one (a browser driver's, a server's) rightly keep it from forking.
    alone = (
        "import os\n"
        "from site_gen import parallel\n"
        "parallel.MIN_ITEMS_PER_WORKER = 1\n"
        "def work(shared, indexes):\n"
        "    return [(n, os.getpid()) for n in indexes]\n"
        "found = list(parallel.map_shared(work, None, 900, 2))\n"
        "in_order = [n for n, _ in found] == list(range(900))\n"
        "print(in_order and bool({pid for _, pid in found} - {os.getpid()}))\n"
    )
    ran = subprocess.run([sys.executable, "-c", alone], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "True"  # forked: workers did some of it


def test_a_failure_in_a_worker_is_raised_where_the_work_was_asked_for(
    pool_for_anything: None,
) -> None:
    def fail(shared: object, indexes: Sequence[int]) -> list[int]:
        raise ValueError(f"chunk from {indexes[0]}")

    with pytest.raises(ValueError, match="chunk from"):
        list(parallel.map_shared(fail, None, 100, jobs=2))


def test_work_in_the_background_starts_before_its_result_is_asked_for(tmp_path: Path) -> None:
    """The outputs are made while the pages render: their worker must not wait to be asked
    for the result before it starts. Checked in a fresh process, which may fork."""
    marker = tmp_path / "started"
    code = (
        "import pathlib, time\n"
        "from site_gen import parallel\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "background = parallel.in_background(lambda: marker.write_text('made'), jobs=2)\n"
        "assert background.elsewhere\n"
        "for _ in range(600):\n"
        "    if marker.exists():\n"
        "        break\n"
        "    time.sleep(0.05)\n"
        "print(marker.exists())\n"
        "background.result()\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "True"

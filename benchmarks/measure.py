"""Measuring one build: its time and the peak memory of its whole process tree, and the
sizes of what it wrote.

Memory is the peak, sampled every 20 ms, of the proportional set size (PSS) summed over the
process tree (site_gen's workers share pages with their parent, which PSS counts once),
next to the largest single process's maximum RSS as the kernel reports it.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_pss_mb: float
    max_rss_mb: float
    stdout: str


@dataclass(frozen=True)
class Largest:
    """The largest file of a kind in an output folder, by its path inside the folder."""

    name: str
    bytes: int


@dataclass(frozen=True)
class OutputSizes:
    files: int
    bytes: int
    largest_html: Largest
    largest_data: Largest  # the largest file that is not a page (open data, feeds, calendars)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return found


def _pss_kb(pid: int) -> int:
    for name, label in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as f:
                for line in f:
                    if line.startswith(label):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_pss_kb(root: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack.extend(_children(pid))
    return total


def run_measured(command: Sequence[str], cwd: Path | None = None) -> Run:
    """Run `command` to its end; a failure stops the benchmark with the command's name."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_pss_kb(process.pid))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stdout is not None
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {code}")
    return Run(seconds, peak[0] / 1024, usage.ru_maxrss / 1024, stdout)


def _largest(found: Iterable[tuple[str, int]]) -> Largest:
    # Ties go to the first name in sorted order, so the report is the same every time.
    name, size = min(found, key=lambda item: (-item[1], item[0]), default=("", 0))
    return Largest(name, size)


def output_sizes(folder: Path) -> OutputSizes:
    """How many files `folder` holds, their bytes, and its largest page and data file."""
    sizes = {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file()
    }
    pages = [(name, size) for name, size in sizes.items() if name.endswith(".html")]
    data = [(name, size) for name, size in sizes.items() if not name.endswith(".html")]
    return OutputSizes(len(sizes), sum(sizes.values()), _largest(pages), _largest(data))

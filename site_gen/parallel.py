"""Work spread over the machine's cores, with results in the order of the input.

Parsing Markdown is the slowest part of a cold build; rendering and writing thousands of
pages comes next. Both are split into chunks for a pool of worker processes, and the
results are put back in input order, so a parallel build makes the very same files as a
serial one. Small jobs stay in one process, where a pool would cost more than it saves.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

# Below this many items a pool costs more than it saves: starting a worker takes some
# milliseconds, parsing a meeting about one or two.
MIN_ITEMS_PER_WORKER = 40
_CHUNKS_PER_WORKER = 4  # a few chunks each, so a slow chunk does not hold the others up
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(items: int, jobs: int) -> int:
    """How many processes to use for `items` items, at most `jobs`: 1 means no pool."""
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs, items // MIN_ITEMS_PER_WORKER))


def chunked(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """Contiguous chunks, a few per worker, in order."""
    count = max(1, min(len(items), workers * _CHUNKS_PER_WORKER))
    size = -(-len(items) // count)
    return [items[n : n + size] for n in range(0, len(items), size)]


def _end_with_parent(parent: int) -> None:
    """A worker must not outlive a build that was killed: blocked writing a result no one
    will read, it would wait for ever. On Linux the kernel can end it with its parent."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own checks have to do
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _worker_started(parent: int) -> None:
    _end_with_parent(parent)
    # What the parent had when it forked is never garbage in a worker: freezing it spares
    # every collection from walking it again.
    gc.freeze()


def map_in_order(
    work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int
) -> Iterator[R]:
    """`work` over chunks of `items`, in worker processes when that pays; results in order.

    `work` must be a module-level function (it is sent to the workers by name). Workers are
    forked, so they start at once and see what the parent had loaded.
    """
    workers = workers_for(len(items), jobs)
    if workers == 1:
        yield from work(items)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_started, initargs=(os.getpid(),)
    ) as pool:
        for results in pool.map(work, chunked(items, workers)):
            yield from results


_inherited: tuple[Callable[[Any, Sequence[int]], list[Any]], Any] | None = None


def _run_inherited(indexes: Sequence[int]) -> list[Any]:
    assert _inherited is not None, "only called in workers forked by map_inherited"
    work, shared = _inherited
    return work(shared, indexes)


def map_inherited(
    work: Callable[[S, Sequence[int]], list[R]], shared: S, count: int, jobs: int
) -> Iterator[R]:
    """`work(shared, indexes)` over chunks of range(count); results in order.

    Unlike map_in_order, `shared` is never sent to the workers: they are forked after it
    is set aside, and inherit it. So it may hold what cannot be pickled, such as closures
    that render pages, and costs nothing to pass however large it is.
    """
    global _inherited
    workers = workers_for(count, jobs)
    if workers == 1:
        yield from work(shared, range(count))
        return
    context = multiprocessing.get_context("fork")
    _inherited = (work, shared)
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_worker_started, initargs=(os.getpid(),)
        ) as pool:
            for results in pool.map(_run_inherited, chunked(range(count), workers)):
                yield from results
    finally:
        _inherited = None


_background: Callable[[], Any] | None = None


def _run_background() -> Any:
    assert _background is not None, "only called in a worker forked by in_background"
    return _background()


def in_background(work: Callable[[], R], jobs: int) -> Callable[[], R]:
    """Start `work` now in a forked worker (when there is more than one core to use) and
    return a function that waits for its result. With one core, `work` runs when asked."""
    global _background
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return work
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        1, mp_context=context, initializer=_worker_started, initargs=(os.getpid(),)
    )
    _background = work
    future = pool.submit(_run_background)  # forks now: the worker inherits `work`

    def result() -> R:
        global _background
        try:
            found: R = future.result()
            return found
        finally:
            _background = None
            pool.shutdown()

    return result

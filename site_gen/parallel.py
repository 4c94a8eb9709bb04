"""Work spread over the machine's cores, with results in the order of the input.

Parsing Markdown is the slowest part of a cold build, rendering thousands of pages the next.
Both are split into chunks for worker processes, and the results are put back in input
order, so a parallel build makes the very same files as a serial one. Small jobs stay in
one process, where workers would cost more than they save.

Workers are started safely. A process that runs no other thread (the build command) forks
them: they start at once and inherit what it has loaded. A process with other threads
(`site-gen serve` and its server) is never forked, since a fork copies locks that other
threads may hold: work that can travel by pickle goes to workers the forkserver starts, and
work that cannot (closures over the linked model) stays in the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

# Below this many items a pool costs more than it saves: starting a worker takes some
# milliseconds, parsing a meeting about one or two.
MIN_ITEMS_PER_WORKER = 40
_CHUNKS_PER_WORKER = 4  # a few chunks each, so a slow chunk does not hold the others up
# map_shared's results come back by pipe and wait in the parent until those before them
# are taken: small chunks keep each message, and what waits, to a few megabytes of pages,
# and let a worker that finishes early take more while the other is still busy.
_SHARED_CHUNK = 100
_HERE_SLICE = 10  # the pages this process renders between looks at its workers' pipes
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(items: int, jobs: int) -> int:
    """How many processes to use for `items` items, at most `jobs`: 1 means no workers."""
    if jobs <= 1:
        return 1
    return max(1, min(jobs, items // MIN_ITEMS_PER_WORKER))


def chunked(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """Contiguous chunks, a few per worker, in order."""
    count = max(1, min(len(items), workers * _CHUNKS_PER_WORKER))
    size = -(-len(items) // count)
    return [items[n : n + size] for n in range(0, len(items), size)]


def small_chunks(count: int, workers: int) -> list[range]:
    """range(count) in contiguous chunks of at most _SHARED_CHUNK, many per worker."""
    size = max(1, min(_SHARED_CHUNK, -(-count // (workers * _CHUNKS_PER_WORKER))))
    return [range(n, min(n + size, count)) for n in range(0, count, size)]


def _forking_is_safe() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _travelling_context() -> Context | None:
    """How to start workers for work that pickles: forked when that is safe, else from the
    forkserver (or spawned where there is none); None where neither can be had."""
    methods = multiprocessing.get_all_start_methods()
    if _forking_is_safe():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn") if "spawn" in methods else None


def map_in_order(
    work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int
) -> Iterator[R]:
    """`work` over chunks of `items`, in worker processes when that pays; results in order.

    `work` must pickle (a module-level function, or a partial of one with arguments that
    pickle), and so must `items` and the results: workers may be started afresh.
    """
    workers = workers_for(len(items), jobs)
    context = _travelling_context() if workers > 1 else None
    if context is None:
        yield from work(items)
        return
    pool = _Workers(context, _call_travelling, work, workers)
    yield from pool.in_order(chunked(items, workers))


def _call_travelling(work: Callable[[Sequence[T]], list[R]], chunk: Sequence[T]) -> list[R]:
    return work(chunk)


def map_shared(
    work: Callable[[S, Sequence[int]], list[R]], shared: S, count: int, jobs: int
) -> Iterator[R]:
    """`work(shared, indexes)` over chunks of range(count); results in order.

    Unlike map_in_order, `shared` is never sent to the workers: they are forked with it and
    inherit it, so it may hold what cannot be pickled (closures that render pages) and costs
    nothing to pass however large it is. Where forking is not safe, it all runs here.
    """
    workers = workers_for(count, jobs)
    if workers == 1 or not _forking_is_safe():
        yield from work(shared, range(count))
        return
    # This process is one of the workers: it takes a chunk whenever no result is waiting
    # for it. One process fewer whose copy of what it reads of `shared` the kernel makes.
    pool = _Workers(multiprocessing.get_context("fork"), work, shared, workers - 1)
    yield from pool.in_order(small_chunks(count, workers), partial(work, shared))


class Background(Generic[R]):
    """Work started in another process (or, where none can be had, run when asked for)."""

    def __init__(self, work: Callable[[], R], jobs: int) -> None:
        self._work = work
        self._pool: _Workers | None = None
        self._found: Iterator[R] = iter(())
        if jobs > 1 and _forking_is_safe():
            self._pool = _Workers(multiprocessing.get_context("fork"), _call_inherited, work, 1)
            self._found = self._pool.in_order([()])  # started now

    @property
    def elsewhere(self) -> bool:
        """Whether the work runs in another process (until its result is had)."""
        return self._pool is not None

    def result(self) -> R:
        """The work's result: waited for, or worked out now."""
        pool, self._pool = self._pool, None
        if pool is None:
            return self._work()
        found: list[R] = list(self._found)
        self._work = partial(_same, found[0])
        return found[0]

    def cancel(self) -> None:
        """Stop the work if it still runs: its result is not wanted any more."""
        if self._pool is not None:
            self._pool.stop(finished=False)
            self._pool = None


def _same(value: R) -> R:
    return value


def in_background(work: Callable[[], R], jobs: int) -> Background[R]:
    """Start `work` now in a forked worker, when there is another core to use and forking is
    safe; its result when asked for. Otherwise `work` runs when its result is asked for."""
    return Background(work, jobs)


def _call_inherited(work: Callable[[], R], _: object) -> list[R]:
    return [work()]


# Workers -----------------------------------------------------------------------------------


def _end_with_parent(parent: int) -> None:
    """A worker must not outlive a build that was killed: blocked writing a result no one
    will read, it would wait for ever. On Linux the kernel can end it with its parent."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's own checks have to do
        return
    if parent and os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _serve(
    work: Callable[[Any, Any], list[Any]], shared: Any, pipe: Connection, parent: int
) -> None:
    """A worker's life: `work(shared, chunk)` for each (index, chunk) it is sent, until None."""
    _end_with_parent(parent)
    while (task := pipe.recv()) is not None:
        index, chunk = task
        try:
            pipe.send((index, work(shared, chunk), None))
        except BaseException as exc:  # sent back, to be raised where the work was asked for
            pipe.send((index, None, _portable(exc)))


def _portable(exc: BaseException) -> BaseException:
    """`exc` if it survives the trip back, else a plain error that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


Context = ForkContext | ForkServerContext | SpawnContext


class _Workers:
    """Processes started now, each at the end of a pipe that sends it chunks of work."""

    def __init__(
        self, context: Context, work: Callable[[S, Any], list[R]], shared: S, count: int
    ) -> None:
        self.pipes: dict[Connection, BaseProcess] = {}
        for _ in range(count):
            ours, theirs = context.Pipe()
            # A forked worker's parent is this process; others are the forkserver's children.
            parent = os.getpid() if isinstance(context, ForkContext) else 0
            process = context.Process(
                target=_serve, args=(work, shared, theirs, parent), daemon=True
            )
            process.start()
            theirs.close()
            self.pipes[ours] = process

    def in_order(
        self, chunks: Sequence[object], here: Callable[[Any], list[Any]] | None = None
    ) -> Iterator[Any]:
        """Every chunk's results, chunk after chunk in order, whichever worker made them.
        Each worker is sent its first chunk now, not when the results are first asked for:
        work in the background starts at once. With `here`, this process works on chunks
        too, whenever no worker's result is waiting."""
        waiting = iter(enumerate(chunks))
        busy = [pipe for pipe in self.pipes if self._give(pipe, waiting)]
        if here is None:
            return self._ordered(self._as_done(waiting, busy))
        return self._ordered(self._as_done_here(waiting, busy, here))

    def _ordered(self, arriving: Iterator[tuple[int, list[Any]]]) -> Iterator[Any]:
        done: dict[int, list[Any]] = {}
        following = 0
        finished = False
        try:
            for index, results in arriving:
                done[index] = results
                while following in done:
                    yield from done.pop(following)
                    following += 1
            finished = True
        finally:
            self.stop(finished)

    def _as_done(
        self, waiting: Iterator[tuple[int, object]], busy: list[Connection]
    ) -> Iterator[tuple[int, list[Any]]]:
        """(index, results) as the `busy` workers finish chunks; each is given the next
        `waiting` as it finishes."""
        while busy:
            yield from self._received(waiting, busy, None)

    def _as_done_here(
        self,
        waiting: Iterator[tuple[int, object]],
        busy: list[Connection],
        here: Callable[[Any], list[Any]],
    ) -> Iterator[tuple[int, list[Any]]]:
        """As _as_done, with this process taking the next chunk whenever no result waits.
        It works a slice at a time, taking what arrives between slices: a worker whose
        result is not read waits, blocked on its pipe."""
        while busy:
            if wait(busy, timeout=0) or (task := next(waiting, None)) is None:
                yield from self._received(waiting, busy, None)
                continue
            index, chunk = task
            assert isinstance(chunk, Sequence)
            results: list[Any] = []
            for start in range(0, len(chunk), _HERE_SLICE):
                results += here(chunk[start : start + _HERE_SLICE])
                yield from self._received(waiting, busy, 0)
            yield index, results
        yield from ((index, here(chunk)) for index, chunk in waiting)  # none had workers

    def _received(
        self, waiting: Iterator[tuple[int, object]], busy: list[Connection], timeout: float | None
    ) -> Iterator[tuple[int, list[Any]]]:
        """The results that arrive within `timeout` (None: at least one), each worker that
        sent one given the next chunk `waiting`."""
        ended = {self.pipes[pipe].sentinel: pipe for pipe in busy}
        for ready in wait([*busy, *ended], timeout):
            if isinstance(ready, int):  # a process ended: with its result sent, or not
                if not ended[ready].poll():
                    raise RuntimeError("a worker process ended before finishing its work")
                continue
            assert isinstance(ready, Connection)
            index, results, error = ready.recv()
            if error is not None:
                raise error
            if not self._give(ready, waiting):
                busy.remove(ready)
            yield index, results

    @staticmethod
    def _give(pipe: Connection, waiting: Iterator[tuple[int, object]]) -> bool:
        task = next(waiting, None)
        pipe.send(task)  # None: no more work, the worker ends
        return task is not None

    def stop(self, finished: bool) -> None:
        """End the workers: they have ended by themselves once `finished`."""
        for pipe, process in self.pipes.items():
            if not finished:
                process.terminate()  # abandoned mid-way: its work is of no use now
            process.join()
            pipe.close()

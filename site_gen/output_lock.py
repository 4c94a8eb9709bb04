"""One build at a time writes into a folder's outputs.

A build plans from the output as it finds it: files whose bytes would not change are hard
links to the live site's files, and a site that a killed build took down is put back. Two
builds into one output at once (a preview and a build, two CI jobs) could link each
other's files, drafts included, into a site that neither made. So a build holds an
exclusive lock on the folder that holds its output (the folder where its new site is made
and swapped in) from before it looks at the output until the new site is in place; a
second build waits for it, and says so. Nothing is left behind: the lock is the folder's
own, and the system releases it when a build ends in any way, kill -9 included. Builds
into two outputs side by side in one folder take turns too.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_held: set[int] = set()  # the descriptors of the locks this process holds


def _forget_in_child() -> None:
    """A worker forked during a build shares the lock; its copy is closed, so that it never
    holds the folder after the build (closing a copy leaves the parent's lock in place)."""
    for fd in _held:
        os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the folder of the output `out` for this build, waiting while another holds it.

    Where the folder cannot be locked (a file system without locks), the build goes on
    without, as it did before."""
    folder = out.resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        yield  # the build fails where it writes, with the file system's own reason
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"site-gen: another build is writing into {folder}; waiting for it to finish",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # no locks here (some network file systems)
        _held.add(fd)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # releases the lock

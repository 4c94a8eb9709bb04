"""A digest of an output folder as it looks on disk: every file's name, size, modification
time, inode and device, and every folder's name.

A build with nothing to do must know that the output is exactly as its build wrote it:
the recorded files, each unchanged by the measures write.survey trusts, and nothing else.
Comparing two digests tells that without decoding the record of every file (24,000 at
5,000 meetings, most of the time such a build took) or walking the folder twice.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_gen.write import OutputState


def _file(name: str, size: int, mtime_ns: int, inode: int, device: int) -> str:
    # No name holds "\0", and a folder's alone ends in "/": the entries cannot run together.
    return f"{name}\0{size}\0{mtime_ns}\0{inode}\0{device}\0"


def _digest(entries: Iterable[str]) -> str:
    h = hashlib.blake2b(digest_size=20)
    for entry in sorted(entries):
        h.update(entry.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def recorded_picture(state: OutputState) -> str:
    """The digest of the output folder as `state` (the write that made it) records it."""
    folders: set[str] = set()
    for name in state.files:
        parent = name.rpartition("/")[0]
        while parent and parent + "/" not in folders:
            folders.add(parent + "/")
            parent = parent.rpartition("/")[0]
    files = (_file(name, f.size, f.mtime_ns, f.inode, f.device) for name, f in state.files.items())
    return _digest([*files, *(folder + "\0" for folder in folders)])


def picture_now(out: Path) -> str | None:
    """The digest of the folder `out` as it is now (None: it cannot be read whole). A link
    is taken for itself, never the file it leads to, as write.survey takes it: the write
    made no link."""
    try:
        return _digest(_entries(str(out)))
    except OSError:
        return None


def _entries(top: str) -> Iterator[str]:
    stack = [(top, "")]
    while stack:
        path, prefix = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, name + "/"))
                    yield name + "/\0"
                else:
                    found = entry.stat(follow_symlinks=False)
                    yield _file(name, found.st_size, found.st_mtime_ns, found.st_ino, found.st_dev)

"""Which files a piece of code opens, by any means (Python's audit events): for tests that
a build or a load reads no more than it must."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

_OPENED: list[list[str]] = []  # one list for each `opened` block now running


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _OPENED and isinstance(args[0], str):
        for found in _OPENED:
            found.append(args[0])


sys.addaudithook(_audit)  # a hook cannot be taken out again: it records only inside `opened`


@contextmanager
def opened() -> Iterator[list[str]]:
    """The paths of the files opened inside the block, in order."""
    found: list[str] = []
    _OPENED.append(found)
    try:
        yield found
    finally:
        _OPENED.remove(found)

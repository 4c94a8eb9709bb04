"""Progress of long commands: a counter redrawn in place on a terminal, plain lines elsewhere.

A terminal gets "rendering 120/1200" overwritten as work goes on, then wiped, so only the
summary stays on screen. A log (CI, a pipe) gets no control characters: a plain line every
PLAIN_EVERY items of a long stage, and nothing at all for short ones, so small runs print
exactly their problems and summary.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")

# Called as hook(stage, done, total) after each item of a stage.
ProgressHook = Callable[[str, int, int], None]

PLAIN_EVERY = 250
_REDRAW_SECONDS = 0.1


def plural(count: int, noun: str, plural_form: str = "") -> str:
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


class Progress:
    """A ProgressHook that draws on `stream`: in place on a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._drawn = False
        self._last_draw = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.tty:
            now = time.monotonic()
            if done == total or now - self._last_draw >= _REDRAW_SECONDS:
                self.stream.write(f"\r\x1b[K{stage} {done}/{total}")
                self.stream.flush()
                self._drawn, self._last_draw = True, now
        elif total >= PLAIN_EVERY and (done % PLAIN_EVERY == 0 or done == total):
            self.stream.write(f"{stage} {done}/{total}\n")
            self.stream.flush()

    def clear(self) -> None:
        """Wipe the counter line, so what is printed next starts at the left margin."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def counted(items: Iterable[T], hook: ProgressHook | None, stage: str, total: int) -> Iterator[T]:
    """`items`, reporting each one to `hook` (if any) as it is taken."""
    for done, item in enumerate(items, start=1):
        yield item
        if hook is not None:
            hook(stage, done, total)


class Stopwatch:
    """Seconds since it was made, for summaries (never for output a test compares)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.start:.2f} s"

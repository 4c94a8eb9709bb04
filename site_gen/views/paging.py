"""Long indexes in pages of at most ROWS rows, with numbered links between them.

A page holds ROWS rows and a pager of at most WINDOW * 2 + 5 links (first, last, the pages
around the current one, previous and next): its size is bounded by ROWS, whatever the size
of the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from site_gen import urls

ROWS = 100
WINDOW = 2  # pages linked on each side of the current one

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pager:
    number: int  # this page, from 1
    count: int  # pages in all
    links: list[PageLink | None]  # None: a gap ("…") between numbers
    previous: str | None
    next: str | None
    first_row: int  # from 1, for "rows 101 to 200 of 1,234"
    last_row: int
    rows: int


@dataclass(frozen=True)
class Paged(Generic[T]):
    url: str
    rows: list[T]
    pager: Pager


def page_count(rows: int) -> int:
    return max(1, -(-rows // ROWS))


def _numbers(number: int, count: int) -> list[int | None]:
    shown = {1, count, *range(number - WINDOW, number + WINDOW + 1)}
    kept = sorted(n for n in shown if 1 <= n <= count)
    numbers: list[int | None] = []
    for n in kept:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def pager(first: str, number: int, rows: int) -> Pager:
    count = page_count(rows)
    links = [
        None if n is None else PageLink(n, urls.list_page(first, n), n == number)
        for n in _numbers(number, count)
    ]
    return Pager(
        number,
        count,
        links,
        urls.list_page(first, number - 1) if number > 1 else None,
        urls.list_page(first, number + 1) if number < count else None,
        min(rows, (number - 1) * ROWS + 1),
        min(rows, number * ROWS),
        rows,
    )


def paged(first: str, rows: Sequence[T], number: int) -> Paged[T]:
    """Page `number` of `rows`, the index's first page being at `first`."""
    start = (number - 1) * ROWS
    return Paged(
        urls.list_page(first, number),
        list(rows[start : start + ROWS]),
        pager(first, number, len(rows)),
    )

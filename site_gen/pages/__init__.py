"""Every page of the site, kind by kind.

A kind of page is one module here: its typed view (what its template is given) and the
builder that makes it from the linked model, plus its template in the theme. The list
below is the only place that names them all; a page is made only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from functools import partial
from itertools import chain

from site_gen.model import Site
from site_gen.pages import (
    action,
    action_lists,
    decision,
    decision_lists,
    find_action,
    group,
    home,
    meeting,
    not_found,
    people,
    person,
)
from site_gen.pages.lookups import KeptLookups, Lookups
from site_gen.views.common import long_date
from site_gen.views.history import latest_held
from site_gen.views.page import Page, PageSource

PageKind = Callable[[Lookups], Iterator[PageSource]]  # each kind's pages, in a fixed order
# A kind that can list only the pages at some addresses, without the others (a reload
# after an edit to minutes makes only the pages that show them).
PagesAt = Callable[[Lookups, Collection[str]], Iterator[PageSource]]
AT: dict[PageKind, PagesAt] = {meeting.pages: meeting.pages_at}

KINDS: tuple[PageKind, ...] = (
    home.pages,
    group.pages,
    meeting.pages,
    people.pages,
    person.pages,
    action_lists.pages,
    find_action.pages,
    action.pages,
    decision_lists.pages,
    decision.pages,
    not_found.pages,
)


def site_pages(site: Site) -> Iterator[PageSource]:
    """Every page's address and what makes it, kind by kind, in a fixed order."""
    return chain.from_iterable(pages_by_kind(site))


class KindPages:
    """The pages of one kind, listed when iterated; `at` lists only those at some addresses."""

    def __init__(self, kind: PageKind, lookups: Lookups, record: tuple[str, str]) -> None:
        self._kind, self._lookups, self._record = kind, lookups, record

    def __iter__(self) -> Iterator[PageSource]:
        return self._dated(self._kind(self._lookups))

    def at(self, paths: Collection[str]) -> list[PageSource]:
        """The pages at `paths`, in the kind's order (of a kind that cannot list only
        those: every page listed, the others left out)."""
        only = AT.get(self._kind)
        found = only(self._lookups, paths) if only else self._kind(self._lookups)
        return [source for source in self._dated(found) if source.path in paths]

    def _dated(self, sources: Iterator[PageSource]) -> Iterator[PageSource]:
        for source in sources:
            yield PageSource(source.path, partial(_dated, source.make, self._record))


def pages_by_kind(site: Site, kept: KeptLookups | None = None) -> list[KindPages]:
    """The pages of each of KINDS, in turn: a kind's are listed only when asked for (a
    rebuild in site-gen serve asks only for the kinds that hold a page to make, and of
    those only the pages it must make when it can). `kept`: the lookups a long-running
    process keeps between its builds."""
    lookups = Lookups(site, kept)  # shared by every page of the build
    latest = latest_held(site)
    record = (long_date(latest), latest.isoformat()) if latest else ("", "")
    return [KindPages(kind, lookups, record) for kind in KINDS]


def _dated(make: Callable[[], Page], record: tuple[str, str]) -> Page:
    """The page, saying which day its record is as of (part of the page, so of its key)."""
    return replace(make(), record_as_at=record)

"""Every page of the site, kind by kind.

A kind of page is one module here: its typed view (what its template is given) and the
builder that makes it from the linked model, plus its template in the theme. The list
below is the only place that names them all; a page is made only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def pages_by_kind(site: Site, kept: KeptLookups | None = None) -> list[Iterator[PageSource]]:
    """The pages of each of KINDS, in turn: a kind's are listed only when asked for (a
    rebuild in site-gen serve asks only for the kinds that hold a page to make). `kept`:
    the lookups a long-running process keeps between its builds."""
    lookups = Lookups(site, kept)  # shared by every page of the build
    latest = latest_held(site)
    record = (long_date(latest), latest.isoformat()) if latest else ("", "")
    return [_kind_pages(kind, lookups, record) for kind in KINDS]


def _kind_pages(kind: PageKind, lookups: Lookups, record: tuple[str, str]) -> Iterator[PageSource]:
    for source in kind(lookups):
        yield PageSource(source.path, partial(_dated, source.make, record))


def _dated(make: Callable[[], Page], record: tuple[str, str]) -> Page:
    """The page, saying which day its record is as of (part of the page, so of its key)."""
    return replace(make(), record_as_at=record)

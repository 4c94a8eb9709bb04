"""What every template is given: the page (its address, title and head) and its kind's view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, NamedTuple

from site_gen.views.common import Link

if TYPE_CHECKING:
    from _typeshed import DataclassInstance as View
else:
    View = object


@dataclass(frozen=True)
class Page:
    path: str  # output path, e.g. "groups/evidence-group/2021-07-30.html"
    template: str
    title: str
    # The page kind's typed view: each of its fields is a name its template uses.
    view: View
    noindex: bool = False  # draft minutes: shown when asked for, never for search engines
    description: str = ""  # <meta name="description"> and previews
    feeds: tuple[Link, ...] = ()  # Atom feeds about this page, for <link rel="alternate">
    calendar: Link | None = None  # an iCalendar file of this page's meetings
    # Pagefind filters, e.g. (("kind", "Meeting"), ("group", "Evidence Group")); a page
    # without them is not indexed for search.
    search_filters: tuple[tuple[str, str], ...] = ()
    # "Record as at" the latest meeting with minutes (long date, ISO date): every status and
    # count on the page is as of then, on screen and in print, never "today".
    record_as_at: tuple[str, str] = ("", "")

    def names(self) -> dict[str, object]:
        """The view's fields by name, as its template reads them."""
        return {f.name: getattr(self.view, f.name) for f in fields(self.view)}


@dataclass(frozen=True)
class NoView:
    """The view of a page whose template needs nothing but the page itself."""


class PageSource(NamedTuple):
    """A page's address and what makes it: a page is made only when it is asked for."""

    path: str
    make: Callable[[], Page]

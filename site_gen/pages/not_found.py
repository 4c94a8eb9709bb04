"""The page a web server shows for an address the site does not have."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen import urls
from site_gen.pages.lookups import Lookups
from site_gen.views.page import NoView, Page, PageSource


def page() -> Page:
    return Page(urls.NOT_FOUND, "404.html", "Page not found", NoView())


def pages(lookups: Lookups) -> Iterator[PageSource]:
    yield PageSource(urls.NOT_FOUND, page)

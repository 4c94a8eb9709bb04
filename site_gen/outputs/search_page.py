"""The search page: its form works from the query string, its results need JavaScript and
the Pagefind index (outputs/search.py) that the build makes of the finished site."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_gen import urls
from site_gen.model import Site
from site_gen.outputs import search_ids
from site_gen.outputs.common import OutputContext
from site_gen.views.page import Page

KINDS = ("Meeting", "Action", "Decision", "Person", "Group")  # the pages' "kind" filters


@dataclass(frozen=True)
class SearchView:
    kinds: list[str]
    groups: list[str]
    years: list[str]
    id_shards: str  # the leading numbers search/ids/ has a file for, space-separated


def page(site: Site) -> Page:
    years = sorted({m.date.year for m in site.meetings}, reverse=True)
    shards = " ".join(search_ids.shards(site))
    view = SearchView(list(KINDS), [g.name for g in site.groups], [str(y) for y in years], shards)
    return Page(
        urls.SEARCH,
        "search.html",
        "Search",
        view,
        description=f"Search the minutes, people and actions of {site.config.title}.",
    )


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    yield urls.SEARCH, context.render(page(context.site))

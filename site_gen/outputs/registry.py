"""Every file of the site that is not one of its pages, in one list: an output is one module
with a `files(context)` that yields (output path, bytes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from site_gen import urls
from site_gen.model import Site
from site_gen.outputs import catalogue, data, discovery, feeds, ical, search_page
from site_gen.outputs.common import OutputContext
from site_gen.views.page import Page


@dataclass(frozen=True)
class Output:
    files: Callable[[OutputContext], Iterable[tuple[str, bytes]]]
    pages: tuple[str, ...] = ()  # the HTML pages it makes, listed in the sitemap like any page
    # Whether its files show meetings' minutes (Meeting.body_html): then every output is
    # made again when minutes change, as the pages that show them are.
    minutes: bool = False


OUTPUTS: tuple[Output, ...] = (
    Output(feeds.files),
    Output(ical.files),
    Output(data.files),
    Output(catalogue.files, pages=(urls.DATA_INDEX,)),
    Output(search_page.files, pages=(urls.SEARCH,)),
    Output(discovery.files),
)


def output_files(
    site: Site, render: Callable[[Page], bytes], pages: Sequence[str]
) -> Iterator[tuple[str, bytes]]:
    """Every output's files, in a fixed order. `pages` are the addresses of the site's pages."""
    every_page = [*pages, *(path for output in OUTPUTS for path in output.pages)]
    context = OutputContext(site, render, every_page)
    for output in OUTPUTS:
        yield from output.files(context)


def outputs_show_minutes() -> bool:
    return any(output.minutes for output in OUTPUTS)

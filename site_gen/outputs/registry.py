"""Every file of the site that is not one of its pages, in one list: an output is one module
with a `files(context)` that yields (output path, bytes).

The modules are loaded only when their files are made: a rebuild that makes no output (an
edit to minutes alone) never loads them, nor the libraries they use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from site_gen import urls
from site_gen.outputs.common import OutputContext

if TYPE_CHECKING:
    from site_gen.model import Site
    from site_gen.views.page import Page

Files = Callable[[OutputContext], Iterable[tuple[str, bytes]]]


def module(name: str) -> Files:
    """The `files` of the output module `name`, loaded when first called."""

    def files(context: OutputContext) -> Iterable[tuple[str, bytes]]:
        made: Files = importlib.import_module(name).files
        return made(context)

    return files


@dataclass(frozen=True)
class Output:
    files: Files
    pages: tuple[str, ...] = ()  # the HTML pages it makes, listed in the sitemap like any page
    # Whether its files show meetings' minutes (Meeting.body_html): then every output is
    # made again when minutes change, as the pages that show them are.
    minutes: bool = False


OUTPUTS: tuple[Output, ...] = (
    Output(module("site_gen.outputs.feeds")),
    Output(module("site_gen.outputs.ical")),
    Output(module("site_gen.outputs.data")),
    Output(module("site_gen.outputs.catalogue"), pages=(urls.DATA_INDEX,)),
    Output(module("site_gen.outputs.search_page"), pages=(urls.SEARCH,)),
    Output(module("site_gen.outputs.search_ids")),
    Output(module("site_gen.outputs.list_data")),
    Output(module("site_gen.outputs.discovery")),
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

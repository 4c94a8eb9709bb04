"""Every file that is not a page, from each output module in turn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain

from site_gen.model import Site
from site_gen.outputs import data, discovery, feeds, ical


def extra_files(site: Site, page_paths: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """Every file that is not a page, in a fixed order."""
    return chain(
        feeds.files(site),
        ical.files(site),
        data.files(site),
        discovery.files(site, page_paths),
    )

"""The decisions indexes: every decision, and each group's, in the order they were taken."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.model import Group
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.common import Link
from site_gen.views.decisions import DecisionRow
from site_gen.views.page import Page, PageSource


@dataclass(frozen=True)
class DecisionListView:
    group_filters: list[Link]
    all_url: str
    rows: list[DecisionRow]
    scope: str


def _view(lookups: Lookups, rows: list[DecisionRow], scope: str) -> DecisionListView:
    groups = lookups.site.groups
    filters = [Link(g.name, urls.group_decisions_page(g.slug)) for g in groups]
    return DecisionListView(filters, urls.DECISIONS, rows, scope)


def everything_page(lookups: Lookups) -> Page:
    site = lookups.site
    rows = [lookups.decisions.row(d) for d in site.decisions]
    return Page(
        urls.DECISIONS,
        "decisions.html",
        "Decisions",
        _view(lookups, rows, "All decisions"),
        description=descriptions.decisions(f"All decisions of {site.config.title}", len(rows)),
    )


def group_page(group: Group, lookups: Lookups) -> Page:
    rows = lookups.decisions.group_rows(group.slug)
    return Page(
        urls.group_decisions_page(group.slug),
        "decisions.html",
        f"{group.name} decisions",
        _view(lookups, rows, f"Decisions of the {group.name}"),
        description=descriptions.decisions(f"Decisions of the {group.name}", len(rows)),
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    yield PageSource(urls.DECISIONS, partial(everything_page, lookups))
    for group in lookups.site.groups:
        yield PageSource(urls.group_decisions_page(group.slug), partial(group_page, group, lookups))

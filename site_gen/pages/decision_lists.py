"""The decisions indexes: every decision, and each group's, newest first, in pages of at most
`paging.ROWS` rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.link.numbered import id_order
from site_gen.model import Decision, Group, Site
from site_gen.pages.lookups import Lookups
from site_gen.views import descriptions
from site_gen.views.common import Link
from site_gen.views.decisions import DecisionRow
from site_gen.views.page import Page, PageSource
from site_gen.views.paging import Pager, page_count, paged


@dataclass(frozen=True)
class DecisionListView:
    group_filters: list[Link]
    all_url: str
    rows: list[DecisionRow]
    total: int  # rows of the whole index, on every page
    pager: Pager
    scope: str
    rows_data: str  # every decision in brief, for the script filter
    preset: list[tuple[str, str]]


def newest_first(decisions: Sequence[Decision], site: Site) -> list[Decision]:
    """Newest first (by the meeting that took it, then the group, then the number, highest
    first); those taken before the published record last."""

    def key(decision: Decision) -> tuple[int, str, bool, tuple[int, ...], str]:
        taken = decision.taken_in
        day = site.meeting_by_key[taken].date.toordinal() if taken else 0
        order = tuple(-n for n in id_order(decision.decision_id))
        return (-day, decision.group, decision.decision_id is None, order, decision.key)

    return sorted(decisions, key=key)


@dataclass(frozen=True)
class _Index:
    first: str
    title: str
    scope: str
    decisions: list[Decision]
    about: str
    preset: list[tuple[str, str]]


def _page(index: _Index, number: int, lookups: Lookups) -> Page:
    chosen = paged(index.first, index.decisions, number)
    groups = lookups.site.groups
    view = DecisionListView(
        group_filters=[Link(g.name, urls.group_decisions_page(g.slug)) for g in groups],
        all_url=urls.DECISIONS,
        rows=[lookups.decisions.row(d) for d in chosen.rows],
        total=len(index.decisions),
        pager=chosen.pager,
        scope=index.scope,
        rows_data=urls.DECISION_ROWS,
        preset=index.preset,
    )
    return Page(
        chosen.url,
        "decisions.html",
        index.title if number == 1 else f"{index.title}, page {number}",
        view,
        description=descriptions.decisions(index.about, len(index.decisions)),
    )


def _indexes(lookups: Lookups) -> Iterator[_Index]:
    site = lookups.site
    yield _Index(
        urls.DECISIONS,
        "Decisions",
        "All decisions",
        newest_first(site.decisions, site),
        f"All decisions of {site.config.title}",
        [],
    )
    for group in site.groups:
        yield _group_index(group, lookups)


def _group_index(group: Group, lookups: Lookups) -> _Index:
    return _Index(
        urls.group_decisions_page(group.slug),
        f"{group.name} decisions",
        f"Decisions of the {group.name}",
        newest_first(lookups.decisions.of_group[group.slug], lookups.site),
        f"Decisions of the {group.name}",
        [("group", group.name)],
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    for index in _indexes(lookups):
        for number in range(1, page_count(len(index.decisions)) + 1):
            path = urls.list_page(index.first, number)
            yield PageSource(path, partial(_page, index, number, lookups))

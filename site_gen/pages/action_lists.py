"""The action indexes: every action, and the actions of each status, year and group.

Built for archives of thousands: open and in-progress actions first, newest first, in pages
of at most `paging.ROWS` rows; filters lead to the other indexes (the script on the page
filters and sorts the whole list instead, where it runs)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, partial

from site_gen import urls
from site_gen.link.numbered import id_order
from site_gen.model import Action, Group, Site
from site_gen.pages.lookups import Lookups
from site_gen.views.action_counts import StatusCounts, status_counts
from site_gen.views.common import ActionRow, Link
from site_gen.views.follow import group_feeds, site_feeds
from site_gen.views.page import Page, PageSource
from site_gen.views.paging import Pager, page_count, paged
from site_gen.vocabulary import ActionStatus


@dataclass(frozen=True)
class FindForm:
    """The "find an action" form: a group and a number."""

    groups: list[Link]  # text: the group's name; url: its slug
    selected: str  # the slug chosen first, or ""
    action: str  # where the form goes: the site's lookup page


@dataclass(frozen=True)
class ActionListView:
    scope: str
    status_filters: tuple[Link, ...]  # one tuple shared by every index: its HTML is made once
    group_filters: tuple[Link, ...]
    year_filters: tuple[Link, ...]
    owner_filters: tuple[Link, ...]
    overdue_after: int
    rows: list[ActionRow]
    total: int  # rows of the whole index, on every page
    pager: Pager
    find: FindForm
    rows_data: str  # every action in brief, for the script filter
    preset: list[tuple[str, str]]  # the filter this index is, for the script: ("status", "open")


def newest_first(actions: Sequence[Action], site: Site) -> list[Action]:
    """Open and in-progress first, then the rest; each newest first (by the meeting that
    raised it, then the group, then the number, highest first, the unnumbered after)."""

    def key(action: Action) -> tuple[bool, int, str, bool, tuple[int, ...], str]:
        day = site.meeting_by_key[action.raised_in].date.toordinal() if action.raised_in else 0
        order = tuple(-n for n in id_order(action.action_id))
        numbered = action.action_id is not None
        return (not action.status.is_open, -day, action.group, not numbered, order, action.key)

    return sorted(actions, key=key)


def find_form(site: Site, selected: str = "") -> FindForm:
    groups = [Link(g.name, g.slug) for g in site.groups]
    return FindForm(groups, selected, urls.FIND_ACTION)


class _Lists:
    """What every action index shares, made once, when the first of them is made."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        site = lookups.site
        raised = (site.meeting_by_key[a.raised_in].date.year for a in site.actions if a.raised_in)
        self.years = sorted(set(raised), reverse=True)
        self.about = f"of {site.config.title}, with owners, where each was raised, and its status."

    @cached_property
    def everything(self) -> list[Action]:
        return newest_first(self.lookups.site.actions, self.lookups.site)

    def year_raised(self, action: Action) -> int | None:
        site = self.lookups.site
        return site.meeting_by_key[action.raised_in].date.year if action.raised_in else None

    @cached_property
    def counts(self) -> StatusCounts:
        return status_counts(self.lookups.site.actions)

    @cached_property
    def filters(self) -> dict[str, tuple[Link, ...]]:
        site = self.lookups.site
        counts = self.counts
        return {
            "status_filters": (
                Link(f"All ({counts.total})", urls.ACTIONS),
                *(
                    Link(f"{s.label.capitalize()} ({counts.of(s)})", urls.actions_by_status_page(s))
                    for s in ActionStatus
                ),
            ),
            "group_filters": tuple(
                Link(g.name, urls.group_actions_page(g.slug)) for g in site.groups
            ),
            "year_filters": tuple(Link(str(y), urls.actions_by_year_page(y)) for y in self.years),
            # People who own actions, linked to the actions on their page, A to Z by surname.
            "owner_filters": tuple(
                Link(p.name, f"{p.url}#actions-heading")
                for p in site.people
                if self.lookups.actions_of_person[p.id]
            ),
        }

    def page(self, index: Index, number: int) -> Page:
        chosen = paged(index.first, index.actions, number)
        site = self.lookups.site
        view = ActionListView(
            scope=index.scope,
            **self.filters,
            overdue_after=site.config.overdue_after,
            rows=[self.lookups.row(a) for a in chosen.rows],
            total=len(index.actions),
            pager=chosen.pager,
            find=find_form(site, index.group.slug if index.group else ""),
            rows_data=urls.ACTION_ROWS,
            preset=index.preset,
        )
        title = index.title if number == 1 else f"{index.title}, page {number}"
        return Page(
            chosen.url,
            "actions.html",
            title,
            view,
            description=index.description,
            feeds=(group_feeds(index.group) if index.group else site_feeds())[1:],
        )

    def indexes(self) -> Iterator[Index]:
        site = self.lookups.site
        yield Index(
            urls.ACTIONS,
            "Actions",
            "All actions",
            self.everything,
            [],
            f"Every action {self.about}",
        )
        for status in ActionStatus:
            label = f"{status.label.capitalize()} actions"
            chosen = [a for a in self.everything if a.status is status]
            yield Index(
                urls.actions_by_status_page(status),
                label,
                label,
                chosen,
                [("status", status.value)],
                f"{label} {self.about}",
            )
        for year in self.years:
            label = f"Actions raised in {year}"
            chosen = [a for a in self.everything if self.year_raised(a) == year]
            yield Index(
                urls.actions_by_year_page(year),
                label,
                label,
                chosen,
                [("year", str(year))],
                f"{label}, {self.about}",
            )
        for group in site.groups:
            of_group = newest_first(self.lookups.actions_of_group[group.slug], site)
            yield Index(
                urls.group_actions_page(group.slug),
                f"{group.name} actions",
                f"Actions of the {group.name}",
                of_group,
                [("group", group.name)],
                f"Every action of the {group.name}, with owners, where each was raised, "
                "and its status.",
                group,
            )


@dataclass(frozen=True)
class Index:
    """One action index: where its first page is, what it is called, and what it lists."""

    first: str
    title: str
    scope: str
    actions: list[Action]
    preset: list[tuple[str, str]]
    description: str
    group: Group | None = None


def pages(lookups: Lookups) -> Iterator[PageSource]:
    lists = _Lists(lookups)
    for index in lists.indexes():
        for number in range(1, page_count(len(index.actions)) + 1):
            yield PageSource(
                urls.list_page(index.first, number), partial(lists.page, index, number)
            )

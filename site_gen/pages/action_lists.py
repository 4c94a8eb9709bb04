"""The action indexes: every action, and the actions of each status, year and group, each on
one page with filters that lead to the others."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, partial

from site_gen import urls
from site_gen.model import Group
from site_gen.pages.lookups import Lookups
from site_gen.views.common import ActionRow, Link
from site_gen.views.follow import group_feeds, site_feeds
from site_gen.views.page import Page, PageSource
from site_gen.vocabulary import ActionStatus


@dataclass(frozen=True)
class ActionListView:
    status_filters: list[Link]
    group_filters: list[Link]
    year_filters: list[Link]
    owner_filters: list[Link]
    overdue_after: int
    rows: list[ActionRow]
    scope: str


class _Lists:
    """What every action index shares, made once, when the first of them is made."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        site = lookups.site
        raised = (site.meeting_by_key[a.raised_in].date.year for a in site.actions if a.raised_in)
        self.years = sorted(set(raised), reverse=True)
        self.about = f"of {site.config.title}, with owners, where each was raised, and its status."

    @cached_property
    def everything(self) -> list[ActionRow]:
        return [self.lookups.row(a) for a in self.lookups.site.actions]

    @cached_property
    def filters(self) -> dict[str, list[Link]]:
        site = self.lookups.site
        return {
            "status_filters": [Link("All", urls.ACTIONS)]
            + [
                Link(s.label.capitalize(), urls.actions_by_status_page(s.value))
                for s in ActionStatus
            ],
            "group_filters": [Link(g.name, urls.group_actions_page(g.slug)) for g in site.groups],
            "year_filters": [Link(str(y), urls.actions_by_year_page(y)) for y in self.years],
            # People who own actions, linked to the actions on their page, A to Z by surname.
            "owner_filters": [
                Link(p.name, f"{p.url}#actions-heading")
                for p in site.people
                if self.lookups.actions_of_person[p.id]
            ],
        }

    def view(self, rows: list[ActionRow], scope: str) -> ActionListView:
        overdue_after = self.lookups.site.config.overdue_after
        return ActionListView(**self.filters, overdue_after=overdue_after, rows=rows, scope=scope)

    def everything_page(self) -> Page:
        view = self.view(self.everything, "All actions")
        return Page(
            urls.ACTIONS,
            "actions.html",
            "Actions",
            view,
            description=f"Every action {self.about}",
            feeds=site_feeds()[1:],
        )

    def status_page(self, status: ActionStatus) -> Page:
        label = f"{status.label.capitalize()} actions"
        rows = [r for r in self.everything if r.status == status.value]
        return Page(
            urls.actions_by_status_page(status.value),
            "actions.html",
            label,
            self.view(rows, label),
            description=f"{label} {self.about}",
            feeds=site_feeds()[1:],
        )

    def year_page(self, year: int) -> Page:
        label = f"Actions raised in {year}"
        rows = [r for r in self.everything if r.raised_year == year]
        return Page(
            urls.actions_by_year_page(year),
            "actions.html",
            label,
            self.view(rows, label),
            description=f"{label}, {self.about}",
            feeds=site_feeds()[1:],
        )

    def group_page(self, group: Group) -> Page:
        rows = [self.lookups.row(a) for a in self.lookups.actions_of_group[group.slug]]
        return Page(
            urls.group_actions_page(group.slug),
            "actions.html",
            f"{group.name} actions",
            self.view(rows, f"Actions of the {group.name}"),
            description=f"Every action of the {group.name}, with owners, where each was raised, "
            "and its status.",
            feeds=group_feeds(group)[1:],
        )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    lists = _Lists(lookups)
    yield PageSource(urls.ACTIONS, lists.everything_page)
    for status in ActionStatus:
        yield PageSource(
            urls.actions_by_status_page(status.value), partial(lists.status_page, status)
        )
    for year in lists.years:
        yield PageSource(urls.actions_by_year_page(year), partial(lists.year_page, year))
    for group in lookups.site.groups:
        yield PageSource(urls.group_actions_page(group.slug), partial(lists.group_page, group))

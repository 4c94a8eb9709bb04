"""The data catalogue: a page that says where readers' tools find the site (its feeds,
calendars and open data files)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_gen import urls
from site_gen.model import Site
from site_gen.outputs.common import OutputContext
from site_gen.views.common import Link
from site_gen.views.follow import group_feeds, site_calendar, site_feeds
from site_gen.views.page import Page

DATA_FILES = (
    ("groups", "Groups: name, description"),
    ("people", "People: name, affiliation"),
    ("memberships", "Who belongs to which group, in which role, from when to when"),
    ("meetings", "Meetings: date, number, status, agenda items, attendance, actions raised"),
    ("actions", "Actions: task, owners, status, whether overdue, where raised, history"),
    (
        "decisions",
        "Decisions: what was decided, outcome, votes, mover and seconder, where taken, "
        "linked actions",
    ),
)
CSV_FILES = (
    ("actions.csv", urls.ACTIONS_CSV, "Every action with its current status and its history"),
    (
        "decisions.csv",
        urls.DECISIONS_CSV,
        "Every published decision with its votes, mover, seconder and linked actions",
    ),
)


@dataclass(frozen=True)
class GroupFollow:
    name: str
    feeds: tuple[Link, Link]
    calendar: Link


@dataclass(frozen=True)
class DataFile:
    link: Link
    schema: Link
    about: str


@dataclass(frozen=True)
class CsvFile:
    link: Link
    about: str


@dataclass(frozen=True)
class CatalogueView:
    site_feeds: tuple[Link, Link]
    groups: list[GroupFollow]
    calendar: Link
    data: list[DataFile]
    csv: list[CsvFile]


def page(site: Site) -> Page:
    view = CatalogueView(
        site_feeds=site_feeds(),
        groups=[
            GroupFollow(
                g.name, group_feeds(g), Link("Meetings (iCalendar)", urls.group_calendar(g.slug))
            )
            for g in site.groups
        ],
        calendar=site_calendar(),
        data=[
            DataFile(
                Link(f"{name}.json", urls.data_file(name)),
                Link(f"{name}.schema.json", urls.data_schema(name)),
                about,
            )
            for name, about in DATA_FILES
        ],
        csv=[CsvFile(Link(name, url), f"{about}, one row each") for name, url, about in CSV_FILES],
    )
    return Page(
        urls.DATA_INDEX,
        "data.html",
        "Feeds, calendars and open data",
        view,
        description="Atom feeds, iCalendar files and open data (JSON, CSV) of "
        f"{site.config.title}.",
        feeds=site_feeds(),
        calendar=site_calendar(),
    )


def files(context: OutputContext) -> Iterator[tuple[str, bytes]]:
    yield urls.DATA_INDEX, context.render(page(context.site))

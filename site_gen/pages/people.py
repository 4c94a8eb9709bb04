"""The people index: everyone named in the published minutes, A to Z by surname."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from site_gen import urls
from site_gen.pages.lookups import Lookups
from site_gen.views.common import Link, MembershipView
from site_gen.views.page import Page, PageSource


@dataclass(frozen=True)
class PersonEntry:
    link: Link
    roles: list[MembershipView]
    affiliation: str


@dataclass(frozen=True)
class PeopleView:
    letters: list[tuple[str, list[PersonEntry]]]  # "#" for names that start with no letter


def page(lookups: Lookups) -> Page:
    letters: dict[str, list[PersonEntry]] = defaultdict(list)
    for person in lookups.site.people:
        letter = (person.sort_key[0][:1] or "#").upper()
        letters[letter if letter.isalpha() else "#"].append(
            PersonEntry(
                Link(person.name, person.url), lookups.roles.get(person.id, []), person.affiliation
            )
        )
    return Page(
        urls.PEOPLE,
        "people.html",
        "People",
        PeopleView(sorted(letters.items())),
        description=f"Everyone named in the published minutes of {lookups.site.config.title}, "
        "A to Z by surname, with their groups and roles.",
    )


def pages(lookups: Lookups) -> Iterator[PageSource]:
    yield PageSource(urls.PEOPLE, partial(page, lookups))

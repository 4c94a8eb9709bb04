"""Who is who: people and bodies by name, alias and id, gathered during linking."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from anyascii import anyascii

from site_gen.model import Body, Person
from site_gen.parse.records import PeopleRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify, unique_slug
from site_gen.unicode_text import clean_name


@cache  # the same few names are compared again and again while owners are resolved
def name_key(name: str) -> str:
    """Names compare folded (unicode_text.clean_name), with case ignored."""
    return clean_name(name).casefold()


@dataclass
class _PersonDraft:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    affiliation: str = ""
    sort_as: str = ""
    roles_seen: list[str] = field(default_factory=list)


class Registry:
    """Builder of the people and bodies of one build. Lookups return ids."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self._people: dict[str, _PersonDraft] = {}
        self._bodies: dict[str, Body] = {}
        self._person_names: dict[str, list[str]] = {}
        self._body_names: dict[str, str] = {}
        # people/index.html is the directory: no one may take its address.
        self._taken: set[str] = {"index"}
        self._body_ids: set[str] = set()  # bodies have no pages: their ids are apart

    @classmethod
    def from_records(cls, records: PeopleRecord, problems: Problems) -> Registry:
        registry = cls(problems)
        for body in records.bodies:
            body_id = unique_slug(slugify(body.name), registry._body_ids, "body")
            registry._bodies[body_id] = Body(body_id, body.name, body.aliases)
            for name in (body.name, *body.aliases):
                registry._body_names[name_key(name)] = body_id
        for person in records.people:
            if person.person_id and person.person_id in registry._taken:
                reserved = person.person_id not in registry._people
                problems.error(
                    person.path,
                    person.line,
                    f"id {person.person_id!r} is "
                    + ("the people directory's address" if reserved else "given to two entries"),
                    "give each person their own id",
                    code="duplicate-id",
                )
                continue
            registry._add_person(
                _PersonDraft(
                    id=person.person_id or "",
                    name=person.name,
                    aliases=person.aliases,
                    affiliation=person.affiliation,
                    sort_as=person.sort_as,
                ),
                person.path,
                person.line,
            )
        return registry

    def _add_person(self, draft: _PersonDraft, path: str, line: int) -> str:
        if draft.id:
            self._taken.add(draft.id)
        else:
            wanted = slugify(draft.name) or "person"
            draft.id = unique_slug(wanted, self._taken, "person")
            if draft.id != wanted:
                # Never silently: two names, one address. Same person? Then it is an alias.
                other = self._people[wanted].name if wanted in self._people else wanted
                self.problems.warning(
                    path,
                    line,
                    f"{draft.name!r} and {other!r} would share the page address {wanted!r}; "
                    f"{draft.name!r} gets {draft.id!r}",
                    "if they are one person, add one name as an alias in people.yaml; "
                    "if two, give each an id there",
                    code="shared-address",
                )
        self._people[draft.id] = draft
        for name in (draft.name, *draft.aliases):
            ids = self._person_names.setdefault(name_key(name), [])
            if draft.id not in ids:
                ids.append(draft.id)
        return draft.id

    # Lookups -----------------------------------------------------------------

    def body_named(self, name: str) -> str | None:
        """A body by name or alias; "the" before a body's name is optional."""
        key = name_key(name)
        bare = key.removeprefix("the ")
        return (
            self._body_names.get(key)
            or self._body_names.get(bare)
            or self._body_names.get("the " + bare)
        )

    def body_within(self, text: str) -> str | None:
        """The name of a body that `text` names among other words ("NICE colleagues")."""
        words = f" {name_key(text)} "
        for key, body_id in sorted(self._body_names.items()):
            if f" {key} " in words:
                return self._bodies[body_id].name
        return None

    def people_named(self, name: str) -> list[str]:
        """Ids of everyone with this name or alias, or with this id."""
        key = name_key(name)
        found = list(self._person_names.get(key, []))
        if not found and key in self._people:
            found.append(key)
        return found

    def person_name(self, person_id: str) -> str:
        return self._people[person_id].name

    def first_name(self, person_id: str) -> str:
        return name_key(self._people[person_id].name).split(" ")[0]

    # Growth from attendance lists and group files -----------------------------

    def person_for(self, name: str, path: str, line: int) -> str:
        """The one person of this name, created if the name is new (ambiguity is the caller's)."""
        found = self.people_named(name)
        if found:
            return found[0]
        return self._add_person(_PersonDraft(id="", name=clean_name(name)), path, line)

    def body_for(self, name: str) -> str:
        found = self.body_named(name)
        if found:
            return found
        body_id = unique_slug(slugify(name), self._body_ids, "body")
        self._bodies[body_id] = Body(body_id, clean_name(name), ())
        self._body_names[name_key(name)] = body_id
        return body_id

    def note_handle(self, person_id: str, handle: str) -> None:
        """ "Ben Elder (@bentheelder)" in attendance: "@bentheelder" names him anywhere."""
        ids = self._person_names.setdefault(name_key(handle), [])
        if person_id not in ids:
            ids.append(person_id)

    def note_role(self, person_id: str, role: str) -> None:
        """Remember a role as written in attendance, the fallback for an affiliation."""
        if role:
            self._people[person_id].roles_seen.append(role)

    # Result --------------------------------------------------------------------

    def person_ids(self) -> tuple[str, ...]:
        """Everyone known so far, in the order first met."""
        return tuple(self._people)

    def people(self) -> tuple[Person, ...]:
        made = [_freeze(d) for d in self._people.values()]
        return tuple(sorted(made, key=lambda p: (p.sort_key, p.id)))

    def bodies(self) -> tuple[Body, ...]:
        return tuple(sorted(self._bodies.values(), key=lambda b: (b.name.casefold(), b.id)))


def _freeze(draft: _PersonDraft) -> Person:
    # A to Z by surname, with accents folded so "Ó Súilleabháin" files under O.
    surname = anyascii(draft.sort_as or draft.name.split()[-1])
    affiliation = draft.affiliation or (draft.roles_seen[-1] if draft.roles_seen else "")
    return Person(
        id=draft.id,
        name=draft.name,
        sort_key=(surname.casefold(), draft.name.casefold()),
        affiliation=affiliation,
        aliases=draft.aliases,
    )

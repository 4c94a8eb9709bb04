"""people.yaml: people with aliases and affiliations, and bodies that are not people."""

from __future__ import annotations

from site_gen.load import SourceFile
from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import BodyRecord, PeopleRecord, PersonRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify
from site_gen.unicode_text import clean_name
from site_gen.yaml_lines import parse_yaml

# "private" holds what the clerk keeps (contact details, notes): never read, never published.
PERSON_KEYS = {"name", "id", "aliases", "affiliation", "sort_as", "private"}
BODY_KEYS = {"name", "aliases", "private"}


def _person(fields: FieldReader, line: int) -> PersonRecord | None:
    fields.unknown_keys(PERSON_KEYS)
    name = clean_name(fields.text("name", required=True))
    if not name:
        return None
    explicit_id = fields.text("id")
    if explicit_id and slugify(explicit_id) != explicit_id:
        fields.error(
            "id",
            f"id {explicit_id!r} is not a page address",
            "use lowercase letters, digits and hyphens, "
            f"e.g. {slugify(explicit_id) or 'jane-doe'!r}",
            code="bad-id",
        )
        explicit_id = slugify(explicit_id)
    return PersonRecord(
        name=name,
        person_id=explicit_id or None,
        aliases=tuple(clean_name(a) for a in fields.text_list("aliases")),
        affiliation=fields.text("affiliation"),
        sort_as=fields.text("sort_as"),
        path=fields.path,
        line=line,
    )


def _body(fields: FieldReader, line: int) -> BodyRecord | None:
    fields.unknown_keys(BODY_KEYS)
    name = clean_name(fields.text("name", required=True))
    aliases = tuple(clean_name(a) for a in fields.text_list("aliases"))
    return BodyRecord(name, aliases, fields.path, line) if name else None


def parse_people(source: SourceFile | None, problems: Problems) -> PeopleRecord:
    if source is None:
        return PeopleRecord()
    data = parse_yaml(source.text, source.path, problems)
    if data is None:
        return PeopleRecord()
    top = as_mapping(data, source.path, 1, problems, "people.yaml")
    if top is None:
        return PeopleRecord()
    reader = FieldReader(top, source.path, problems, "people.yaml")
    reader.unknown_keys({"people", "bodies", "private"})
    people: list[PersonRecord] = []
    for value, line in reader.items("people"):
        entry = as_mapping(value, source.path, line, problems, "a person in people.yaml")
        person = entry and _person(FieldReader(entry, source.path, problems, "a person"), line)
        if person:
            people.append(person)
    bodies: list[BodyRecord] = []
    for value, line in reader.items("bodies"):
        entry = as_mapping(value, source.path, line, problems, "a body in people.yaml")
        body = entry and _body(FieldReader(entry, source.path, problems, "a body"), line)
        if body:
            bodies.append(body)
    return PeopleRecord(tuple(people), tuple(bodies))

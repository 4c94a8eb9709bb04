"""groups/<slug>.yaml: a group, its description and its members' roles and terms."""

from __future__ import annotations

from pathlib import PurePosixPath

from site_gen.load import SourceFile
from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import GroupRecord, MembershipRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify
from site_gen.unicode_text import clean_name
from site_gen.yaml_lines import parse_yaml

# "private" holds what the clerk keeps (contact details, notes): never read, never published.
GROUP_KEYS = {"name", "description", "members", "private"}
MEMBER_KEYS = {"name", "role", "from", "until", "private"}


def _membership(fields: FieldReader, line: int) -> MembershipRecord | None:
    fields.unknown_keys(MEMBER_KEYS)
    name = clean_name(fields.text("name", required=True))
    if not name:
        return None
    start, end = fields.day("from"), fields.day("until")
    if start and end and end < start:
        fields.error(
            "until",
            f"membership of {name} ends before it starts",
            "check 'from' and 'until'",
            code="membership-dates",
        )
    return MembershipRecord(name, fields.text("role", default="Member"), start, end, line)


def parse_group(source: SourceFile, problems: Problems) -> GroupRecord | None:
    # Any file name works: "Évidence Group.yaml" is the group at groups/evidence-group/.
    slug = slugify(PurePosixPath(source.relative).stem)
    if not slug:
        problems.error(
            source.path,
            1,
            "the group file's name has no letters or digits to make an address from",
            "rename it after the group, e.g. evidence-group.yaml",
            code="bad-file-name",
        )
        return None
    data = parse_yaml(source.text, source.path, problems)
    mapping = (
        as_mapping(data, source.path, 1, problems, "a group file") if data is not None else None
    )
    if mapping is None:
        return None
    fields = FieldReader(mapping, source.path, problems, "the group")
    fields.unknown_keys(GROUP_KEYS)
    members = []
    for value, line in fields.items("members"):
        if isinstance(value, str):  # "- Paul Bywaters": a member with no role or dates
            members.append(MembershipRecord(clean_name(value), "Member", None, None, line))
            continue
        entry = as_mapping(value, source.path, line, problems, "a member")
        member = entry and _membership(FieldReader(entry, source.path, problems, "a member"), line)
        if member:
            members.append(member)
    return GroupRecord(
        slug=slug,
        name=fields.text("name", required=True, default=slug),
        description=fields.text("description"),
        members=tuple(members),
        path=source.path,
        line=1,
    )

"""groups/<slug>.yaml: a group, its description and its members' roles and terms."""

from __future__ import annotations

from pathlib import PurePosixPath

from site_gen.load import SourceFile
from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import GroupRecord, MembershipRecord
from site_gen.problems import Problems
from site_gen.slugs import slugify
from site_gen.yaml_lines import parse_yaml

GROUP_KEYS = {"name", "description", "members"}
MEMBER_KEYS = {"name", "role", "from", "until"}


def _membership(fields: FieldReader, line: int) -> MembershipRecord | None:
    fields.unknown_keys(MEMBER_KEYS)
    name = fields.text("name", required=True)
    if not name:
        return None
    start, end = fields.day("from"), fields.day("until")
    if start and end and end < start:
        fields.error(
            "until", f"membership of {name} ends before it starts", "check 'from' and 'until'"
        )
    return MembershipRecord(name, fields.text("role", default="Member"), start, end, line)


def parse_group(source: SourceFile, problems: Problems) -> GroupRecord | None:
    slug = PurePosixPath(source.relative).stem
    if slugify(slug) != slug:
        problems.error(
            source.path,
            1,
            f"group file name {slug!r} is not a page address",
            f"rename it to {slugify(slug) or 'my-group'}.yaml (lowercase, digits, hyphens)",
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
            members.append(MembershipRecord(value.strip(), "Member", None, None, line))
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

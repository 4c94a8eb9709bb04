"""What a new group file and people.yaml would say: members and bodies named in attendance."""

from __future__ import annotations

import re

from site_gen.importer.attendance import Entry
from site_gen.importer.minutes import Minutes
from site_gen.importer.words import MEMBER_SUFFIX, ROLE_WORDS


def member_role(entry: Entry, group_name: str) -> str | None:
    """The role of a group member as the attendance gives it; None if not a member."""
    role = entry.role.strip()
    if group_name and group_name.casefold() in role.casefold():
        rest = re.sub(re.escape(group_name), "", role, flags=re.IGNORECASE).strip(" ,&-")
        return rest if rest.casefold() in ROLE_WORDS else "Member"
    return None


def body_names(minutes: Minutes) -> dict[str, set[str]]:
    """Bodies named in attendance: base name -> the other spellings the minutes use."""
    found: dict[str, set[str]] = {}
    owner_parts = {
        part.strip()
        for action in minutes.actions
        if action.owner_text
        for part in re.split(r"\s*(?:,|&|/|\band\b)\s*", action.owner_text)
        if part.strip()
    }
    for entry in (e for s in minutes.sections for e in s.entries):
        if not entry.is_body:
            continue
        base = MEMBER_SUFFIX.sub("", entry.name).strip() or entry.name
        aliases = found.setdefault(base, set())
        if entry.name != base:
            aliases.add(entry.name)
        for part in owner_parts:
            if MEMBER_SUFFIX.sub("", part).strip().casefold() == base.casefold() and (
                part.casefold() != base.casefold()
            ):
                aliases.add(part)
    return found

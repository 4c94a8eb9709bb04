"""The files an import writes: the meeting, and a new group's file, people.yaml, site.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.commands.new import yaml_scalar
from site_gen.importer.attendance import Entry
from site_gen.importer.members import member_role
from site_gen.importer.minutes import Minutes
from site_gen.importer.updates import Update
from site_gen.importer.words import ROLE_WORDS
from site_gen.vocabulary import AttendanceKind, MeetingStatus


def _entry(entry: Entry) -> str:
    if entry.is_body:
        role = f", role: {yaml_scalar(entry.role)}" if entry.role else ""
        return "{body: " + yaml_scalar(entry.name) + role + "}"
    extra = [
        (key, value)
        for key, value in (
            ("for", entry.substitute_for),
            ("arrived", entry.arrived),
            ("left", entry.left),
        )
        if value
    ]
    if "," in entry.name or extra:  # "Name, role" would split it: say which part is the name
        short = entry.initials or entry.handle
        name = f"{entry.name} ({short})" if short else entry.name
        fields = [("person", name), *([("role", entry.role)] if entry.role else []), *extra]
        return "{" + ", ".join(f"{k}: {yaml_scalar(v)}" for k, v in fields) + "}"
    return yaml_scalar(entry.written())


def _update(update: Update, with_task: bool) -> list[str]:
    key = f'  "{update.action_id}":'
    task = update.task if with_task else ""
    if not update.note and not task:
        return [f"{key} {update.status}"]
    lines = [key, f"    status: {update.status}"]
    if task:
        lines.append(f"    task: {yaml_scalar(task)}")
    if update.note:
        lines.append(f"    note: {yaml_scalar(update.note)}")
    return lines


def meeting_text(minutes: Minutes, status: MeetingStatus, tasks_for: set[str]) -> str:
    """The meeting file. `tasks_for`: ids of earlier actions whose task the content lacks."""
    assert minutes.group is not None and minutes.day is not None
    name = minutes.document.path.replace("\\", "/").rsplit("/", 1)[-1]
    lines = [
        "---",
        f"# Imported from {yaml_scalar(name)} by site-gen import: check it against the original.",
        f"group: {minutes.group.slug}",
        f"date: {minutes.day.isoformat()}",
    ]
    if minutes.number is not None:
        lines.append(f"number: {minutes.number}")
    lines.append(f"status: {status}")
    if minutes.sections:
        lines.append("attendance:")
    for section in minutes.sections:
        lines += [
            f"  - label: {yaml_scalar(section.label)}",
            f"    kind: {section.kind}",
            "    people:",
        ]
        lines += [f"      - {_entry(entry)}" for entry in section.entries]
    if minutes.updates:
        lines.append("action_updates:")
        for update in minutes.updates:
            lines += _update(update, update.action_id in tasks_for)
    lines += ["---", "", minutes.body]
    return "\n".join(lines)


@dataclass(frozen=True)
class Member:
    name: str
    role: str


def group_members(minutes: list[Minutes]) -> list[Member]:
    """A new group's members, as its minutes list them: those present as members, and anyone
    whose role names the group ("Evidence Group Chair", "... & Evidence Group")."""
    found: dict[str, Member] = {}
    for meeting in minutes:
        assert meeting.group is not None
        for section in meeting.sections:
            for entry in section.entries:
                if entry.is_body:
                    continue
                role = member_role(entry, meeting.group.name)
                if role is None and section.kind is AttendanceKind.PRESENT:
                    role = entry.role if entry.role.casefold() in ROLE_WORDS else "Member"
                if role is not None:
                    role = role[:1].upper() + role[1:]
                    found[entry.name.casefold()] = Member(entry.name, role)
    return list(found.values())


def group_text(name: str, members: list[Member]) -> str:
    lines = [
        f"name: {yaml_scalar(name)}",
        "# Written by site-gen import from the attendance of the minutes it imported:",
        "# check the members and roles, and add terms (from: / until:) where they changed.",
        "members:" if members else "members: []",
    ]
    for member in members:
        if member.role == "Member":
            lines.append(f"  - {yaml_scalar(member.name)}")
        else:
            lines += [
                f"  - name: {yaml_scalar(member.name)}",
                f"    role: {yaml_scalar(member.role)}",
            ]
    return "\n".join(lines) + "\n"


def people_text(bodies: dict[str, set[str]]) -> str:
    lines = [
        "# Written by site-gen import: the teams the minutes name, with the spellings they use.",
        "bodies:",
    ]
    for name in sorted(bodies):
        lines.append(f"  - name: {yaml_scalar(name)}")
        aliases = sorted(bodies[name])
        if aliases:
            lines.append("    aliases: [" + ", ".join(yaml_scalar(a) for a in aliases) + "]")
    return "\n".join(lines) + "\n"


SITE_TEXT = (
    "# Written by site-gen import, which found no site.yaml: give the site its real title.\n"
    "title: Minutes\n"
)

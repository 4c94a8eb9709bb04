"""`site-gen new meeting`: the file for a group's next meeting, filled in from the content.

It reads the content through the pipeline (load, parse, link, drafts included) and writes
one new Markdown file: the next number, the group's members as expected attendance, and a
"Matters arising" section with every action of the group still open. It never replaces a
file, and never states anything the content does not (no status updates, no agenda).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from site_gen.commands.options import add_content_option
from site_gen.model import Action, Group, Meeting, Owner, Site
from site_gen.parse.content import ParsedContent
from site_gen.problems import Problems
from site_gen.progress import plural
from site_gen.stages import gather
from site_gen.views.common import long_date

HELP = "start the file of a group's next meeting"
DESCRIPTION = (
    "Write the file of a group's next meeting: its number, the group's members as expected "
    "attendance, and every open action of the group under 'Matters arising', ready for "
    "action_updates. An existing file is never replaced."
)


class ScaffoldError(Exception):
    """Why no file was written, in words for the author."""


@dataclass(frozen=True)
class NewMeeting:
    path: Path
    text: str
    number: int | None
    members: int
    open_actions: int
    notes: tuple[str, ...]  # what the author should look at


def find_group(site: Site, wanted: str) -> Group:
    for group in site.groups:
        if wanted in (group.slug, group.name) or wanted.casefold() == group.name.casefold():
            return group
    known = ", ".join(g.slug for g in site.groups) or "none yet"
    raise ScaffoldError(f"there is no group {wanted!r} (known groups: {known})")


def _number(
    earlier: list[Meeting], later: list[Meeting], day: date, given: int | None
) -> tuple[int | None, list[str]]:
    if given is not None:
        return given, []
    if later:
        return None, [
            f"number left out: the group already has meetings after {day.isoformat()} "
            f"({later[0].date.isoformat()}); add 'number:' yourself"
        ]
    if not earlier:
        return 1, [
            "number 1: this is the group's first meeting in the content; change it "
            "if earlier meetings were not published"
        ]
    if earlier[-1].number is None:
        return None, [
            f"number left out: the last meeting ({earlier[-1].date.isoformat()}) has none; "
            "add 'number:' yourself"
        ]
    return earlier[-1].number + 1, []


def _owner_name(owner: Owner, site: Site) -> str:
    if owner.person_id:
        return site.person_by_id[owner.person_id].name
    if owner.body_id:
        return site.body_by_id[owner.body_id].name
    if owner.group:
        return site.group_by_slug[owner.group].name
    return owner.text


def _owners(action: Action, site: Site) -> str:
    names = [_owner_name(o, site) for o in action.owners]
    return _one_line(" and ".join(names) or action.owner_text)


def _raised(action: Action, site: Site) -> str:
    if action.raised_in is None:
        return "raised before the published record"
    meeting = site.meeting_by_key[action.raised_in]
    number = f"meeting {meeting.number}, " if meeting.number is not None else ""
    return f"raised at {number}{long_date(meeting.date)}"


def _sentence(text: str) -> str:
    text = _one_line(text)
    return text if not text or text[-1] in ".!?" else text + "."


def matters_arising_item(action: Action, site: Site) -> str:
    """A Matters arising line: "Action 3.1 (Dez Holmes): connect ... Raised at meeting 3, ..."."""
    owners = _owners(action, site)
    who = f" ({owners})" if owners else ""
    what = f": {_sentence(action.task)}" if action.task else " (task not recorded)."
    status = "" if action.status == "open" else f" Now {action.status.label}."
    raised = _raised(action, site)
    return f"- {action.label}{who}{what}{status} {raised[0].upper()}{raised[1:]}."


def update_comment(action: Action, site: Site) -> str:
    """A commented-out action_updates line, saying which action it is."""
    about = ": ".join(x for x in (_owners(action, site), _one_line(action.task)) if x)
    key = action.action_id or action.key  # one without an id: by its page name
    return f'  # "{key}": {action.status}  # {about or _raised(action, site)}'


def _one_line(text: str) -> str:
    return " ".join(text.split())


def yaml_scalar(value: str) -> str:
    """A YAML scalar on one line, quoted only when it must be."""
    dumped: str = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return dumped.removesuffix("\n...\n").strip()


def _open_actions(site: Site, group: Group, day: date) -> list[Action]:
    def before(action: Action) -> bool:
        return action.raised_in is None or site.meeting_by_key[action.raised_in].date < day

    return [a for a in site.actions if a.group == group.slug and a.status.is_open and before(a)]


def render_meeting(
    site: Site, group: Group, day: date, number: int | None, actions: list[Action]
) -> tuple[str, int]:
    """The new file's text, and how many members it expects."""
    members = [m for m in group.memberships if m.active_on(day)]
    lines = ["---", f"group: {group.slug}", f"date: {day.isoformat()}"]
    if number is not None:
        lines.append(f"number: {number}")
    lines += [
        "status: draft              # set to approved once the group has agreed these minutes",
        "attendance:",
        f"  - label: {yaml_scalar(group.name + ' members')}",
        "    kind: present",
        "    people:                # expected: move anyone absent to the sections below",
    ]
    for member in members:
        name = site.person_by_id[member.person_id].name
        role = f", {member.role}" if member.role and member.role != "Member" else ""
        lines.append(f"      - {yaml_scalar(name + role)}")
    if not members:
        lines[-1] = "    people: []             # the group file lists no current members"
    lines += [
        "  - label: Apologies",
        "    kind: apologies",
        "    people: []",
    ]
    numbered = actions  # those without an id by their page name
    if numbered:
        lines.append(
            "action_updates:            # uncomment each and set open, in_progress, closed "
            "or dropped; a note: '{status: closed, note: ...}'"
        )
        lines += [update_comment(action, site) for action in numbered]
    lines += ["---", ""]
    if actions:
        lines += ["## Matters arising", "", "Actions open after the last meeting:", ""]
        lines += [matters_arising_item(action, site) for action in actions]
        lines.append("")
    return "\n".join(lines), len(members)


def _file_of(parsed: ParsedContent, meeting: Meeting) -> str:
    files = [r.path for r in parsed.meetings if (r.group, r.date) == (meeting.group, meeting.date)]
    return min(files) if files else meeting.key


def new_meeting(content: Path, wanted: str, day: date, number: int | None = None) -> NewMeeting:
    """The new meeting's file, not yet written; ScaffoldError if there must be none."""
    problems = Problems()
    parsed, site = gather(content, problems, drafts=True)
    group = find_group(site, wanted)
    path = content / "meetings" / group.slug / f"{day.isoformat()}.md"
    existing = site.meeting_by_key.get(f"{group.slug}/{day.isoformat()}")
    if existing is not None:
        raise ScaffoldError(
            f"{group.name} already has a meeting on {day.isoformat()}: {_file_of(parsed, existing)}"
        )
    if path.exists():
        raise ScaffoldError(f"{path} already exists; site-gen never replaces a file")
    if not _inside(path.parent, content):
        raise ScaffoldError(
            f"{path.parent} leads outside the content folder (a link); the build would not "
            "read a file written there. Make it a real folder inside the content folder"
        )
    meetings = [m for m in site.meetings if m.group == group.slug]
    earlier = [m for m in meetings if m.date < day]
    later = [m for m in meetings if m.date > day]
    number, notes = _number(earlier, later, day, number)
    actions = _open_actions(site, group, day)
    text, members = render_meeting(site, group, day, number, actions)
    if problems.errors:
        notes.append(
            f"the content has {plural(len(problems.errors), 'error')}: run 'site-gen check'; "
            "the open actions listed may be incomplete"
        )
    return NewMeeting(path, text, number, members, len(actions), tuple(notes))


def _inside(folder: Path, content: Path) -> bool:
    """Whether `folder` (or the part of it that exists yet) resolves inside `content`."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    return existing.resolve().is_relative_to(content.resolve())


def write_new_meeting(meeting: NewMeeting) -> None:
    meeting.path.parent.mkdir(parents=True, exist_ok=True)
    # "x": fail rather than replace a file made since we looked.
    with meeting.path.open("x", encoding="utf-8") as file:
        file.write(meeting.text)


# --- the command ---------------------------------------------------------------------------------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    meeting = kinds.add_parser("meeting", help=HELP, description=DESCRIPTION)
    meeting.add_argument("group", metavar="GROUP", help="the group's file name or name")
    meeting.add_argument(
        "--date", type=_day, default=None, help="the meeting's date, YYYY-MM-DD (default: today)"
    )
    meeting.add_argument(
        "--number", type=int, default=None, help="the meeting's number (default: the next one)"
    )
    add_content_option(meeting)


def run(args: argparse.Namespace) -> int:
    content: Path = args.content
    if not content.is_dir():
        print(f"site-gen: error: content folder {content} does not exist", file=sys.stderr)
        return 2
    try:
        meeting = new_meeting(content, args.group, args.date or date.today(), args.number)
        write_new_meeting(meeting)
    except ScaffoldError as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return 1
    except FileExistsError:
        print(f"site-gen: error: {meeting.path} already exists; nothing written", file=sys.stderr)
        return 1
    number = f"meeting {meeting.number}" if meeting.number is not None else "a meeting"
    print(
        f"Wrote {meeting.path}: {number}, {plural(meeting.members, 'member')} expected, "
        f"{plural(meeting.open_actions, 'open action')} under Matters arising."
    )
    for note in meeting.notes:
        print(f"  note: {note}")
    return 0

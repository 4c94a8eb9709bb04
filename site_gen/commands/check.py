"""`site-gen check`: the build without rendering or writing, plus checks only an author needs.

The build's own problems come from the same pipeline stages (load, parse, link). On top of
them, two warnings that would be noise in every build but help whoever keeps the minutes:
open actions that meetings have stopped talking about, and people written two ways.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from site_gen.commands.options import add_content_option
from site_gen.link.linker import linked_records
from site_gen.link.membership import members_present, note_non_member
from site_gen.model import Action, EventKind, Meeting, Site
from site_gen.parse.content import ParsedContent
from site_gen.parse.records import MeetingRecord
from site_gen.problems import Problem, Problems
from site_gen.progress import plural
from site_gen.site_counts import SiteCounts
from site_gen.stages import gather

HELP = "check the content without building (for CI and editors)"
DESCRIPTION = (
    "Check the content as 'site-gen build' would, without writing anything, and also warn "
    "about open actions that recent meetings never mention and about names written two ways. "
    "Exit status: 0 no errors (and no warnings with --strict), 1 problems, 2 usage."
)
DEFAULT_STALE_AFTER = 3


@dataclass(frozen=True)
class CheckOptions:
    content: Path
    drafts: bool = False
    strict: bool = False
    stale_after: int = DEFAULT_STALE_AFTER  # 0: do not look for forgotten actions


@dataclass(frozen=True)
class CheckResult:
    problems: tuple[Problem, ...]
    site: Site

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def failed(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))


def check(options: CheckOptions) -> CheckResult:
    problems = Problems()
    parsed, site = gather(options.content, problems, options.drafts)
    records = linked_records(parsed, site)
    if options.stale_after > 0:
        forgotten_actions(site, records, options.stale_after, problems)
    slips = {(p.path, p.line) for p in problems.items if p.code == "near-name"}
    similar_names(parsed, list(records.values()), site, problems, slips)
    guests_with_members(site, records, problems, slips)
    return CheckResult(tuple(problems.sorted()), site)


# --- guests listed with the members present ----------------------------------------------------


def guests_with_members(
    site: Site, records: dict[str, MeetingRecord], problems: Problems, slips: set[tuple[str, int]]
) -> None:
    """Warn of each person listed as present who was never a member of the group (the
    build warns only of members outside their membership's dates)."""
    for meeting in site.meetings:
        record, group = records[meeting.key], site.group_by_slug[meeting.group]
        for entry, attendee in members_present(record, meeting.sections):
            if (record.path, entry.line) not in slips:
                note_non_member(record, group, entry, attendee, problems, everyone=True)


# --- open actions no meeting mentions any more ------------------------------------------------


def forgotten_actions(
    site: Site, records: dict[str, MeetingRecord], after: int, problems: Problems
) -> None:
    """Warn about each open action that the last `after` meetings of its group never named."""
    meetings: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in site.meetings:  # by group, then date
        meetings[meeting.group].append(meeting)
    for action in site.actions:
        if not action.status.is_open or not action.events:
            continue
        last = action.events[-1]
        meeting, record = site.meeting_by_key[last.meeting], records[last.meeting]
        # Meetings held since, with minutes: a scheduled one has not had its say yet.
        since = sum(1 for m in meetings[action.group] if m.has_minutes and m.date > meeting.date)
        if since < after:
            continue
        path, line = record.path, _event_line(action, last.kind, record)
        problems.warning(
            path,
            line,
            f"{action.label.lower()} ({action.short_name}) is still {action.status.label}, "
            f"and none of the {since} meetings since {meeting.date.isoformat()} mentions it",
            _forgotten_hint(action),
            code="forgotten-action",
        )


def _forgotten_hint(action: Action) -> str:
    if action.action_id:
        return (
            f"record where it stands in the next meeting's action_updates "
            f"(e.g. '\"{action.action_id}\": closed'), or mention it in the minutes"
        )
    return "give it an id, e.g. '(3.4)', so a later meeting can record where it stands"


def _event_line(action: Action, kind: EventKind, record: MeetingRecord) -> int:
    """The line of `record` where the action was raised, updated or mentioned."""
    if kind is EventKind.RAISED:
        lines = [a.line for a in record.actions if a.anchor == action.anchor]
    elif kind is EventKind.UPDATED:
        lines = [u.line for u in record.updates if u.action_id == action.action_id]
    else:
        lines = [r.line for r in record.refs if r.action_id == action.action_id]
    return lines[0] if lines else 1


# --- one name written two ways -----------------------------------------------------------------


@dataclass(frozen=True)
class _Written:
    name: str
    path: str
    line: int
    declared: bool  # a name or alias in people.yaml: written that way on purpose


def fold(name: str) -> str:
    """A name without case or accents: "Siân  Ó Súilleabháin" -> "sian o suilleabhain"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split()).casefold()


def _names_written(
    parsed: ParsedContent, records: list[MeetingRecord], site: Site
) -> Iterator[_Written]:
    """Every person's name where the content writes it: people.yaml, groups, then meetings."""
    for person in parsed.people.people:
        for name in (person.name, *person.aliases):
            yield _Written(name, person.path, person.line, True)
    for group in sorted(parsed.groups, key=lambda g: g.path):
        for member in group.members:
            yield _Written(member.name, group.path, member.line, False)
    body_names = {fold(n) for b in site.bodies for n in (b.name, *b.aliases)}
    for record in sorted(records, key=lambda r: r.path):
        for section in record.sections:
            for entry in section.entries:
                if not entry.is_body and fold(entry.name) not in body_names:
                    yield _Written(entry.name, record.path, entry.line, False)


def similar_names(
    parsed: ParsedContent,
    records: list[MeetingRecord],
    site: Site,
    problems: Problems,
    slips: Set[tuple[str, int]] = frozenset(),
) -> None:
    """Warn where a name differs from one written earlier only by case or accents (but
    not again where the build has warned of a slip: link.near_names)."""
    ids = set(site.person_by_id)
    spellings: dict[str, dict[str, _Written]] = defaultdict(dict)
    for written in _names_written(parsed, records, site):
        name = " ".join(written.name.split())
        if name in ids:
            continue  # a person's id ("john-smith-york"), not a name
        seen = spellings[fold(name)]
        if name not in seen or (written.declared and not seen[name].declared):
            seen[name] = _Written(name, written.path, written.line, written.declared)
    for seen in spellings.values():
        if len(seen) < 2:
            continue
        ordered = sorted(seen.values(), key=lambda w: not w.declared)  # stable: keeps order
        first = ordered[0]
        for other in ordered[1:]:
            if other.declared or (other.path, other.line) in slips:
                continue  # people.yaml names both: two people, or an alias, on purpose
            problems.warning(
                other.path,
                other.line,
                f"{other.name!r} differs from {first.name!r} ({first.path}:{first.line}) "
                "only in case or accents",
                f"if this is the same person, write {first.name!r}; "
                "if it is someone else, give both an entry with an id in people.yaml",
                code="similar-names",
            )


# --- the command ---------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_content_option(parser)
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="check drafts as --drafts builds them (without it, drafts are checked too, "
        "their errors reported as warnings)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (for CI)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: 'path:line: severity: message' lines; json: one object per problem",
    )
    parser.add_argument(
        "--stale-after",
        type=int,
        default=DEFAULT_STALE_AFTER,
        metavar="N",
        help="warn about open actions that no meeting has named in the last N meetings "
        f"of their group (default: {DEFAULT_STALE_AFTER}; 0 turns this off)",
    )


def problem_json(problem: Problem) -> dict[str, object]:
    # Problems are pinned to lines, not characters: column is always 1.
    return {
        "path": problem.path,
        "line": problem.line,
        "column": 1,
        "severity": str(problem.severity),
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
    }


def run(args: argparse.Namespace) -> int:
    content: Path = args.content
    if not content.is_dir():
        print(f"site-gen: error: content folder {content} does not exist", file=sys.stderr)
        return 2
    options = CheckOptions(content, args.drafts, args.strict, max(args.stale_after, 0))
    result = check(options)
    if args.format == "json":
        json.dump([problem_json(p) for p in result.problems], sys.stdout, indent=2)
        print()
    else:
        for problem in result.problems:
            print(problem.format())
        print(_summary(result, options))
    return 1 if result.failed(options.strict) else 0


def _summary(result: CheckResult, options: CheckOptions) -> str:
    site = result.site
    checked = (
        f"Checked {options.content}: {plural(len(site.meetings), 'meeting')}, "
        f"{plural(len(site.groups), 'group')}, {plural(len(site.people), 'person', 'people')}, "
        f"{plural(len(site.actions), 'action')}"
        f"{SiteCounts.of(site).drafts_note()}"
    )
    if not result.problems:
        return f"{checked}: no problems."
    verdict = "failed" if result.failed(options.strict) else "passed"
    strict = " (--strict)" if options.strict and result.warnings else ""
    return (
        f"{checked}: {plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}"
        f"{strict}; check {verdict}."
    )

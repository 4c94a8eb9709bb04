"""The import command: read each file, infer its meeting, write what is new, report it all."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_gen.cli_options import add_content_option
from site_gen.importer.document import Document, ImportReadError
from site_gen.importer.docx import SUFFIXES as DOCX_SUFFIXES
from site_gen.importer.docx import read_docx
from site_gen.importer.emit import (
    SITE_TEXT,
    group_members,
    group_text,
    meeting_text,
    people_text,
)
from site_gen.importer.infer import infer
from site_gen.importer.members import body_names
from site_gen.importer.minutes import Known, KnownGroup, Minutes
from site_gen.importer.plain import read_text
from site_gen.link import link_site
from site_gen.link.registry import name_key
from site_gen.load import load_content
from site_gen.problems import Problem, Problems
from site_gen.progress import Progress, Stopwatch, plural
from site_gen.stages import parse_content
from site_gen.vocabulary import MeetingStatus

HELP = "turn minutes in text, Markdown or Word files into content"
DESCRIPTION = (
    "Read minutes written elsewhere (plain text, Markdown, Word .docx) and write each as a "
    "meeting file in the content folder, with its group's file if the group is new. It infers "
    "the group, date, number, attendance, agenda items, actions with owners and ids, and "
    "updates to earlier actions, and prints what it read and what it could not, with line "
    "numbers. It never replaces a file and never invents: what it cannot read stays as text."
)


@dataclass(frozen=True)
class ContentState:
    known: Known
    raised: dict[str, set[str]]  # group slug -> ids of actions raised in the content
    meetings: dict[str, str]  # "group/date" -> the file of that meeting


def read_content(content: Path) -> ContentState:
    """What the content folder holds already, read through the pipeline (drafts included)."""
    if not content.is_dir():
        return ContentState(Known(), {}, {})
    problems = Problems()
    parsed = parse_content(load_content(content, problems), problems)
    site = link_site(parsed, problems, include_drafts=True)
    bodies = frozenset(name_key(n) for b in site.bodies for n in (b.name, *b.aliases))
    raised: dict[str, set[str]] = {}
    for action in site.actions:
        if action.raised_in and action.action_id:
            raised.setdefault(action.group, set()).add(action.action_id)
    known = Known(
        groups=tuple(KnownGroup(g.slug, g.name) for g in site.groups),
        bodies=bodies,
        month_first=site.config.language.casefold() == "en-us",
    )
    files = {
        f"{r.group}/{r.date.isoformat()}": r.path
        for r in sorted(parsed.meetings, key=lambda r: r.path, reverse=True)
    }
    return ContentState(
        known, raised, {key: files[key] for key in site.meeting_by_key if key in files}
    )


def read_document(path: Path) -> Document:
    if not path.is_file():
        raise ImportReadError("no such file")
    if path.suffix.lower() in DOCX_SUFFIXES:
        return read_docx(path)
    if path.suffix.lower() in (".doc", ".pdf", ".odt", ".rtf"):
        raise ImportReadError(
            f"{path.suffix} files cannot be read: save it as .docx (Word) or copy its text to .txt"
        )
    return read_text(path)


@dataclass
class Outcome:
    path: Path
    minutes: Minutes | None = None
    target: Path | None = None
    failure: str = ""  # why nothing was written
    problems: list[Problem] = field(default_factory=list)  # from checking what was written


def _targets(outcomes: list[Outcome], content: Path, state: ContentState) -> None:
    """Where each meeting goes; failures for those that cannot go anywhere."""
    claimed: dict[Path, Path] = {}
    for outcome in outcomes:
        minutes = outcome.minutes
        if minutes is None:
            continue
        if minutes.group is None:
            outcome.failure = "no group: give it with --group"
            continue
        if minutes.day is None:
            outcome.failure = "no date found"
            continue
        target = content / "meetings" / minutes.group.slug / f"{minutes.day.isoformat()}.md"
        existing = state.meetings.get(f"{minutes.group.slug}/{minutes.day.isoformat()}")
        if existing is not None and not target.exists():
            outcome.failure = f"{existing} is already the {minutes.group.name} meeting of that day"
        elif target.exists():
            outcome.failure = f"{target} already exists; site-gen never replaces a file"
        elif target in claimed:
            outcome.failure = f"{claimed[target]} gives the same group and date"
        else:
            claimed[target] = outcome.path
            outcome.target = target


def _earlier_tasks(outcomes: list[Outcome], state: ContentState) -> dict[Path, set[str]]:
    """Per meeting, the ids of updated actions raised nowhere: the update says what they were."""
    raised = {slug: set(ids) for slug, ids in state.raised.items()}
    for outcome in outcomes:
        if outcome.target and outcome.minutes and outcome.minutes.group:
            slug = outcome.minutes.group.slug
            raised.setdefault(slug, set()).update(
                a.action_id for a in outcome.minutes.actions if a.action_id
            )
    tasks = {}
    for outcome in outcomes:
        if outcome.target and outcome.minutes and outcome.minutes.group:
            seen = raised.get(outcome.minutes.group.slug, set())
            tasks[outcome.target] = {u.action_id for u in outcome.minutes.updates} - seen
    return tasks


@dataclass
class Written:
    meetings: list[Path] = field(default_factory=list)
    created: list[Path] = field(default_factory=list)  # group files, people.yaml, site.yaml
    advice: list[str] = field(default_factory=list)  # what the author should add by hand


def _write_new(path: Path, text: str, written: Written) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never replace
        file.write(text)
    written.created.append(path)


def write_all(
    outcomes: list[Outcome], content: Path, state: ContentState, status: MeetingStatus
) -> Written:
    written = Written()
    ready = [o for o in outcomes if o.target and o.minutes]
    if not ready:
        return written
    content.mkdir(parents=True, exist_ok=True)
    if not (content / "site.yaml").exists():
        _write_new(content / "site.yaml", SITE_TEXT, written)
    new_groups: dict[str, list[Minutes]] = {}
    for outcome in ready:
        assert outcome.minutes is not None and outcome.minutes.group is not None
        if outcome.minutes.group_is_new:
            new_groups.setdefault(outcome.minutes.group.slug, []).append(outcome.minutes)
    for slug, meetings in sorted(new_groups.items()):
        path = content / "groups" / f"{slug}.yaml"
        if not path.exists():
            name = meetings[0].group.name if meetings[0].group else slug
            _write_new(path, group_text(name, group_members(meetings)), written)
    _write_bodies([o.minutes for o in ready if o.minutes], content, state, written)
    tasks = _earlier_tasks(outcomes, state)
    for outcome in ready:
        assert outcome.minutes is not None and outcome.target is not None
        text = meeting_text(outcome.minutes, status, tasks.get(outcome.target, set()))
        outcome.target.parent.mkdir(parents=True, exist_ok=True)
        with outcome.target.open("x", encoding="utf-8") as file:
            file.write(text)
        written.meetings.append(outcome.target)
    return written


def _write_bodies(
    meetings: list[Minutes], content: Path, state: ContentState, written: Written
) -> None:
    """Teams named in attendance (and their spellings as owners) go in people.yaml."""
    bodies: dict[str, set[str]] = {}
    for minutes in meetings:
        for name, aliases in body_names(minutes).items():
            bodies.setdefault(name, set()).update(aliases)
    missing = {
        name: {a for a in aliases if name_key(a) not in state.known.bodies}
        for name, aliases in bodies.items()
        if name_key(name) not in state.known.bodies
        or any(name_key(a) not in state.known.bodies for a in aliases)
    }
    if not missing:
        return
    people = content / "people.yaml"
    if not people.exists():
        _write_new(people, people_text(missing), written)
        return
    for name, aliases in sorted(missing.items()):
        spellings = ", ".join(sorted(aliases)) or "no other spelling"
        written.advice.append(
            f"people.yaml exists and was not changed: add the body {name!r} "
            f"(aliases: {spellings}) under 'bodies:' if it is not there under another name"
        )


def check_written(outcomes: list[Outcome], root: Path, content: Path) -> None:
    """The problems the build will report in the meetings just written (into `root`, which
    is `content` or, in a dry run, a copy of it: problems name the real place)."""
    paths = {str(o.target): o for o in outcomes if o.target}
    if not paths:
        return
    problems = Problems()
    parsed = parse_content(load_content(root, problems), problems)
    link_site(parsed, problems, include_drafts=True)
    for problem in problems.sorted():
        if problem.path in paths:
            shown = str(content / Path(problem.path).relative_to(root))
            paths[problem.path].problems.append(replace(problem, path=shown))


# --- the report ---------------------------------------------------------------------------------


def _at(document: Document, line: int | None) -> str:
    return f"{document.where(line)}: " if line else ""


def report(outcome: Outcome, shown_target: Path | None) -> list[str]:
    minutes = outcome.minutes
    if minutes is None:
        return [f"{outcome.path}: not imported: {outcome.failure}"]
    doc = minutes.document
    head = f"{outcome.path} -> {shown_target}" if shown_target else f"{outcome.path}: not imported"
    lines = [head + (f": {outcome.failure}" if outcome.failure else "")]

    def block(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"  {title}:")
            lines.extend(f"    {item}" for item in items)

    block("read", [_at(doc, f.line) + f.text for f in minutes.inferred])
    block(
        "attendees",
        [
            f"{_at(doc, e.line)}{e.written()}{' (body)' if e.is_body else ''} [{s.kind}]"
            for s in minutes.sections
            for e in s.entries
        ],
    )
    block("agenda items", [f"{_at(doc, line)}{title}" for line, title in minutes.agenda])
    block(
        "actions",
        [
            f"{_at(doc, minutes.source_line(a.line))}{a.action_id or '(no id)'}: "
            f"{a.owner_text or '(no owner)'} to {' '.join(a.task.split())}"
            for a in minutes.actions
        ],
    )
    block(
        "updates to earlier actions",
        [
            f"{_at(doc, u.line)}{u.action_id} {u.status}"
            + (f" (task: {u.task})" if u.task else "")
            + (f" (note: {u.note})" if u.note else "")
            for u in minutes.updates
        ],
    )
    updated = {u.action_id for u in minutes.updates}
    raised = {a.action_id for a in minutes.actions}
    mentions: dict[str, int] = {}
    for ref in minutes.refs:
        if ref.action_id not in updated and ref.action_id not in raised:
            mentions.setdefault(ref.action_id, minutes.source_line(ref.line))
    block("mentions of earlier actions", [f"{_at(doc, ln)}{i}" for i, ln in mentions.items()])
    block("repaired", [_at(doc, f.line) + f.text for f in minutes.repaired])
    checks = [_at(doc, f.line) + f.text for f in minutes.unsure]
    checks += [p.format().replace("\n", "\n      ") for p in outcome.problems]
    block("to check", checks)
    return lines


def _things_to_check(outcomes: list[Outcome]) -> int:
    return sum(len(o.minutes.unsure) + len(o.problems) for o in outcomes if o.minutes and o.target)


# --- the command ---------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".txt, .md or .docx")
    add_content_option(parser)
    parser.add_argument(
        "--group", default=None, help="the group (file name or name) when the minutes do not say"
    )
    parser.add_argument(
        "--status",
        choices=[str(s) for s in MeetingStatus],
        default=str(MeetingStatus.DRAFT),
        help="the status written (default: draft, so nothing is published before it is checked)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would be written; write nothing"
    )


def run(args: argparse.Namespace) -> int:
    took = Stopwatch()
    content: Path = args.content
    state = read_content(content)
    progress = Progress()
    outcomes = []
    files: list[Path] = args.files
    for done, path in enumerate(files, start=1):
        outcome = Outcome(path)
        try:
            outcome.minutes = infer(read_document(path), state.known, args.group)
        except ImportReadError as exc:
            outcome.failure = str(exc)
        except OSError as exc:
            outcome.failure = f"cannot read it: {exc.strerror}"
        outcomes.append(outcome)
        progress("reading", done, len(files))
    progress.clear()
    _targets(outcomes, content, state)

    root = content
    scratch = Path(tempfile.mkdtemp(prefix="site-gen-import-")) if args.dry_run else None
    try:
        if scratch is not None:  # a dry run writes into a copy, to check what it would write
            root = scratch / "content"
            if content.is_dir():
                shutil.copytree(content, root)
            for outcome in outcomes:
                if outcome.target:
                    outcome.target = root / outcome.target.relative_to(content)
        written = write_all(outcomes, root, state, MeetingStatus(args.status))
        check_written(outcomes, root, content)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    def shown(path: Path | None) -> Path | None:
        return content / path.relative_to(root) if path is not None else None

    for outcome in outcomes:
        print("\n".join(report(outcome, shown(outcome.target))), flush=True)
    for path in written.created:
        verb = "would create" if args.dry_run else "created"
        print(f"{verb} {shown(path)}")
    for advice in written.advice:
        print(f"note: {advice}")
    imported = sum(1 for o in outcomes if o.target)
    failed = len(outcomes) - imported
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb} {imported} of {plural(len(outcomes), 'file')} into {content}"
        + (f" ({failed} not imported)" if failed else "")
        + f": {plural(_things_to_check(outcomes), 'thing')} to check, in {took}."
    )
    return 1 if failed else 0

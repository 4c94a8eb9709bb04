"""What the content folder holds already, where each imported meeting goes, and writing it:
never replacing a file, then checking what was written as the build will."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from site_gen.importer.document import Document
from site_gen.importer.emit import (
    SITE_TEXT,
    group_members,
    group_text,
    meeting_text,
    people_text,
)
from site_gen.importer.findings import KnownGroup
from site_gen.importer.infer import Known, Minutes, body_names
from site_gen.link.registry import name_key
from site_gen.model import Site
from site_gen.problems import Problem, Problems
from site_gen.stages import gather
from site_gen.vocabulary import MeetingStatus


@dataclass(frozen=True)
class ContentState:
    known: Known
    raised: dict[str, set[str]]  # group slug -> ids of actions raised in the content
    meetings: dict[str, str]  # "group/date" -> the file of that meeting


def read_content(content: Path, month_first: bool | None = None) -> ContentState:
    """What the content folder holds already, read through the pipeline (drafts included).
    `month_first`: how the archive's own numeric dates read, when they settle it."""
    if not content.is_dir():
        return ContentState(Known(month_first=bool(month_first)), {}, {})
    problems = Problems()
    parsed, site = gather(content, problems, drafts=True)
    bodies = frozenset(name_key(n) for b in site.bodies for n in (b.name, *b.aliases))
    raised: dict[str, set[str]] = {}
    for action in site.actions:
        if action.raised_in and action.action_id:
            raised.setdefault(action.group, set()).add(action.action_id)
    language_month_first = site.config.language.casefold() == "en-us"
    known = Known(
        groups=tuple(KnownGroup(g.slug, g.name) for g in site.groups),
        bodies=bodies,
        month_first=language_month_first if month_first is None else month_first,
        raised=tuple(
            (a.group, a.action_id, a.task) for a in site.actions if a.raised_in and a.action_id
        ),
    )
    files = {
        f"{r.group}/{r.date.isoformat()}": r.path
        for r in sorted(parsed.meetings, key=lambda r: r.path, reverse=True)
    }
    return ContentState(
        known, raised, {key: files[key] for key in site.meeting_by_key if key in files}
    )


@dataclass
class Outcome:
    """One meeting read from a file (a file may hold several), and what became of it."""

    path: Path
    document: Document
    minutes: Minutes | None = None
    target: Path | None = None
    failure: str = ""  # why nothing was written
    hint: str = ""
    cancelled: bool = False  # noted, never written
    private: str = ""  # the privacy tag: the minutes are written withheld
    same_as: str = ""  # path:line of a meeting of the same group and date, written instead
    problems: list[Problem] = field(default_factory=list)  # from checking what was written

    @property
    def day(self) -> date | None:
        return self.minutes.day if self.minutes else None

    @property
    def line(self) -> int:
        part = self.document.part
        return part.line if part is not None else 1


def assign_targets(outcomes: list[Outcome], content: Path, state: ContentState) -> None:
    """Where each meeting goes; failures for those that cannot go anywhere."""
    claimed: dict[Path, Outcome] = {}
    for outcome in outcomes:
        minutes = outcome.minutes
        if minutes is None or outcome.cancelled or outcome.failure:
            continue
        if minutes.group is None:
            outcome.failure = "no group found"
            outcome.hint = "give it with --group NAME"
            continue
        if minutes.day is None:
            outcome.failure = "no date found"
            outcome.hint = "give it with --date YYYY-MM-DD, or put the date in the file's name"
            continue
        target = content / "meetings" / minutes.group.slug / f"{minutes.day.isoformat()}.md"
        existing = state.meetings.get(f"{minutes.group.slug}/{minutes.day.isoformat()}")
        if existing is not None and not target.exists():
            outcome.failure = f"{existing} is already the {minutes.group.name} meeting of that day"
            outcome.hint = "site-gen never replaces a meeting: remove that file to import this one"
        elif target.exists():
            outcome.failure = f"{target} already exists; site-gen never replaces a file"
            outcome.hint = "remove or rename it to import this meeting again"
        elif target in claimed:
            first = claimed[target]
            outcome.same_as = f"{first.path}:{first.document.where(first.line)}"
        else:
            claimed[target] = outcome
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
    known = {g.slug for g in state.known.groups}
    new_groups: dict[str, list[Minutes]] = {}
    for outcome in ready:
        assert outcome.minutes is not None and outcome.minutes.group is not None
        if outcome.minutes.group.slug not in known:
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
        meeting_status = MeetingStatus.DRAFT if outcome.private else status
        text = meeting_text(outcome.minutes, meeting_status, tasks.get(outcome.target, set()))
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


def check_written(outcomes: list[Outcome], root: Path, content: Path) -> Site | None:
    """The problems the build will report in the meetings just written (into `root`, which
    is `content` or, in a dry run, a copy of it: problems name the real place), and the
    site as the build links it, for the figures of the summary."""
    paths = {str(o.target): o for o in outcomes if o.target}
    if not paths:
        return None
    problems = Problems()
    _, site = gather(root, problems, drafts=True)
    for problem in problems.sorted():
        if problem.path in paths:
            shown = str(content / Path(problem.path).relative_to(root))
            paths[problem.path].problems.append(replace(problem, path=shown))
    return site

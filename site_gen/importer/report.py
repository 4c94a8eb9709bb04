"""What an import says: each meeting read, every finding as `path:line: text`, then a table
of figures per file and in total."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_gen.importer.document import Document, Line
from site_gen.importer.minutes import Minutes
from site_gen.importer.updates import Update
from site_gen.importer.writing import Outcome
from site_gen.model import EventKind, Site
from site_gen.vocabulary import AttendanceKind


@dataclass
class FileResult:
    """One file given to the import: the meetings read from it, or why none could be."""

    path: Path
    outcomes: list[Outcome] = field(default_factory=list)
    failure: str = ""
    hint: str = ""
    line: int = 1
    left_out: tuple[Line, ...] = ()  # stretches of the file in no meeting
    document: Document | None = None


@dataclass
class Figures:
    meetings: int = 0
    attendees: int = 0
    apologies: int = 0
    actions: int = 0
    owned: int = 0  # actions with an owner written
    resolved: int = 0  # ... whose every owner the build resolves
    updates: int = 0
    checks: int = 0
    refused: int = 0

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _at(path: Path, document: Document, line: int | None) -> str:
    return f"{path}:{document.where(line)}: " if line else f"{path}: "


def meeting_figures(outcome: Outcome, site: Site | None) -> Figures:
    figures = Figures()
    minutes = outcome.minutes
    if outcome.failure:
        figures.refused = 1
    if outcome.same_as:
        figures.checks = 1
        return figures
    if minutes is None or outcome.target is None:
        figures.checks = len(minutes.unsure) if minutes and not outcome.cancelled else 0
        return figures
    figures.meetings = 1
    for section in minutes.sections:
        people = sum(1 for e in section.entries if not e.is_body)
        if section.kind.attended:
            figures.attendees += people
        elif section.kind in (AttendanceKind.APOLOGIES, AttendanceKind.ABSENT):
            figures.apologies += people
    figures.actions = len(minutes.actions)
    figures.updates = len(_all_updates(minutes))
    figures.checks = len(minutes.unsure) + len(outcome.problems)
    if site is not None and minutes.group is not None and minutes.day is not None:
        key = f"{minutes.group.slug}/{minutes.day.isoformat()}"
        for action in site.actions:
            if action.raised_in == key and action.owner_text:
                figures.owned += 1
                figures.resolved += all(o.person_id or o.body_id or o.group for o in action.owners)
        figures.actions = sum(1 for a in site.actions if a.raised_in == key)
        figures.updates = sum(
            1
            for a in site.actions
            for e in a.events
            if e.meeting == key and e.kind is EventKind.UPDATED and a.raised_in != key
        )
    return figures


def _all_updates(minutes: Minutes) -> list[Update]:
    """Updates for the front matter, and those the build reads in the body (an id in both
    is the front matter's)."""
    written = {u.action_id for u in minutes.updates}
    return [*minutes.updates, *(u for u in minutes.body_updates if u.action_id not in written)]


def _owners(site: Site | None, minutes: Minutes) -> dict[tuple[str | None, str], str]:
    """What the build made of each action's owner: (id, task) -> "Jane Smith, Alan Brown"."""
    if site is None or minutes.group is None or minutes.day is None:
        return {}
    key = f"{minutes.group.slug}/{minutes.day.isoformat()}"
    named = {p.id: p.name for p in site.people}
    bodies = {b.id: b.name for b in site.bodies}
    found = {}
    for action in site.actions:
        if action.raised_in != key or not action.owners:
            continue
        names = [
            named.get(o.person_id or "") or bodies.get(o.body_id or "") or o.group or "?"
            for o in action.owners
        ]
        found[(action.action_id, action.task)] = ", ".join(names)
    return found


def _raised_here(site: Site | None, minutes: Minutes) -> set[str] | None:
    """Anchors of the actions the build raised at this meeting; the others it read as
    earlier actions listed again (carried forward, or reviewed)."""
    if site is None or minutes.group is None or minutes.day is None:
        return None
    key = f"{minutes.group.slug}/{minutes.day.isoformat()}"
    return {a.anchor for a in site.actions if a.raised_in == key}


def meeting_report(
    outcome: Outcome, shown_target: Path | None, split: bool, site: Site | None = None
) -> list[str]:
    doc, path, minutes = outcome.document, outcome.path, outcome.minutes
    part = doc.part
    head = f"{path}:{doc.where(part.line)}: {part.heading}" if split and part else f"{path}"
    if outcome.cancelled:
        return [f"{head}: a cancelled meeting: noted, not written as a meeting"]
    if outcome.same_as:
        return [
            f"{head}: the same group and date as {outcome.same_as}, which is written: not "
            "written twice (hint: if it is another meeting, import it alone with --date; if it "
            "is the same meeting in another form, such as a chat log, nothing is lost)"
        ]
    if shown_target is not None:
        head += f" -> {shown_target}"
        if outcome.private:
            head += f" (marked {outcome.private!r}: minutes withheld, kept as a draft)"
    else:
        head += ("" if split else ":1") + f": not imported: {outcome.failure}"
        if outcome.hint:
            head += f" (hint: {outcome.hint})"
    lines = [head]
    if minutes is None:
        return lines
    indent = "    " if split else "  "

    def block(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"{indent}{title}:")
            lines.extend(f"{indent}  {item}" for item in items)

    def at(line: int | None) -> str:
        return _at(path, doc, line)

    block("read", [at(f.line) + f.text for f in minutes.inferred])
    block(
        "attendees",
        [
            f"{at(e.line)}{e.written()}{' (body)' if e.is_body else ''} [{s.kind}]"
            for s in minutes.sections
            for e in s.entries
        ],
    )
    block("agenda items", [f"{at(line)}{title}" for line, title in minutes.agenda])
    owners = _owners(site, minutes)
    raised_here = _raised_here(site, minutes)
    block(
        "actions",
        [
            f"{at(minutes.source_line(a.line))}{a.action_id or '(no id)'}: "
            f"{a.owner_text or '(no owner)'}"
            + (f" ({owners[(a.action_id, a.task)]})" if (a.action_id, a.task) in owners else "")
            + f" to {' '.join(a.task.split())}"
            + ("" if raised_here is None or a.anchor in raised_here else " (an earlier action)")
            for a in minutes.actions
        ],
    )
    block(
        "updates to earlier actions",
        [
            f"{at(u.line)}{u.action_id} {u.status}"
            + (f" (task: {u.task})" if u.task else "")
            + (f" (note: {u.note})" if u.note else "")
            for u in sorted(_all_updates(minutes), key=lambda u: u.line)
        ],
    )
    updated = {u.action_id for u in minutes.updates}
    raised = {a.action_id for a in minutes.actions}
    mentions: dict[str, int] = {}
    for ref in minutes.refs:
        if ref.action_id not in updated and ref.action_id not in raised:
            mentions.setdefault(ref.action_id, minutes.source_line(ref.line))
    block("mentions of earlier actions", [f"{at(ln)}{i}" for i, ln in mentions.items()])
    block("repaired", [at(f.line) + f.text for f in minutes.repaired])
    checks = [at(f.line) + f.text for f in minutes.unsure]
    checks += [p.format().replace("\n", f"\n{indent}    ") for p in outcome.problems]
    block("to check", checks)
    return lines


def file_report(result: FileResult, shown: dict[Path, Path], site: Site | None = None) -> list[str]:
    if result.failure:
        return [
            f"{result.path}:{result.line}: not imported: {result.failure}"
            + (f" (hint: {result.hint})" if result.hint else "")
        ]
    split = len(result.outcomes) > 1 or any(o.document.part for o in result.outcomes)
    lines = []
    if split:
        lines.append(f"{result.path}: {len(result.outcomes)} meetings in one file")
        doc = result.document or result.outcomes[0].document
        lines += [f"  {_at(result.path, doc, ln.number)}{ln.text}" for ln in result.left_out]
    for outcome in result.outcomes:
        target = shown.get(outcome.target) if outcome.target else None
        report = meeting_report(outcome, target, split, site)
        lines += [("  " if split else "") + text for text in report]
    return lines


_COLUMNS = (
    ("meetings", "meetings"),
    ("attendees", "attendees"),
    ("apologies", "apologies"),
    ("actions", "actions"),
    ("owners", "owners resolved"),
    ("updates", "updates"),
    ("checks", "to check"),
    ("refused", "not imported"),
)


def _cells(figures: Figures) -> list[str]:
    cells = []
    for name, _ in _COLUMNS:
        if name == "owners":
            cells.append(f"{figures.resolved}/{figures.owned}")
        else:
            cells.append(str(getattr(figures, name)))
    return cells


def summary_table(rows: list[tuple[str, Figures]]) -> list[str]:
    """Figures per file and in total, as a Markdown table (it reads as text too)."""
    total = Figures()
    for _, figures in rows:
        total.add(figures)
    table = [(name, _cells(figures)) for name, figures in rows]
    table.append((f"total ({len(rows)} file{'s' if len(rows) != 1 else ''})", _cells(total)))
    heads = ["file", *(title for _, title in _COLUMNS)]
    widths = [max(len(heads[0]), *(len(name) for name, _ in table))]
    widths += [
        max(len(title), *(len(cells[i]) for _, cells in table))
        for i, (_, title) in enumerate(_COLUMNS)
    ]

    def row(values: list[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = [v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True)]
        return "| " + " | ".join([first, *rest]) + " |"

    lines = [row(heads), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [row([name, *cells]) for name, cells in table]
    return lines

"""The import command: read every file (or a whole archive), split files that hold several
meetings, read each meeting oldest first, write what is new, and report it all."""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from site_gen.commands.options import add_content_option
from site_gen.importer.dates import numeric_order
from site_gen.importer.document import Document, ImportReadError
from site_gen.importer.findings import Finding
from site_gen.importer.identity import preview_date
from site_gen.importer.infer import Known, Minutes, infer
from site_gen.importer.meetings import privacy_tag, split_meetings
from site_gen.importer.readers import READABLE, read_document
from site_gen.importer.repeated_ids import raised_ids
from site_gen.importer.report import (
    Figures,
    FileResult,
    file_report,
    meeting_figures,
    summary_table,
)
from site_gen.importer.text import MARKDOWN_HEADING, plain
from site_gen.importer.writing import (
    Outcome,
    assign_targets,
    check_written,
    read_content,
    write_all,
)
from site_gen.model import Site
from site_gen.progress import Progress, Stopwatch, plural
from site_gen.vocabulary import MeetingStatus

HELP = "turn minutes (text, Markdown, HTML, Word, PDF; a file or a whole archive) into content"
DESCRIPTION = (
    "Read minutes written elsewhere (plain text, Markdown, HTML pages, Word .docx, PDF, IRC "
    "logs), one file or whole folders of them, and write each meeting as a meeting file in "
    "the content folder, with its group's file if the group is new. A file that holds several "
    "meetings becomes several meeting files. Meetings are read oldest first, so later ones "
    "update the actions of earlier ones. It prints what it read and what it could not, each "
    "with its path:line, and a table of figures per file. It never replaces a file and never "
    "invents: what it cannot read stays as text."
)
_CANCELLED = re.compile(r"\b(?:cancel+(?:ed|led)?|postponed|no meeting)\b", re.IGNORECASE)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = f"{text!r} is not a date: write it as YYYY-MM-DD"
        raise argparse.ArgumentTypeError(message) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="FILE_OR_FOLDER",
        help="minutes (.md, .txt, .html, .docx, .pdf, .log), or folders of them (read whole)",
    )
    add_content_option(parser)
    parser.add_argument(
        "--group", default=None, help="the group (file name or name) of every meeting imported"
    )
    parser.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date of a meeting whose file says none (its name, front matter or text)",
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


# --- reading -------------------------------------------------------------------------------------


def collect(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to read: those named, and the minutes in the folders named (whole trees, in
    name order; hidden files and files of other kinds are passed over and counted)."""
    files: list[Path] = []
    notes: list[str] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        passed: dict[str, int] = {}
        for found in sorted(path.rglob("*")):
            parts = found.relative_to(path).parts
            if not found.is_file() or any(p.startswith(".") for p in parts):
                continue
            if found.suffix.lower() in READABLE and found.suffix:
                files.append(found)
            else:
                kind = found.suffix.lower() or "(no suffix)"
                passed[kind] = passed.get(kind, 0) + 1
        if passed:
            kinds = ", ".join(f"{n} {s}" for s, n in sorted(passed.items()))
            notes.append(f"{path}: passed over files that are not minutes ({kinds})")
    return files, notes


def read_file(path: Path) -> FileResult:
    """A file as documents, one a meeting; never an exception, whatever the file holds."""
    result = FileResult(path)
    try:
        document = read_document(path)
    except ImportReadError as exc:
        result.failure, result.hint, result.line = str(exc), exc.hint, exc.line
        return result
    except OSError as exc:
        result.failure, result.hint = f"cannot read it: {exc.strerror}", "check its permissions"
        return result
    except Exception as exc:  # a damaged file must not stop the rest of the archive
        result.failure = f"cannot read it ({type(exc).__name__}: {exc})"
        result.hint = "the file may be damaged: open it and save it again"
        return result
    split = split_meetings(document)
    result.document, result.left_out = document, split.left_out
    result.outcomes = [Outcome(path, part) for part in split.parts]
    return result


def _private(document: Document) -> str:
    """The privacy tag of a meeting: its heading's, or its title lines' in a file of one."""
    if document.part is not None:
        return document.part.private
    titles = [ln.text for ln in document.lines[:40] if MARKDOWN_HEADING.match(ln.text.strip())]
    titles += [s.value for s in document.said if s.key == "title"]
    first = next((ln.text for ln in document.lines if plain(ln.text)), "")
    return next((tag for t in [first, *titles[:2]] if (tag := privacy_tag(t))), "")


def _said_cancelled(document: Document) -> bool:
    if document.part is not None:
        return document.part.cancelled
    first = next((plain(ln.text) for ln in document.lines if plain(ln.text)), "")
    return _CANCELLED.search(first) is not None


def _read_meeting(outcome: Outcome, known: Known, args: argparse.Namespace) -> None:
    try:
        minutes = infer(outcome.document, known, args.group, args.date)
    except Exception as exc:  # one meeting the rules trip over must not stop the archive
        outcome.failure = f"could not be read ({type(exc).__name__}: {exc})"
        outcome.hint = "please report this with the file; import the others meanwhile"
        return
    outcome.minutes = minutes
    if _said_cancelled(outcome.document):
        if not minutes.sections and not minutes.actions:
            outcome.cancelled = True
            return
        said = "the heading says cancelled, but the minutes record a meeting: imported; check it"
        minutes.unsure.append(Finding(outcome.line, said))
    outcome.private = _private(outcome.document)
    if outcome.private:
        withhold(minutes, outcome.private, outcome.line)


_FENCE = re.compile(r"^(\s*):::", re.MULTILINE)


def withhold(minutes: Minutes, tag: str, line: int) -> None:
    """A private meeting's minutes inside a `::: confidential` block: its page says that the
    meeting was held in private and shows nothing of it, not even who attended (that goes in
    the block too, as text); its actions are still counted and followed. A ":::" line inside
    cannot close the block early: it is escaped."""
    attendance = [
        (section.line, f"{section.label}: {'; '.join(e.written() for e in section.entries)}")
        for section in minutes.sections
    ]
    minutes.sections = ()
    body = _FENCE.sub(r"\1\\:::", minutes.body)
    opening = [f"::: confidential {tag} (the minutes say so)", ""]
    lines = [*opening, *(text for _, text in attendance), *([""] if attendance else [])]
    minutes.body = "\n".join(lines) + "\n" + body + "\n:::\n"
    # What was read from the body keeps pointing at its lines, now further down.
    minutes.actions = tuple(replace(a, line=a.line + len(lines)) for a in minutes.actions)
    minutes.refs = tuple(replace(r, line=r.line + len(lines)) for r in minutes.refs)
    first = minutes.body_lines[0] if minutes.body_lines else line
    last = minutes.body_lines[-1] if minutes.body_lines else line
    sources = [line, line, *(n for n, _ in attendance), *([first] if attendance else [])]
    assert len(sources) == len(lines)
    minutes.body_lines = (*sources, *minutes.body_lines, last, last)
    said = (
        f"marked {tag!r}: the minutes and attendance are withheld (::: confidential) and the "
        "meeting stays a draft, whatever --status says"
    )
    minutes.inferred.append(Finding(line, said))


def _month_first(results: list[FileResult]) -> bool | None:
    texts = [
        line.text
        for result in results
        for outcome in result.outcomes
        for line in outcome.document.lines[:60]
    ]
    return numeric_order(texts)


# --- the command ---------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    took = Stopwatch()
    content: Path = args.content
    files, notes = collect(args.paths)
    progress = Progress()
    results = []
    for done, path in enumerate(files, start=1):
        results.append(read_file(path))
        progress("reading", done, len(files))
    progress.clear()
    evidence = _month_first(results)
    state = read_content(content, evidence)
    known = state.known

    # Oldest first: a later meeting's updates follow the actions an earlier one raised.
    outcomes = [o for r in results for o in r.outcomes]
    order = sorted(
        outcomes,
        key=lambda o: (
            preview_date(o.document, known.month_first, args.date) or date.max,
            str(o.path),
            o.line,
        ),
    )
    for done, outcome in enumerate(order, start=1):
        _read_meeting(outcome, known, args)
        known = _known_after(known, outcome.minutes)
        progress("reading meetings", done, len(order))
    progress.clear()
    order = sorted(order, key=lambda o: (o.day or date.max, str(o.path), o.line))
    assign_targets(order, content, state)

    root = content
    scratch = Path(tempfile.mkdtemp(prefix="site-gen-import-")) if args.dry_run else None
    try:
        if scratch is not None:  # a dry run writes into a copy, to check what it would write
            root = scratch / "content"
            if content.is_dir():
                shutil.copytree(content, root)
            for outcome in order:
                if outcome.target:
                    outcome.target = root / outcome.target.relative_to(content)
        written = write_all(order, root, state, MeetingStatus(args.status))
        site = check_written(order, root, content)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    shown = {o.target: content / o.target.relative_to(root) for o in order if o.target}
    for result in results:
        print("\n".join(file_report(result, shown, site)), flush=True)
    for note in notes:
        print(f"note: {note}")
    for path in written.created:
        verb = "would create" if args.dry_run else "created"
        print(f"{verb} {content / path.relative_to(root)}")
    for advice in written.advice:
        print(f"note: {advice}")
    rows = []
    for result in results:
        figures = _file_figures(result, site)
        rows.append((str(result.path), figures))
    print()
    print("\n".join(summary_table(rows)))
    imported = sum(1 for o in order if o.target)
    refused = sum(1 for r in results if r.failure) + sum(1 for o in order if o.failure)
    cancelled = sum(1 for o in order if o.cancelled)
    twice = sum(1 for o in order if o.same_as)
    checks = sum(f.checks for _, f in rows)
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb} {plural(imported, 'meeting')} from {plural(len(files), 'file')} into {content}"
        + (f" ({refused} not imported)" if refused else "")
        + (f" ({plural(cancelled, 'cancelled meeting')} noted)" if cancelled else "")
        + (f" ({plural(twice, 'meeting')} given twice, written once)" if twice else "")
        + f": {plural(checks, 'thing')} to check, in {took}."
    )
    return 1 if refused else 0


def _file_figures(result: FileResult, site: Site | None) -> Figures:
    figures = Figures(refused=1 if result.failure else 0)
    for outcome in result.outcomes:
        figures.add(meeting_figures(outcome, site))
    figures.checks += len(result.left_out)
    return figures


def _known_after(known: Known, minutes: Minutes | None) -> Known:
    """What later meetings may use of this one: a group it named for the first time, and
    the ids of the actions it raised."""
    if minutes is None or minutes.group is None:
        return known
    known = replace(known, raised=(*known.raised, *raised_ids(minutes)))
    if minutes.group in known.groups:
        return known
    if any(g.slug == minutes.group.slug for g in known.groups):
        return known
    return replace(known, groups=(*known.groups, minutes.group))

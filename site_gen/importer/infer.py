"""From a document's lines to a meeting: what can be read from the minutes, and what cannot.

The steps: join page-break splits (reported), find the agenda items, read the part before
them (group, date, number, attendance), then the body: headings become "##", "Action:"
lines and lines under "Actions:" become action lists, owners' initials are written out.
The body is then parsed by the build's own Markdown parser, so the actions and references
reported are exactly those the build will see. Nothing is guessed silently: each finding
carries its line, and what could not be read stays in the minutes as text.
"""

from __future__ import annotations

from datetime import date

from site_gen.importer.agenda import find_headings
from site_gen.importer.attendance import Entry, Section, read_attendance
from site_gen.importer.body import BodyWriter
from site_gen.importer.body_record import parse_body, read_updates, report_unread_markers
from site_gen.importer.dates import find_date
from site_gen.importer.document import Document, Line
from site_gen.importer.findings import Finding
from site_gen.importer.identity import Identity, find_group, find_meeting_date
from site_gen.importer.meeting_number import find_number, number_from_actions
from site_gen.importer.members import body_names
from site_gen.importer.minutes import Known, Minutes

__all__ = ["Known", "Minutes", "body_names", "infer"]
from site_gen.importer.pagebreaks import join_page_breaks
from site_gen.importer.repeated_ids import settle_repeated_ids
from site_gen.importer.text import list_item, plain


def _attendees(sections: tuple[Section, ...]) -> list[Entry]:
    return [e for s in sections for e in s.entries]


_HEADER_LINES = 40


def infer(
    document: Document,
    known: Known,
    forced_group: str | None = None,
    forced_date: date | None = None,
) -> Minutes:
    minutes = Minutes(document)
    minutes.unsure.extend(Finding(None, note) for note in document.notes)
    minutes.unsure.extend(Finding(note.number, note.text) for note in document.remarks)
    lines, joins = join_page_breaks(document.lines, document.page_starts)
    for join in joins:
        minutes.repaired.append(Finding(join.first.number, join.describe()))
    bodies = set(known.bodies)

    # The title lines come before the attendance; the group they name is needed in turn to
    # read "Evidence Group members:" as the members present.
    first_pass = read_attendance(lines, bodies, "")
    headings = find_headings(lines, first_pass.used)
    first_agenda = headings.first_agenda
    before = lines[:first_agenda] if first_agenda is not None else lines
    title_end = min(first_pass.used, default=len(before))
    title_lines = [
        line
        for i, line in enumerate(before[:title_end])
        if plain(line.text) and list_item(line.text) is None
    ][:6]
    identity = Identity()
    find_group(title_lines, document, known.groups, forced_group, identity)
    minutes.group, minutes.group_is_new = identity.group, identity.group_is_new
    group_name = minutes.group.name if minutes.group else ""
    attendance = read_attendance(lines, bodies, group_name)
    if attendance.used != first_pass.used:
        headings = find_headings(lines, attendance.used)
        first_agenda = headings.first_agenda
        before = lines[:first_agenda] if first_agenda is not None else lines
    minutes.sections = attendance.sections
    if first_agenda is not None:
        end = len(before)
    else:  # no agenda: the header ends after the attendance at the top, or the date
        near_top = [i for i in attendance.used if i < _HEADER_LINES]
        end = max(near_top) + 1 if near_top else header_end(before)
    header = [
        line for i, line in enumerate(before[:end]) if i not in attendance.used and plain(line.text)
    ]
    find_meeting_date(header, lines, document, known.month_first, forced_date, identity)
    minutes.day = identity.day
    minutes.inferred.extend(identity.inferred)
    minutes.unsure.extend(identity.unsure)
    find_number(header, minutes)
    for section in attendance.sections:
        _report_section(section, minutes)
    if not attendance.sections:
        minutes.unsure.append(Finding(None, "no attendance found"))

    # Header lines that gave nothing are kept at the top of the minutes, as written.
    kept = [
        i
        for i, line in enumerate(before[:end])
        if i not in attendance.used
        and plain(line.text)
        and not _header_line_used(line, minutes)
        and i != headings.title_index
    ]
    for i in kept:
        minutes.unsure.append(
            Finding(before[i].number, f"{plain(before[i].text)!r} kept as text at the top")
        )
    body_indexes = kept + [i for i in range(end, len(lines)) if i not in attendance.used]
    writer = BodyWriter(lines, headings, minutes)
    body = writer.write(body_indexes)
    while body.lines and not body.lines[-1].strip():
        body.lines.pop()
        body.sources.pop()
        body.review.pop()
    minutes.body = "\n".join(body.lines) + "\n"
    minutes.body_lines = tuple(body.sources)
    if not minutes.agenda:
        minutes.unsure.append(Finding(None, "no agenda items found: no '##' headings written"))
    parse_body(minutes)
    if settle_repeated_ids(minutes, known):
        parse_body(minutes)
    report_unread_markers(minutes)
    read_updates(body, minutes)
    number_from_actions(minutes)
    return minutes


def header_end(before: tuple[Line, ...]) -> int:
    """Without agenda or attendance: the header ends after the first date line."""
    for index, line in enumerate(before[:15]):
        if find_date(plain(line.text)):
            return index + 1
    return 0


def _header_line_used(line: Line, minutes: Minutes) -> bool:
    """Did this header line give the group, date or number (or say only "Minutes")?"""
    numbers = {f.line for f in minutes.inferred}
    words = plain(line.text).casefold().strip(" :")
    return line.number in numbers or words in ("minutes", "draft minutes", "meeting minutes")


def _report_section(section: Section, minutes: Minutes) -> None:
    people = sum(1 for e in section.entries if not e.is_body)
    bodies = len(section.entries) - people
    counts = f"{people} {'person' if people == 1 else 'people'}"
    if bodies:
        counts += f", {bodies} {'body' if bodies == 1 else 'bodies'}"
    minutes.inferred.append(
        Finding(section.line, f"attendance {section.label!r}: {section.kind}, {counts}")
    )
    if section.kind_guessed:
        minutes.unsure.append(
            Finding(
                section.line,
                f"the label {section.label!r} names no kind of attendance: "
                f"{section.kind} is a guess from its place; check it",
            )
        )
    for entry in section.entries:
        if entry.is_body:
            minutes.inferred.append(
                Finding(entry.line, f"{entry.name!r} is a body (a team, not a person)")
            )

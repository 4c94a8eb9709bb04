"""Who is listed with the members present but was not a member of the group that day."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.model import AttendanceSection, Attendee, Group
from site_gen.parse.records import EntryRecord, MeetingRecord
from site_gen.problems import Problems
from site_gen.vocabulary import AttendanceKind


def members_present(
    record: MeetingRecord, sections: tuple[AttendanceSection, ...]
) -> Iterator[tuple[EntryRecord, Attendee]]:
    """Each person listed in a 'present' section (not a substitute), as written and linked."""
    for written, section in zip(record.sections, sections, strict=True):
        if section.kind is not AttendanceKind.PRESENT:
            continue
        for entry, attendee in zip(written.entries, section.attendees, strict=True):
            if attendee.person_id is not None and not attendee.substitute_for:
                yield entry, attendee


def note_non_member(
    record: MeetingRecord,
    group: Group,
    entry: EntryRecord,
    attendee: Attendee,
    problems: Problems,
    *,
    everyone: bool,
) -> None:
    """Warn if `attendee` was not a member of `group` on the day of `record`: with
    `everyone`, whoever they are; without, only someone who is a member on other days."""
    own = [m for m in group.memberships if m.person_id == attendee.person_id]
    if not group.memberships or any(m.active_on(record.date) for m in own):
        return
    if not own and not everyone:
        return
    day = record.date.isoformat()
    if own:
        terms = ", ".join(_term(m.start, m.end) for m in own)
        message = f"{attendee.name} is listed as present on {day}, outside their membership "
        message += f"of {group.name} ({terms})"
        hint = f"correct the dates of the membership in groups/{group.slug}.yaml, or the date "
        hint += (
            "of the meeting; a former member who came as a guest goes under 'kind: in_attendance'"
        )
    else:
        message = f"{attendee.name} is listed as present but is not a member of {group.name}"
        hint = (
            "list guests and officers in a section with 'kind: in_attendance'; if "
            f"{attendee.name} is a member, add them to the members in groups/{group.slug}.yaml"
        )
    problems.warning(record.path, entry.line, message, hint, code="not-a-member")


def _term(start: object, end: object) -> str:
    begun = f"from {start}" if start else ""
    ended = f"until {end}" if end else ""
    return " ".join(x for x in (begun, ended) if x) or "no dates"

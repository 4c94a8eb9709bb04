"""What linking actions and decisions share: id order, people named in a meeting, and the
rule for ids the published record never raised."""

from __future__ import annotations

from site_gen.link.owners import OwnerContext, resolve_owners
from site_gen.link.registry import Registry
from site_gen.model import Group, Meeting, Owner
from site_gen.problems import Problems


def id_order(item_id: str | None) -> tuple[int, ...]:
    """'1.10' sorts after '1.9', and 'D3.1' with the 3s."""
    if item_id is None:
        return ()
    return tuple(int("".join(c for c in part if c.isdigit()) or 0) for part in item_id.split("."))


def resolve_people(
    text: str,
    noun: str,
    *,
    registry: Registry,
    group: Group,
    meeting: Meeting,
    problems: Problems,
    where: tuple[str, int],
) -> tuple[Owner, ...]:
    """The people (or bodies, or the group) `text` names at `meeting`; each that cannot be
    told is reported at `where` and kept as written."""
    context = owner_context(registry, group, meeting, noun)
    found = []
    for resolution in resolve_owners(text, context):
        if resolution.problem:
            problems.warning(*where, resolution.problem, resolution.hint, code=resolution.code)
        found.append(resolution.owner)
    return tuple(found)


def owner_context(registry: Registry, group: Group, meeting: Meeting, noun: str) -> OwnerContext:
    """Whom names in a meeting's minutes may mean: its attendees, with the initials it gives."""
    attendees = tuple(
        a.person_id for s in meeting.sections for a in s.attendees if a.person_id is not None
    )
    initials = {
        a.initials: a.person_id
        for s in meeting.sections
        for a in s.attendees
        if a.initials and a.person_id is not None
    }
    return OwnerContext(registry, group, meeting.date, attendees, noun=noun, initials=initials)


def unpublished_hint(item_id: str, numbers: frozenset[int]) -> str | None:
    """Why an id no published meeting raised is suspect, or None when it is simply from a
    meeting that is not published (the normal case for a first publication)."""
    meeting_number = id_order(item_id)[0]
    if not numbers or (meeting_number not in numbers and meeting_number < max(numbers)):
        return None
    if meeting_number in numbers:
        return f"check the id: meeting {meeting_number} is published without it"
    return f"check the id: no meeting {meeting_number} is published yet"

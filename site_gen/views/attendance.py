"""Fair attendance: each member judged only on the meetings held during their membership.

For every member of a group and every meeting of it with minutes, one mark:
attended, sent apologies, absent without apologies, represented by a substitute, not
recorded (inside the term but on no list), or not a member then. The rate is
attended / (attended + apologies + absent): a substitute's meeting and a meeting where the
member is on no list count neither for nor against them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from site_gen.model import Attendee, Group, Meeting, Membership, Site
from site_gen.vocabulary import AttendanceKind


class Mark(StrEnum):
    ATTENDED = "attended"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"  # a substitute attended in the member's place
    NOT_RECORDED = "not recorded"
    NOT_MEMBER = "not a member"  # outside every term; attending then is as a guest


@dataclass(frozen=True)
class Cell:
    mark: Mark
    note: str = ""  # "arrived during item 2", "represented by Jane Doe"


@dataclass(frozen=True)
class Tally:
    attended: int = 0
    apologies: int = 0
    absent: int = 0
    substitute: int = 0
    not_recorded: int = 0
    as_guest: int = 0  # attended while not a member

    @property
    def rate(self) -> str:
        counted = self.attended + self.apologies + self.absent
        return f"{round(100 * self.attended / counted)}%" if counted else ""


def attendance_note(attendee: Attendee, site: Site | None = None) -> str:
    """'for John Smith; arrived during item 2; left after item 3' (the substitution needs site)."""
    parts = []
    if attendee.substitute_for and site is not None:
        parts.append(f"for {site.person_by_id[attendee.substitute_for].name}")
    if attendee.arrived:
        parts.append(f"arrived {attendee.arrived}")
    if attendee.left:
        parts.append(f"left {attendee.left}")
    return "; ".join(parts)


def _listed(meeting: Meeting) -> tuple[dict[str, tuple[AttendanceKind, Attendee]], dict[str, str]]:
    """Who is on the meeting's lists (person -> kind, entry), and who stood in for whom."""
    listed: dict[str, tuple[AttendanceKind, Attendee]] = {}
    stood_in: dict[str, str] = {}  # absent member's id -> the substitute's name
    for section in meeting.sections:
        for attendee in section.attendees:
            if attendee.person_id and attendee.person_id not in listed:
                listed[attendee.person_id] = (section.kind, attendee)
            if attendee.substitute_for and section.kind.attended:
                stood_in.setdefault(attendee.substitute_for, attendee.name)
    return listed, stood_in


def _mark(
    person_id: str,
    in_term: bool,
    listed: dict[str, tuple[AttendanceKind, Attendee]],
    stood_in: dict[str, str],
) -> Cell:
    kind, attendee = listed.get(person_id, (None, None))
    if kind is not None and attendee is not None and kind.attended:
        return Cell(Mark.ATTENDED if in_term else Mark.NOT_MEMBER, attendance_note(attendee))
    if not in_term:
        return Cell(Mark.NOT_MEMBER)
    if kind is AttendanceKind.APOLOGIES:
        return Cell(Mark.APOLOGIES)
    if kind is AttendanceKind.ABSENT:
        return Cell(Mark.ABSENT)
    if person_id in stood_in:
        return Cell(Mark.SUBSTITUTE, f"represented by {stood_in[person_id]}")
    return Cell(Mark.NOT_RECORDED)


@dataclass(frozen=True)
class GroupAttendance:
    members: tuple[str, ...]  # person ids, in the group file's order of first appearance
    meetings: tuple[Meeting, ...]  # with minutes, oldest first
    cells: dict[tuple[str, str], Cell]  # (person id, meeting key) -> mark
    tallies: dict[str, Tally]  # person id -> totals over every meeting


def group_attendance(group: Group, meetings: list[Meeting]) -> GroupAttendance:
    held = tuple(sorted((m for m in meetings if m.has_minutes), key=lambda m: m.date))
    members = tuple(dict.fromkeys(m.person_id for m in group.memberships))
    cells: dict[tuple[str, str], Cell] = {}
    counts: dict[str, dict[Mark, int]] = defaultdict(lambda: defaultdict(int))
    terms: dict[str, list[Membership]] = defaultdict(list)  # each member's own terms
    for membership in group.memberships:
        terms[membership.person_id].append(membership)
    for meeting in held:
        listed, stood_in = _listed(meeting)
        for person_id in members:
            in_term = any(m.active_on(meeting.date) for m in terms[person_id])
            cell = _mark(person_id, in_term, listed, stood_in)
            cells[(person_id, meeting.key)] = cell
            guest = (
                cell.mark is Mark.NOT_MEMBER
                and person_id in listed
                and listed[person_id][0].attended
            )
            if guest or cell.mark is not Mark.NOT_MEMBER:
                counts[person_id][cell.mark] += 1  # NOT_MEMBER counted only as a guest
    tallies = {
        p: Tally(
            attended=c[Mark.ATTENDED],
            apologies=c[Mark.APOLOGIES],
            absent=c[Mark.ABSENT],
            substitute=c[Mark.SUBSTITUTE],
            not_recorded=c[Mark.NOT_RECORDED],
            as_guest=c[Mark.NOT_MEMBER],
        )
        for p, c in ((p, counts[p]) for p in members)
    }
    return GroupAttendance(members, held, cells, tallies)


def attendance_by_group(
    site: Site, meetings_of: dict[str, list[Meeting]]
) -> dict[str, GroupAttendance]:
    return {g.slug: group_attendance(g, meetings_of[g.slug]) for g in site.groups}

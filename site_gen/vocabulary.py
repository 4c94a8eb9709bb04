"""The fixed words of the content format: meeting statuses, attendance kinds, action statuses,
and a decision's votes."""

from dataclasses import dataclass
from enum import StrEnum


class MeetingStatus(StrEnum):
    DRAFT = "draft"  # left out of a build unless --drafts is given
    APPROVED = "approved"  # approved by the group, usually at its next meeting
    CORRECTED = "corrected"  # approved, then corrected: the corrections are shown and kept
    SCHEDULED = "scheduled"  # a meeting to come: no minutes yet, perhaps an agenda


class AttendanceKind(StrEnum):
    PRESENT = "present"  # members present: counts as attended
    IN_ATTENDANCE = "in_attendance"  # staff, advisers, guests: attended, not as members
    OBSERVER = "observer"
    APOLOGIES = "apologies"  # sent apologies: absent with notice
    ABSENT = "absent"  # absent without apologies

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def attended(self) -> bool:
        return self in (
            AttendanceKind.PRESENT,
            AttendanceKind.IN_ATTENDANCE,
            AttendanceKind.OBSERVER,
        )


_KIND_LABELS = {
    AttendanceKind.PRESENT: "present",
    AttendanceKind.IN_ATTENDANCE: "in attendance",
    AttendanceKind.OBSERVER: "observing",
    AttendanceKind.APOLOGIES: "apologies",
    AttendanceKind.ABSENT: "absent",
}


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    DROPPED = "dropped"
    # Never written by authors: an action from before the published record that no
    # published meeting gave a status to.
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return "status not recorded" if self is ActionStatus.UNKNOWN else self.replace("_", " ")

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


AUTHOR_ACTION_STATUSES = tuple(s for s in ActionStatus if s is not ActionStatus.UNKNOWN)


def choices(values: object) -> str:
    """'a, b or c' for hints."""
    words = [str(v) for v in values]  # type: ignore[attr-defined]
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


@dataclass(frozen=True)
class Votes:
    """The votes on a decision, as the minutes count them ("carried 7-2, 1 abstention")."""

    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None

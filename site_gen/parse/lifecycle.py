"""A meeting's place in the minutes lifecycle: draft, approved, corrected or scheduled."""

from __future__ import annotations

from site_gen.parse.fields import FieldReader, as_mapping
from site_gen.parse.records import Correction, Lifecycle
from site_gen.vocabulary import MeetingStatus, choices


def parse_lifecycle(fields: FieldReader) -> Lifecycle:
    status_text = fields.text("status", default=MeetingStatus.APPROVED)
    try:
        status = MeetingStatus(status_text)
    except ValueError:
        fields.error(
            "status",
            f"unknown meeting status {status_text!r}",
            f"use one of {choices(MeetingStatus)}",
            code="unknown-meeting-status",
        )
        status = MeetingStatus.DRAFT  # never publish what could not be read
    corrections = []
    for value, line in fields.items("corrections"):
        entry = as_mapping(value, fields.path, line, fields.problems, "a correction")
        if entry is None:
            continue
        correction = FieldReader(entry, fields.path, fields.problems, "a correction")
        correction.unknown_keys({"date", "note", "private"})
        day = correction.day("date", required=True)
        note = correction.text("note", required=True)
        if day and note:
            corrections.append(Correction(day, note, line))
    if status is MeetingStatus.CORRECTED and not corrections:
        fields.error(
            "status",
            "corrected minutes need at least one correction",
            "add 'corrections:' with '- date: YYYY-MM-DD' and 'note: what was corrected'",
            code="missing-correction",
        )
    approved_at = fields.day("approved_at")
    if approved_at and status in (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED):
        fields.error(
            "approved_at",
            f"{status} minutes cannot have been approved",
            "remove 'approved_at', or set 'status: approved'",
            code="approval-status",
        )
    return Lifecycle(
        status=status,
        approved_at=approved_at,
        approved_at_line=fields.line("approved_at"),
        corrections=tuple(sorted(corrections, key=lambda c: c.date)),
    )

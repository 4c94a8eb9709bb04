"""The words minutes use for attendance, roles, teams and action statuses."""

from __future__ import annotations

import re

from site_gen.vocabulary import AttendanceKind

# Tried in this order, each against the label in lower case: "apologies for absence" is
# apologies, not absent; "also present" is in attendance, not present.
KIND_WORDS: tuple[tuple[AttendanceKind, re.Pattern[str]], ...] = (
    (AttendanceKind.APOLOGIES, re.compile(r"\bapolog")),
    (AttendanceKind.ABSENT, re.compile(r"\babsent\b|\bnot present\b")),
    (AttendanceKind.OBSERVER, re.compile(r"\bobserv")),
    (
        AttendanceKind.IN_ATTENDANCE,
        re.compile(
            r"\bin attendance\b|\balso (?:present|attending)\b|\bofficers?\b|\bstaff\b"
            r"|\bsecretariat\b|\bguests?\b|\badvis[eo]rs?\b|\bclerk\b|\bspeakers?\b"
            r"|\bpresenting\b|\bminute[- ]?taker\b|\bnote[- ]?taker\b"
        ),
    ),
    (
        AttendanceKind.PRESENT,
        re.compile(r"\bpresent\b|\battend(?:ees|ing|ance)\b|\bmembers\b|\bin the chair\b"),
    ),
)

# A heading over the attendance sections, not a section itself (when sections follow).
ATTENDANCE_HEADINGS = {"attendees", "attendance", "present", "in attendance", "attending"}

ROLE_WORDS = {
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "co-chair",
    "vice-chair",
    "vice chair",
    "deputy chair",
    "president",
    "vice-president",
    "vice president",
    "treasurer",
    "secretary",
    "clerk",
    "mayor",
    "deputy mayor",
    "member",
    "minute taker",
    "minutes",
    "note taker",
}

# An entry without a role naming one of these is a team, not a person ("Review Team members").
COLLECTIVE = re.compile(
    r"\b(?:team|members|staff|secretariat|officials|officers|representatives|colleagues)\b",
    re.IGNORECASE,
)
# "Review Team members" is the Review Team; "Review team member" names it as an owner.
MEMBER_SUFFIX = re.compile(r"\s+members?$", re.IGNORECASE)

# Headings of a section that reviews earlier actions: its items update actions, never raise them.
REVIEW_HEADING = re.compile(
    r"(?:review|progress|update|status)\b.*\bactions?\b|\bactions?\b.*\b(?:log|tracker|"
    r"review|update|from (?:the )?(?:last|previous) meeting)\b|\bmatters arising\b",
    re.IGNORECASE,
)
# Sub-headings of an agenda item, never agenda items themselves.
SUBHEADINGS = re.compile(
    r"(?:actions?(?: points?)?|discussion|decisions?|notes?|resolved|resolutions?|outcomes?)"
    r"\s*:?",
    re.IGNORECASE,
)

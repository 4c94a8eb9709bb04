"""The words minutes use for attendance, roles, teams and action statuses."""

from __future__ import annotations

import re

from site_gen.vocabulary import AttendanceKind

# Tried in this order, each against the label in lower case: "apologies for absence" is
# apologies, not absent; "also present" is in attendance, not present; "Board members in
# attendance" are the members present, "Community members in attendance" are not.
_NOT_MEMBERS = (
    r"\bother\b|\bothers\b|\bcommunity\b|\bguests?\b|\bvisitors?\b|\balso\b|\bnon[- ]?voting\b"
    r"|\bstaff\b|\bofficers?\b|\bpublic\b|\binvited\b|\bexternal\b|\badditional\b"
)
_MEMBERS = (
    r"\b(?:members?|directors?|voting|board|committee|council|steering|trustees|governors"
    r"|representatives?|councillors|delegates)\b.*\b(?:present|attend(?:ees|ing|ance))\b"
)
KIND_WORDS: tuple[tuple[AttendanceKind, re.Pattern[str]], ...] = (
    (AttendanceKind.APOLOGIES, re.compile(r"\bapolog|\bregrets?\b|\bexcused\b")),
    (
        AttendanceKind.ABSENT,
        re.compile(
            r"\babsent\b|\bnot present\b|\bnot in attendance\b|\bnot attending\b"
            r"|\bunable to attend\b|\bdid not attend\b|\babsences?\b"
        ),
    ),
    (AttendanceKind.OBSERVER, re.compile(r"\bobserv")),
    (AttendanceKind.IN_ATTENDANCE, re.compile(_NOT_MEMBERS)),
    (AttendanceKind.PRESENT, re.compile(_MEMBERS)),
    (
        AttendanceKind.IN_ATTENDANCE,
        re.compile(
            r"\bin attendance\b|\bsecretariat\b|\badvis[eo]rs?\b|\bclerk\b|\bspeakers?\b"
            r"|\bpresenting\b|\bminutes?[- ]?takers?\b|\bnote[- ]?takers?\b"
            r"|\bfacilitators?\b|\bmoderators?\b"
        ),
    ),
    (
        AttendanceKind.PRESENT,
        re.compile(
            r"\bpresent\b|\battend(?:ees|ing|ance)\b|\bmembers\b|\bin the chair\b"
            r"|\bparticipants\b|\broll[- ]call\b|\bwho was there\b"
        ),
    ),
)

# A heading over the attendance sections, not a section itself (when sections follow).
ATTENDANCE_HEADINGS = {
    "attendees", "attendance", "present", "in attendance", "attending", "participants",
    "roll call", "attendance and apologies", "attendees and apologies",
}  # fmt: skip

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

"""Headings and labels that introduce actions: new ones, or earlier ones under review.

"Actions", "New actions", "Open and new actions", "Action items", "Action Items (AIs)",
"Actions arising", "AIs", "Action items as a result of this meeting", "Todo list" introduce
actions raised at the meeting. "Matters arising", "Review of actions", "Actions from the last
meeting", "Carried forward", "Review outstanding action items", "AI follow-up" introduce
earlier actions, whose items update or mention them and never raise them again.
"""

from __future__ import annotations

import re
from enum import StrEnum


class LabelKind(StrEnum):
    RAISE = "raise"  # the items are actions raised at this meeting
    REVIEW = "review"  # the items are earlier actions, reviewed


# "Action items", "actions", "action points", "AIs", "ARs" (capitals only: "ai" is not one).
_ACTION_NOUN = re.compile(
    r"\b(?i:action(?:[\s-]*(?:items?|points?|register|log|list|tracker|record|"
    r"summary|plan))?|actions|to[\s-]?dos?)\b|\b(?:AIs?|ARs?)\b"
)
_REVIEW_PHRASES = re.compile(
    r"(?i)\bmatters\s+arising\b|\bcarried\s+(?:forward|over)\b|\bcarry[\s-]+(?:forward|over)\b"
    r"|\bprogress\s+(?:on|of)\s+actions?\b"
)
# Words that may stand beside the action noun in a label, and nothing else: a sentence that
# happens to contain "actions" ("Actions taken by the council were discussed") is no label.
_LABEL_WORDS = {
    "new", "open", "and", "&", "outstanding", "agreed", "arising", "raised", "summary", "of",
    "the", "this", "meeting", "meetings", "from", "as", "a", "result", "for", "next", "list",
    "key", "review", "reviewed", "previous", "last", "prior", "earlier", "past", "pending",
    "follow-up", "follow-ups", "followup", "followups", "follow", "up", "ups", "update",
    "updates", "status", "on", "to", "be", "taken", "decisions", "decision", "recorded",
    "assigned", "with", "owners", "any", "all", "our", "current", "still", "items", "item",
    "table", "tracking", "matters", "carried", "forward", "over", "at", "in", "by", "since",
    "remaining", "completed", "closed", "homework", "notes", "team", "group", "committee",
    "board", "steps", "reminder", "reminders", "today", "today's", "meeting's", "session",
}  # fmt: skip
_REVIEW_WORDS = {
    "review", "reviewed", "previous", "last", "prior", "earlier", "past", "follow-up",
    "follow-ups", "followup", "followups", "follow", "update", "updates", "status",
    "outstanding", "pending", "carried", "remaining", "homework", "tracking", "log",
    "register", "tracker", "record", "since", "still", "completed", "closed", "open",
}  # fmt: skip
_NUMBERING = re.compile(
    r"^(?:(?:agenda\s+)?item\s+(?:\d+(?:\.\d+)*[a-z]?)\s*[.):\-\u2013\u2014]?"
    r"|(?:\d+(?:\.\d+)*|[A-Za-z])[.):]|\d+(?:\.\d+)*\s+[-\u2013\u2014])\s+",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_WORD = re.compile(r"[\w'\u2019&-]+")
_MAX_WORDS = 10


def label_text(text: str) -> str:
    """A heading or label as its words: numbering, brackets, marks and the colon taken off."""
    words = _BRACKETS.sub("", text.replace("**", "").replace("__", "")).strip(" *_:?!.-")
    return _NUMBERING.sub("", words).strip(" *_:?!.-")


# Words by which a label says its actions are this meeting's, whatever their statuses.
_THIS_MEETING = re.compile(
    r"(?i)\bnew\b|\barising\b|\braised\b|\bagreed\b|\bresult\b|\bthis\s+meeting\b|\btoday\b"
)


def says_new(text: str) -> bool:
    """Does a label of actions say they were raised at this meeting ("New actions",
    "Action items as a result of this meeting")?"""
    return _THIS_MEETING.search(label_text(text)) is not None


def label_kind(text: str) -> LabelKind | None:
    """What a heading or a label line introduces: new actions, a review, or neither."""
    words_text = label_text(text)
    if not words_text:
        return None
    if _REVIEW_PHRASES.search(words_text) and len(words_text.split()) <= _MAX_WORDS:
        return LabelKind.REVIEW
    noun = _ACTION_NOUN.search(words_text)
    if noun is None:
        return None
    words = [w.casefold() for w in _WORD.findall(words_text)]
    if len(words) > _MAX_WORDS:
        return None
    others = [w for w in _WORD.findall(_ACTION_NOUN.sub(" ", words_text))]
    if any(w.casefold() not in _LABEL_WORDS and w.casefold() not in _REVIEW_WORDS for w in others):
        return None
    folded = {w.casefold() for w in others} | {w.casefold() for w in _WORD.findall(noun.group())}
    if "new" in folded or "arising" in folded or "raised" in folded:
        return LabelKind.RAISE
    if folded & _REVIEW_WORDS:
        return LabelKind.REVIEW
    return LabelKind.RAISE

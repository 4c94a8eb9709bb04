"""How minutes record a decision in words of their own, before any "Agreed:" marker.

A clause states an outcome when it starts like one: "It was agreed that", "We decided",
"The board approved", "The committee unanimously resolved", "A decision was made to",
"Motion to adopt the budget carried", "Vote passed", "Consensus was to", "There was
consensus that", "Unanimous vote to", "Voted unanimously in favour", "Board vote: approved",
"Approved unanimously", "Approved by board vote", "Venue approved unanimously". A proposal,
a plan to decide later ("to decide", "will vote") or a report of someone's view is none.

A heading or label names a list of outcomes when it says so ("Decisions reached",
"Resolutions", "Outcomes") or ends with the outcome ("Grants approved", "Members admitted").
"""

from __future__ import annotations

import re

_BODY = (
    r"(?:we|the\s+(?:[\w-]+\s+){0,3}?(?:board|committee|group|council|meeting|members|attendees"
    r"|participants|tc|tsc|pgb|panel|trustees|directors|team|assembly))"
)
_DID = r"(?:agreed|decided|resolved|approved|voted|adopted|endorsed|accepted|ratified)"
_OUTCOME = re.compile(
    r"(?i)(?:"
    rf"it\s+(?:was|has\s+been)\s+(?:\w+ly\s+)?{_DID}\b"
    rf"|{_BODY}\s+(?:\w+ly\s+)?{_DID}\b(?!\s+(?:to\s+)?(?:discuss|consider|review|revisit)\b)"
    r"|(?:a\s+|the\s+)?decision\s+(?:was|has\s+been)\s+(?:made|taken|reached)\b"
    r"|(?:the\s+)?(?:motion|resolution|proposal)\b[^.;]{0,200}?\b(?:carried|carries|passed|passes"
    r"|was\s+adopted|was\s+approved|was\s+accepted|failed|fails|was\s+defeated|was\s+rejected)\b"
    r"|(?:the\s+)?vote\s+(?:passed|carried|failed)\b"
    r"|(?:general\s+|group\s+|broad\s+)?consensus\s+(?:was|is|reached|to|that)\b"
    r"|there\s+was\s+(?:general\s+|broad\s+)?consensus\b"
    r"|(?:board\s+)?vote\s*:?\s*(?:approved|agreed|passed|carried)\b"
    r"|unanimous(?:ly)?\s+(?:vote|approved|agreed|voted|in\s+favou?r|resolved|decided)\b"
    r"|voted\s+(?:unanimously\s+)?(?:in\s+favou?r|to)\b"
    r"|(?:approved|agreed|adopted|carried|passed)\s+(?:unanimously|by\s+(?:[\w-]+\s+)?vote"
    r"|by\s+consensus)\b"
    r"|[\w-]+(?:\s+[\w-]+){0,3}\s+(?:approved|agreed|adopted|carried)\s+unanimously\b"
    r")"
)
# Where a clause starts: the text's start, or after a full stop, a semicolon, or a spaced
# dash ("Bylaws change - approved by board vote").
_CLAUSE_START = re.compile(r"^|(?<=[.;!?])\s+|\s[-\u2013\u2014]\s+|:\s+")

_OUTCOME_LIST = re.compile(
    r"(?i)^(?:(?:decisions?|resolutions?|outcomes?)(?:\s+(?:reached|made|taken|agreed))?"
    r"|(?:[\w'-]+\s+){1,3}(?:approved|adopted|admitted|ratified|agreed|carried|passed))\s*:?$"
)


def outcome_at(text: str) -> int | None:
    """Where the first clause of `text` that states an outcome starts, or None."""
    for start in _CLAUSE_START.finditer(text):
        if _OUTCOME.match(text, start.end()):
            return start.end()
    return None


def names_outcomes(label: str) -> bool:
    """ "Decisions reached", "Grants approved": a list of outcomes follows."""
    return _OUTCOME_LIST.match(label.strip()) is not None

"""An action given in a sentence of the notes: "Brian has the action item to define the
process", "Mara owns the action item", "Daniel: also took an action item for discussion on
Wayland", "Jory took action item to propose it", "Joe: I've now got action items for the
vote", "Action item is Jack revise the proposal".

Only sentences that name an action in so many words: "X will follow up" or "X to do Y" in
the notes are not actions (a clerk who means one writes "Action:").
"""

from __future__ import annotations

import re

from site_gen.conventions.action_text import owner_like

_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|van|von|de|der|da|di|du|le|la))*"
_NAMES = rf"{_NAME}(?:\s*(?:,|&|and)\s*{_NAME})*"
_VERB = (
    r"(?:has|have|owns?|takes?|took|will\s+take|is\s+taking|filed|files|gets?|got|accepted|"
    r"accepts|picked\s+up|picks\s+up|was\s+given|is\s+given|volunteered\s+for|holds?)"
)
_HAS_THE_ACTION = re.compile(
    rf"(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<owner>{_NAMES})(?::\s*|\s+)(?:(?:also|then|now)\s+)?"
    rf"{_VERB}\s+(?:(?:an?|the|another)\s+action(?:[\s-]+items?)?|action[\s-]+items?)\b"
    r"(?:\s+(?:to|for|on|about|of|re:?)\s+(?P<task>[^.;!?]+))?",
)
_ACTION_IS = re.compile(
    rf"\b(?i:action(?:[\s-]+item)?)\s+(?:is|for)\s+(?P<owner>{_NAME})\s+(?:to\s+)?"
    r"(?P<task>[a-z][^.;!?]+)"
)
# "Paris: ask Michelle to attend; taking as an action", "Tim - docs lack history - will
# take this as an action": the speaker takes what they said as their action.
_TAKING_IT = re.compile(
    rf"^(?P<owner>{_NAME})\s*(?::|\s[-\u2013\u2014])\s+(?P<task>.+?)[\s;,.\-\u2013\u2014]+"
    r"(?:will\s+take|is\s+taking|taking|takes|took|I'll\s+take)\s+(?:(?:this|it|that)\s+)?"
    r"(?:as\s+)?an?\s+action(?:[\s-]+items?)?\b"
)
# "Joe: I've now got action items for the voting": a speaker who takes an action.
_I_TAKE = re.compile(
    rf"^(?P<owner>{_NAME}):\s+(?:[^.;!?]*?\s)?I(?:'ve|\u2019ve|\s+have|'ll|\u2019ll|\s+will)?\s+"
    r"(?:(?:now|also|just)\s+)?(?:got|get|take|taken|took|have|own)\s+"
    r"(?:(?:an?|the)\s+action(?:[\s-]+items?)?|action[\s-]+items?)\b"
    r"(?:\s+(?:to|for|on)\s+(?P<task>[^.;!?]+))?"
)
# ("I'll take that action" answers an action written beside it: it is not another.)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


# Every pattern above names an action in so many words: text without the word has none.
_ACTION_WORD = re.compile(r"(?i:action)")


def prose_action(text: str) -> tuple[str, str] | None:
    """(owner, task) of the first sentence of `text` that gives someone an action."""
    if _ACTION_WORD.search(text) is None:
        return None  # most of the notes: spared four searches
    return _first_given(text)


def _first_given(text: str) -> tuple[str, str] | None:
    for pattern in (_HAS_THE_ACTION, _ACTION_IS, _TAKING_IT, _I_TAKE):
        for found in pattern.finditer(text):
            owner = found["owner"].strip()
            if not owner_like(owner):
                continue
            task = (found["task"] or "").strip()
            if not task:
                task = _sentence(text, found.start())
            return owner, " ".join(task.split())
    return None


def _sentence(text: str, start: int) -> str:
    end = _SENTENCE_END.search(text, start)
    return text[start : end.start() + 1 if end else len(text)]

"""The words on a withheld block's marker line: an optional title in quotes, then the reason.

    ::: exempt "Agenda Item 5: Staffing" Exempt under paragraph 3 of Schedule 12A

The title is the only part of an exempt item that is published besides its reason and
counts, so it must be exactly what the author wrote for publication: text in straight
("...") or curly (“...”) double quotes at the start of the words. Nothing is guessed: a
quote never closed is an error (the build stops rather than decide where the title ends),
and a title on a confidential item, which never shows one, is dropped with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import Env
from .problems import report

# An opening quote and the quotes that may close it (a word processor's curly quotes are
# often closed by a straight one after an edit).
_QUOTES = {'"': '"', "\u201c": '\u201d"'}


@dataclass(frozen=True)
class MarkerWords:
    title: str  # "" when none was written
    reason: str


def read_marker_words(env: Env, kind: str, words: str, line: int) -> MarkerWords:
    """The title and reason written after `::: kind` on 1-based `line` (problems to env)."""
    words = words.strip()
    closers = _QUOTES.get(words[:1])
    if closers is None:
        return MarkerWords("", words)
    end = next((n for n, ch in enumerate(words[1:], 1) if ch in closers), None)
    if end is None:
        report(
            env,
            line,
            "error",
            "the title in quotes on this marker line is not closed",
            f"close it before the reason: '::: {kind} \"Agenda Item 5: Staffing\" REASON'",
            code="withheld-title-unclosed",
        )
        return MarkerWords("", words[1:].strip())
    title, reason = " ".join(words[1:end].split()), words[end + 1 :].strip()
    if title and kind == "confidential":
        report(
            env,
            line,
            "warning",
            "a confidential item's title is never published; this one is dropped",
            "to show a title and reason, make the item '::: exempt \"TITLE\" REASON'; "
            "otherwise take the quoted title out",
            code="withheld-title-dropped",
        )
    return MarkerWords(title, reason)

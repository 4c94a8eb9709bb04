"""Whether two writings of an action are the same action: the same owner, the same task.

Minutes copy an action forward with small changes ("Follow up with PMC regarding commercial
sponsoring and external repository" comes back as "Follow up with PMC regarding commercial
sponsoring [ Isis ]"), so tasks match on most of their words, not on every character.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
_LINK_DEST = re.compile(r"\]\([^)]*\)")
_MIN_SHARE = 0.8
# Words that say nothing of which task it is.
_SMALL = {
    "a", "an", "the", "to", "of", "on", "for", "and", "or", "with", "in", "at", "by", "is",
    "be", "this", "that", "it", "as", "from", "about",
}  # fmt: skip
_MIN_WORDS = 2


def task_words(task: str) -> frozenset[str]:
    words = (w.casefold() for w in _WORD.findall(_LINK_DEST.sub("]", task)))
    return frozenset(w for w in words if w not in _SMALL)


def same_task(one: str, other: str) -> bool:
    """Most words shared (by the shorter), or one task the start of the other."""
    first, second = _words(one), _words(other)
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= _MIN_WORDS and longer[: len(shorter)] == shorter:
        return True  # "add leads to" and "add leads to https://..."
    a, b = task_words(one), task_words(other)
    if len(a) < _MIN_WORDS or len(b) < _MIN_WORDS:
        return " ".join(one.casefold().split()) == " ".join(other.casefold().split())
    shared = len(a & b)
    return shared / min(len(a), len(b)) >= _MIN_SHARE and shared / max(len(a), len(b)) >= 0.5


def _words(task: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(_LINK_DEST.sub("]", task))]


def same_owner(one: str | None, other: str | None) -> bool:
    """Owners as written, compared without case, marks or "@": "@Greg" is "greg"."""
    return owner_key(one) == owner_key(other)


def owner_key(owner: str | None) -> str:
    """An owner as written, as same_owner compares it: equal keys, the same owner."""
    return " ".join(w.lstrip("@") for w in (owner or "").replace("*", "").casefold().split())

"""Keys an author wrote to keep something off the site that would not.

Only a meeting's `status` (draft, scheduled) and a paper's `private` withhold anything read
from YAML; every other key that is no key of the format is ignored with a warning. Ignored,
a slip for one of those ("Status: draft", "staus: draft", "privat: true"), a way to withhold
that the format does not have ("draft: true", "confidential: yes", "published: no"), or a
`private: true` flag where `private:` only holds notes (a meeting, a person) would publish
what its author meant to withhold: each is an error instead.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

# How alike a key must be to the key that withholds to be taken for a slip of it: "staus",
# "statut" and "pirvate" are (0.91, 0.83, 0.86), "state" and "stage" are not (0.73).
_NEAR = 0.8
# Words of keys written to keep something off the site, none of them a key of the format.
_WITHHOLDING = (
    "priv", "confiden", "secret", "hidden", "hide", "exempt", "restrict", "internal",
    "draft", "publi", "unlist", "embargo", "withh",
)  # fmt: skip
_TRUE = {"true", "yes", "on", "y"}


def _folded(key: str) -> str:
    return "".join(key.split()).casefold()


def _near(key: str, meant: str) -> bool:
    return SequenceMatcher(None, _folded(key), meant).ratio() >= _NEAR


def _is_notes_key(key: str, value: Any, known: set[str]) -> bool:
    """'Private: some notes' where notes are allowed: ignored, and never published anyway."""
    return "private" in known and _near(key, "private") and not _is_true(value)


def _is_true(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in _TRUE


def misread_withholding(
    key: str, value: Any, known: set[str], withheld_by: str, what: str
) -> tuple[str, str] | None:
    """(message, hint) when `key: value` in `what` ("the meeting", "a paper") reads as meant
    to withhold and would not, else None.

    `withheld_by` is the setting that does withhold here ("status: draft" for a meeting,
    "private: true" for a paper), or "" where nothing can be withheld.
    """
    meant = withheld_by.partition(":")[0]
    if key == "private" and "private" in known and meant != "private" and _is_true(value):
        instead = f"; write '{withheld_by}' to keep it off the site" if withheld_by else ""
        return (
            f"'private: {value.strip()}' in {what} withholds nothing: 'private:' here holds "
            "only notes, which are never published",
            f"put the notes under 'private:'{instead}",
        )
    if key in known or not withheld_by or _is_notes_key(key, value, known):
        return None
    folded = _folded(key)
    if _near(key, meant) or any(word in folded for word in (meant, *_WITHHOLDING)):
        return (
            f"'{key}' in {what} is no key of the format; it reads as meant to keep this off "
            f"the site, which only '{meant}' does",
            f"write '{withheld_by}' to withhold it, or take '{key}' out",
        )
    return None

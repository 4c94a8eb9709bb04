"""Text as a reader sees it: invisible format characters gone, look-alike forms folded.

Used wherever two spellings that look the same must be treated the same: names matched
and slugged ("Ann\u200bPublic" is Ann Public), and the checks that a line which reads as a
withheld marker or a comment was taken as one.
"""

from __future__ import annotations

import unicodedata


def without_format_chars(text: str) -> str:
    """`text` less zero-width spaces, joiners, direction marks, soft hyphens and the like
    (Unicode category Cf), which change no glyph but make strings differ."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def folded(text: str) -> str:
    """NFKC of `text` without format characters: full-width, small and compatibility
    forms become the plain characters they look like (a full-width colon is ":")."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", without_format_chars(text))


def clean_name(name: str) -> str:
    """A person's or body's name as it is matched, slugged and shown: folded, with runs of
    spaces made one ("Ann\u200b Public" and "Ann  Public" are "Ann Public")."""
    return " ".join(folded(name).split())

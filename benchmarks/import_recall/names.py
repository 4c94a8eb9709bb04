"""The one rule that turns a name as written into the key labels and open data are compared by.

Labels store no names, only `name_key(name)`: the first 12 hex digits of the SHA-256 of the
normalised name. The same function is applied to every name the built site recovers, so a
name matches when both sides normalise alike. Normalising: NFKC; Markdown emphasis marks
dropped; everything from the first bracket on dropped (roles, organisations, handles,
"(at 10:40am)"), or the bracket's content when nothing comes before it; everything from the
first comma, semicolon, tab, spaced dash or spaced "@" on dropped ("Name, Organisation",
"Name - Role", "Name @ Company"); @handles dropped (a name that is only a handle keeps it);
casefolded; accents folded; any other character that is not a letter or digit is a space;
spaces collapsed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

KEY_LENGTH = 12  # hex digits of SHA-256 kept: enough to tell a group's people apart

_MARKUP = str.maketrans({"*": "", "`": "", "~": "", "\\": "", "_": " "})
_CLOSER = {"(": ")", "[": "]", "{": "}", "<": ">"}
_DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash
_SEPARATOR = re.compile(rf"[,;\t]|\s[{_DASHES}]+\s|\s@\s")
_HANDLE = re.compile(r"@\S+")


def _outside_brackets(text: str) -> str:
    first = next((i for i, c in enumerate(text) if c in _CLOSER), None)
    if first is None:
        return text
    before = text[:first]
    if before.strip(f" {_DASHES}:,;"):
        return before
    close = text.find(_CLOSER[text[first]], first + 1)
    return text[first + 1 : close if close != -1 else len(text)]


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).translate(_MARKUP)
    text = _SEPARATOR.split(_outside_brackets(text), maxsplit=1)[0]
    without_handles = _HANDLE.sub(" ", text)
    text = without_handles if without_handles.strip(" .") else text.replace("@", " ")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def name_key(name: str) -> str | None:
    """The stored form of a name; None when nothing of a name is left."""
    normal = normalise(name)
    if not normal:
        return None
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:KEY_LENGTH]

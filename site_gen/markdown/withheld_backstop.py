"""A backstop behind the withheld plugin: withheld sentences must not be in the page.

The plugin keeps a block's text out of the page's tokens by construction, and
markdown.fail_closed stops the build where the parser and the author could disagree. This
looks at the result instead: each line inside a withheld block that is a sentence of its
own (at least MIN_WORDS words) must not appear, word for word, in the meeting's rendered
minutes, which every other output (feeds, calendars, data, search) is made from, unless the
author wrote the same words outside the block too. A hit means a fault of site_gen (or of a
plugin added later), and the build stops rather than publish.

Cost: only meetings with withheld blocks are looked at, one pass over their text per line
withheld. False positives: short lines are skipped, the block's marker line and its title
(which the stub shows) are left out, and words also written in public are allowed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from markdown_it.token import Token

MIN_WORDS = 6
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>", re.IGNORECASE)


def _words(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def withheld_lines_published(source: str, tokens: list[Token], body_html: str) -> list[int]:
    """0-based lines of `source`, inside withheld blocks, whose words the page shows."""
    withheld = [token for token in tokens if token.type == "withheld" and token.map]
    if not withheld:
        return []
    lines = source.split("\n")
    inside: dict[int, bool] = {}  # line -> may the page show it (marker and title lines)
    for token in withheld:
        assert token.map
        first, end = token.map
        title = _words(token.meta["item"].title) if token.meta["item"].title else None
        for number in range(first, min(end, len(lines))):
            shown = number == first or (title is not None and _words(lines[number]) == title)
            inside[number] = inside.get(number, False) or shown
    page = _words(html.unescape(_TAG.sub(" ", body_html)))
    public = _words(_LINK_TARGET.sub(" ", "\n".join(_public_lines(lines, inside))))
    return [
        number
        for number, shown in sorted(inside.items())
        if not shown and _is_published(_words(_strip_markup(lines[number])), page, public)
    ]


def _public_lines(lines: list[str], inside: dict[int, bool]) -> Iterator[str]:
    return (line for number, line in enumerate(lines) if number not in inside)


def _strip_markup(line: str) -> str:
    return _LINK_TARGET.sub(" ", line)


def _is_published(phrase: str, page: str, public: str) -> bool:
    return phrase.count(" ") - 1 >= MIN_WORDS and phrase in page and phrase not in public
